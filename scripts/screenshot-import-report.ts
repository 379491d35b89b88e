/**
 * Makes docs/images/import-report.png, the picture of an import report in docs/data.md: runs the import (preview)
 * on docs/examples/facilities-import-example.csv in a temporary folder, reads the 备案名单-核对结果.csv it writes,
 * renders a few of its columns as an HTML table in Chromium and takes a screenshot.
 *
 *   ./node_modules/.bin/node scripts/screenshot-import-report.ts
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.ts';
import { main } from './import-facilities.ts';

const OUT = 'docs/images/import-report.png';
const SHOWN = ['机构名称', '处理结果', '错误原因', '自动修正'];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-report-shot-'));
try {
  const input = path.join(dir, '备案名单.csv');
  copyFileSync('docs/examples/facilities-import-example.csv', input);
  await main([input, '--out', path.join(dir, 'facilities')], () => {});
  const rows: string[][] = parseCsv(readFileSync(path.join(dir, '备案名单-核对结果.csv'), 'utf8'), {
    bom: true,
    relax_column_count: true,
  });
  const header = rows[0]!;
  const columns = SHOWN.map((name) => header.indexOf(name));
  const cell = (text: string, tag: string) => `<${tag}>${escapeHtml(text).replace(/\n/g, '<br>')}</${tag}>`;
  const body = rows.map((r, i) => {
    const tag = i === 0 ? 'th' : 'td';
    const cls =
      r[columns[1]!] === '错误' ? ' class="error"' : r[columns[1]!] === '新增' ? ' class="new"' : '';
    return `<tr${cls}>${cell(i === 0 ? '行' : String(i + 1), 'th')}${columns.map((c) => cell(r[c] ?? '', tag)).join('')}</tr>`;
  });
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
    body { font: 14px/1.5 "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; margin: 12px; background: #fff; color: #1a1a1a; }
    table { border-collapse: collapse; width: 980px; }
    th, td { border: 1px solid #b8b8b8; padding: 4px 8px; text-align: left; vertical-align: top; }
    tr:first-child th { background: #e8eef7; }
    th:first-child { background: #f2f2f2; width: 2em; text-align: center; }
    tr.error td:nth-child(3) { background: #f8d7da; }
    tr.new td:nth-child(3) { background: #d1e7dd; }
    td:nth-child(2) { width: 13em; } td:nth-child(3) { width: 4em; }
  </style><p>备案名单-核对结果.xlsx（Excel 中打开的样子，只显示机构名称和报告的几列）</p><table>${body.join('')}</table></html>`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1010, height: 300 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  mkdirSync(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT, fullPage: true });
  await browser.close();
  console.log(`Wrote ${OUT}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
