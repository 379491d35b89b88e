/**
 * The confirmation code's QR code (src/lib/lectures/qr.ts) against two independent parts: the `qrcode` package
 * (module for module, for every mask, and the mask it picks itself) and the jsQR decoder reading a bitmap drawn from
 * the SVG. The codes are drawn from the database's alphabet with a fixed seed.
 */
import jsQR from 'jsqr';
import QRCode, { type QRCodeMaskPattern } from 'qrcode';
import { describe, expect, test } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH } from '../../src/lib/lectures/model.ts';
import { qrMatrix, qrSvg } from '../../src/lib/lectures/qr.ts';

/** A small seeded generator (mulberry32), so a failure names a code that can be rerun. */
function codes(count: number, seed = 20261130): string[] {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[Math.floor(next() * CODE_ALPHABET.length)]).join(
      '',
    ),
  );
}
const SAMPLE = ['YYYYYY', '333333', '34679A', ...codes(150)];

/** What the reference encoder makes: version 1, level H, alphanumeric, as rows of booleans. */
function reference(code: string, maskPattern?: QRCodeMaskPattern): boolean[][] {
  const qr = QRCode.create([{ data: code, mode: 'alphanumeric' }], {
    version: 1,
    errorCorrectionLevel: 'H',
    ...(maskPattern === undefined ? {} : { maskPattern }),
  });
  const { size, data } = qr.modules;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => data[r * size + c] === 1),
  );
}

/** Draws the SVG's path (`M x y h w v1 h-w z` runs, as qrSvg writes them) into an RGBA bitmap, 8 px a module. */
function rasterize(svg: string, scale = 8) {
  const n = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const w = n * scale;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  const dark = svg.split('<path d="')[1]!.split('"')[0]!;
  let runs = 0;
  for (const [, x, y, len] of dark.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    runs++;
    for (let py = +y! * scale; py < (+y! + 1) * scale; py++)
      for (let px = +x! * scale; px < (+x! + +len!) * scale; px++)
        rgba.fill(0, (py * w + px) * 4, (py * w + px) * 4 + 3);
  }
  return { rgba, width: w, runs };
}

describe('QR code of a confirmation code', () => {
  test.each([0, 1, 2, 3, 4, 5, 6, 7] as const)(
    'mask %i: module for module what the qrcode package makes',
    (mask) => {
      for (const code of SAMPLE)
        expect(qrMatrix(code, mask), `${code}, mask ${mask}`).toEqual(reference(code, mask));
    },
  );

  test('the mask chosen by penalty is the one the qrcode package chooses', () => {
    const differs = SAMPLE.filter(
      (code) => JSON.stringify(qrMatrix(code)) !== JSON.stringify(reference(code)),
    );
    expect(differs).toEqual([]);
  });

  test('jsQR reads every code back from the drawn SVG, with the 4-module quiet zone', () => {
    for (const code of SAMPLE) {
      const svg = qrSvg(code);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 29 29"/);
      const { rgba, width, runs } = rasterize(svg);
      expect(runs).toBeGreaterThan(21);
      expect(jsQR(rgba, width, width)?.data, code).toBe(code);
    }
  });

  test('still read with a quarter of the data area scratched out (level H)', () => {
    for (const code of SAMPLE.slice(0, 20)) {
      const { rgba, width } = rasterize(qrSvg(code));
      // Blank a 5×4-module patch of data modules (rows 13–16, columns 14–18 of the symbol, clear of finders).
      for (let py = (13 + 4) * 8; py < (17 + 4) * 8; py++)
        for (let px = (14 + 4) * 8; px < (19 + 4) * 8; px++)
          rgba.fill(255, (py * width + px) * 4, (py * width + px) * 4 + 3);
      expect(jsQR(rgba, width, width)?.data, code).toBe(code);
    }
  });

  test('refuses what it cannot encode instead of drawing a wrong code', () => {
    expect(() => qrSvg('abc123')).toThrow(/cannot encode/);
    expect(() => qrSvg('ABCDEFGHIJK')).toThrow(/cannot encode/);
  });
});
