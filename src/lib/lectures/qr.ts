/**
 * The QR code of a confirmation code, as SVG: QR Code Model 2 (ISO/IEC 18004), version 1 (21×21), error correction
 * level H (30 % of the symbol may be lost: a cracked or glary phone screen at a venue), alphanumeric mode, the mask
 * with the lowest penalty, a 4-module quiet zone. Only what a 6-character code needs, so it costs ~1 KB instead of
 * a general encoder's ~4 KB in the sign-up island's budget. Checked module for module against the `qrcode` package
 * for every mask and decoded back with jsQR in tests/unit/lecture-qr.test.ts; the page's QR is decoded from a
 * Chromium screenshot in tests/e2e/lectures.test.ts.
 */
const SIZE = 21;
const DATA_CODEWORDS = 9; // version 1-H
const EC_CODEWORDS = 17;
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** Format information (level H, mask 0…7) with its BCH bits and the 0x5412 mask applied. */
const FORMAT = [0x1689, 0x13be, 0x1ce7, 0x19d0, 0x0762, 0x0255, 0x0d0c, 0x083b];
const MASKS: ((r: number, c: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (((r / 2) | 0) + ((c / 3) | 0)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

/** Multiplication in GF(2⁸) modulo x⁸+x⁴+x³+x²+1. */
function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) z = ((z << 1) ^ ((z >>> 7) * 0x11d) ^ (((y >>> i) & 1) * x)) & 0xff;
  return z;
}

/** The Reed–Solomon error-correction codewords of `data`. */
function errorCorrection(data: number[]): number[] {
  const divisor = new Array<number>(EC_CODEWORDS).fill(0);
  divisor[EC_CODEWORDS - 1] = 1;
  for (let i = 0, root = 1; i < EC_CODEWORDS; i++, root = gfMul(root, 2)) {
    for (let j = 0; j < EC_CODEWORDS; j++) divisor[j] = gfMul(divisor[j]!, root) ^ (divisor[j + 1] ?? 0);
  }
  const rest = new Array<number>(EC_CODEWORDS).fill(0);
  for (const b of data) {
    const factor = b ^ rest.shift()!;
    rest.push(0);
    divisor.forEach((coef, i) => {
      rest[i]! ^= gfMul(coef, factor);
    });
  }
  return rest;
}

/** The 9 data codewords: mode 0010, a 9-bit count, pairs in 11 bits, terminator, then 0xEC 0x11 padding. */
function dataCodewords(text: string): number[] {
  let bits = `0010${text.length.toString(2).padStart(9, '0')}`;
  for (let i = 0; i < text.length; i += 2) {
    const pair = text.slice(i, i + 2);
    const value = [...pair].reduce((v, ch) => v * 45 + ALNUM.indexOf(ch), 0);
    bits += value.toString(2).padStart(pair.length === 2 ? 11 : 6, '0');
  }
  bits = `${bits}0000`.slice(0, DATA_CODEWORDS * 8);
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  const bytes = bits.match(/.{8}/g)!.map((b) => parseInt(b, 2));
  for (let pad = 0xec; bytes.length < DATA_CODEWORDS; pad ^= 0xec ^ 0x11) bytes.push(pad);
  return bytes;
}

/** Finder patterns with separators, format areas and timing patterns: the modules data may not use. */
const isFunction = (r: number, c: number) =>
  (r < 9 && (c < 9 || c > 12)) || (r > 12 && c < 9) || r === 6 || c === 6;

/** The symbol's modules (true = dark), rows of columns; `mask` forces a mask pattern (otherwise the lowest penalty). */
export function qrMatrix(text: string, mask?: number): boolean[][] {
  if (text.length > 10 || [...text].some((ch) => !ALNUM.includes(ch)))
    throw new Error(`cannot encode ${JSON.stringify(text)} in a version 1-H alphanumeric QR code`);
  const data = dataCodewords(text);
  const bits = [...data, ...errorCorrection(data)].flatMap((b) =>
    [7, 6, 5, 4, 3, 2, 1, 0].map((i) => (b >>> i) & 1),
  );
  const build = (m: number) => {
    const q = Array.from({ length: SIZE }, (_, r) =>
      Array.from({ length: SIZE }, (_, c) => (r === 6 || c === 6) && (r + c) % 2 === 0),
    );
    for (const [r0, c0] of [
      [0, 0],
      [0, SIZE - 7],
      [SIZE - 7, 0],
    ] as const) {
      for (let r = -1; r <= 7; r++)
        for (let c = -1; c <= 7; c++) {
          const d = Math.max(Math.abs(r - 3), Math.abs(c - 3));
          if (q[r0 + r]?.[c0 + c] !== undefined) q[r0 + r]![c0 + c] = d !== 2 && d !== 4;
        }
    }
    // Data in two-column strips from the bottom right, up then down, skipping the vertical timing column.
    let i = 0;
    for (let right = SIZE - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      const upward = ((right + 1) & 2) === 0;
      for (let v = 0; v < SIZE; v++)
        for (const c of [right, right - 1]) {
          const r = upward ? SIZE - 1 - v : v;
          if (!isFunction(r, c)) q[r]![c] = (bits[i++] === 1) !== MASKS[m]!(r, c);
        }
    }
    const format = FORMAT[m]!;
    for (let k = 0; k < 15; k++) {
      const dark = ((format >>> k) & 1) === 1;
      q[k < 6 ? k : k < 8 ? k + 1 : 8]![k < 8 ? 8 : k === 8 ? 7 : 14 - k] = dark;
      q[k < 8 ? 8 : SIZE - 15 + k]![k < 8 ? SIZE - 1 - k : 8] = dark;
    }
    q[SIZE - 8]![8] = true;
    return q;
  };
  if (mask !== undefined) return build(mask);
  return MASKS.map((_, m) => build(m)).reduce((best, q) => (penalty(q) < penalty(best) ? q : best));
}

/** The mask penalty of ISO/IEC 18004 §7.8.3: runs, 2×2 blocks, finder-like patterns and the dark share. */
function penalty(q: boolean[][]): number {
  let points = 0;
  const lines = q
    .flatMap((row, r) => [row, q.map((x) => x[r]!)])
    .map((line) => line.map((d) => (d ? 1 : 0)).join(''));
  for (const line of lines) {
    for (const run of line.match(/0{5,}|1{5,}/g) ?? []) points += run.length - 2;
    for (let i = 0; i + 11 <= SIZE; i++)
      if (/^(10111010000|00001011101)$/.test(line.slice(i, i + 11))) points += 40;
  }
  for (let r = 0; r < SIZE - 1; r++)
    for (let c = 0; c < SIZE - 1; c++) {
      const n = +q[r]![c]! + +q[r]![c + 1]! + +q[r + 1]![c]! + +q[r + 1]![c + 1]!;
      if (n % 4 === 0) points += 3;
    }
  const darkPercent = (q.flat().filter(Boolean).length * 100) / SIZE ** 2;
  return points + Math.abs(Math.ceil(darkPercent / 5) - 10) * 10;
}

/** An SVG of the code: one path of dark runs on a white square, 4 modules of quiet zone. */
export function qrSvg(text: string): string {
  const n = SIZE + 8;
  let d = '';
  qrMatrix(text).forEach((row, r) => {
    for (const m of row
      .map((x) => (x ? 1 : 0))
      .join('')
      .matchAll(/1+/g))
      d += `M${m.index + 4} ${r + 4}h${m[0].length}v1h-${m[0].length}z`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges"><path fill="#fff" d="M0 0h${n}v${n}H0z"/><path d="${d}"/></svg>`;
}
