/**
 * Writes the import test fixtures, tests/fixtures/import/*.csv|xlsx: the kinds of files a district office keeps
 * (title rows, GBK CSV, other column names, full-width digits, phone numbers as people type them, duplicates,
 * swapped and AMap coordinates, a 编号 renamed between two imports, sparse rows, formulas saved without results,
 * cells reading 待核实).
 * The expected outcome of each is written out in tests/unit/import-fixtures.test.ts.
 *
 *   ./node_modules/.bin/node scripts/make-import-fixtures.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const FIXTURE_DIR = 'tests/fixtures/import';

const csv = (rows: (string | number)[][]) =>
  `${rows
    .map((r) =>
      r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','),
    )
    .join('\r\n')}\r\n`;

/** Columns most lists have, in the district's own words. */
const BASIC = [
  '机构名称',
  '街道/镇',
  '地址',
  '类型',
  '性质',
  '普惠',
  '备案状态',
  '收托月龄',
  '托育形式',
  '核实日期',
];
const basic = (name: string, township: string, address: string) => [
  name,
  township,
  address,
  '托育机构',
  '民办',
  '否',
  '已备案',
  '12-36',
  '全日托',
  '2026-10-20',
];

async function titleRowsWorkbook(file: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 9, 20));
  const sheet = workbook.addWorksheet('备案名单');
  sheet.addRow(['贵池区托育机构备案名单（2026年）']);
  sheet.mergeCells('A1:O1');
  sheet.addRow(['填报单位：贵池区卫生健康委员会　　填报日期：2026年10月20日']);
  sheet.addRow([
    '序号',
    '编号',
    '托育机构名称',
    '所属街道（镇）',
    '详细地址',
    '联系方式',
    '托位数量',
    '收托月龄',
    '类型',
    '性质',
    '是否普惠',
    '备案状态',
    '托育服务形式',
    '核实日期',
    '联系人',
  ]);
  sheet.addRow([
    1,
    '池卫托备〔2024〕1号',
    '池阳小橡树托育园',
    '池阳街道',
    '池州市贵池区池阳路1号',
    '+86 138 1234 5678',
    '１２０',
    '6～36个月',
    '托育机构',
    '民办',
    '是',
    '已备案',
    '全日托、半日托',
    '2026年10月20日',
    '张老师',
  ]);
  sheet.addRow([
    2,
    '',
    '秋浦向日葵托育园',
    '秋浦',
    '池州市贵池区秋浦路2号',
    5662031234,
    60,
    '6-36',
    '托育机构',
    '公办',
    '否',
    '已备案',
    '全日托',
    new Date(Date.UTC(2026, 9, 20)),
    '李老师',
  ]);
  sheet.addRow([
    3,
    '池卫托备〔2024〕3号',
    '棠溪社区托育点',
    '棠溪镇',
    '池州市贵池区棠溪镇石门村',
    '0566 1234567',
    '２０',
    '0-3岁',
    '社区托育点',
    '公办',
    '是',
    '备案中',
    '临时托',
    '二〇二六年十月二十日',
    '',
  ]);
  sheet.addRow([]);
  sheet.addRow(['注：本表由区卫生健康委员会汇总。']);
  await workbook.xlsx.writeFile(file);
}

async function formulaWorkbook(file: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 9, 20));
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(BASIC);
  sheet.addRow(basic('', '池阳街道', '池州市贵池区池阳路8号'));
  sheet.getCell('A2').value = {
    formula: 'CONCATENATE("池阳","晨光托育园")',
    result: '池阳晨光托育园',
  } as ExcelJS.CellFormulaValue;
  sheet.addRow(basic('', '秋浦街道', '池州市贵池区秋浦路9号'));
  sheet.getCell('A3').value = { formula: 'CONCATENATE("秋浦","明珠托育园")' } as ExcelJS.CellFormulaValue;
  await workbook.xlsx.writeFile(file);
}

/**
 * A government export as it comes: title rows, a two-row header with merged group titles (托位情况 over 核定托位数 /
 * 空余托位, 收费标准（元/月） over 全日托 / 半日托, 地理坐标 over 经度 / 纬度) and vertically merged single titles,
 * a blank separator, a 合计 row and a signature row. `flat` drops the sub-title row (the clerk's "fix").
 */
async function governmentWorkbook(file: string, flat: boolean) {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 10, 10));
  const sheet = workbook.addWorksheet('备案机构');
  sheet.addRow(['贵池区托育机构备案情况统计表']);
  sheet.mergeCells('A1:S1');
  sheet.addRow(['填报单位：贵池区卫生健康委员会']);
  const top = [
    '序号',
    '机构名称',
    '所属街道',
    '详细地址',
    '类型',
    '性质',
    '是否普惠',
    '备案状态',
    '收托月龄',
    '托育形式',
    '托位情况',
    '托位情况',
    '收费标准（元/月）',
    '收费标准（元/月）',
    '地理坐标',
    '地理坐标',
    '联系电话',
    '空余统计日期',
    '核实日期',
  ];
  sheet.addRow(top);
  if (!flat) {
    sheet.addRow([]);
    sheet.getCell('K4').value = '核定托位数';
    sheet.getCell('L4').value = '空余托位';
    sheet.getCell('M4').value = '全日托';
    sheet.getCell('N4').value = '半日托';
    sheet.getCell('O4').value = '经度';
    sheet.getCell('P4').value = '纬度';
    for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'Q', 'R', 'S'])
      sheet.mergeCells(`${c}3:${c}4`);
  }
  sheet.mergeCells('K3:L3');
  sheet.mergeCells('M3:N3');
  sheet.mergeCells('O3:P3');
  const asOf = new Date(Date.UTC(2026, 10, 10));
  const rows: unknown[][] = [
    [
      1,
      '池阳晨曦托育园',
      '池阳',
      '池州市贵池区长江南路101号',
      '托育机构',
      '民办',
      '是',
      '已备案',
      '6-36',
      '全日托、半日托',
      80,
      12,
      1800,
      1100,
      117.4912,
      30.6601,
      '0566 2021234转8001',
      asOf,
      asOf,
    ],
    [
      2,
      '秋浦育苗托育园',
      '秋浦街道',
      '池州市贵池区秋浦西路12号',
      '托育机构',
      '公办',
      '否',
      '已备案',
      '12-36',
      '全日托',
      40,
      0,
      1500,
      '',
      117.483,
      30.659,
      '13855660001',
      asOf,
      asOf,
    ],
    [
      3,
      '江口小太阳托育园',
      '江口街道',
      '池州市贵池区江口路30号',
      '社区托育点',
      '公办',
      '是',
      '备案中',
      '18-36',
      '全日托',
      20,
      5,
      900,
      '',
      117.47,
      30.64,
      '0566-2030030',
      asOf,
      asOf,
    ],
  ];
  for (const row of rows) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow(['合计', '', '', '', '', '', '', '', '', '', 140, 17]);
  sheet.addRow(['填表人：张三', '', '', '', '', '审核人：李四', '', '', '', '', '填报日期：2026年11月10日']);
  await workbook.xlsx.writeFile(file);
}

/** A month-later update with the list's date only in the title row ("填报日期：2026年12月"), no date columns. */
async function monthlyWorkbook(file: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 11, 1));
  const sheet = workbook.addWorksheet('空余托位');
  sheet.addRow(['贵池区托育机构空余托位（填报日期：2026年12月）']);
  sheet.mergeCells('A1:C1');
  sheet.addRow(['机构名称', '所属街道', '空余托位']);
  sheet.addRow(['池阳晨曦托育园', '池阳街道', 6]);
  await workbook.xlsx.writeFile(file);
}

/**
 * Several worksheets: a summary sheet first (no header), then the list. `twoLists` adds a second month's list, so
 * the clerk must choose with --sheet.
 */
async function sheetsWorkbook(file: string, twoLists: boolean) {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 10, 10));
  const summary = workbook.addWorksheet('汇总');
  summary.addRow(['贵池区托育机构汇总']);
  summary.addRow(['街道数', 20]);
  summary.addRow(['机构数', 1]);
  const months = twoLists ? ['11月名单', '10月名单'] : ['名单'];
  for (const [k, name] of months.entries()) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(BASIC);
    sheet.addRow(basic(k ? '乌沙十月托育园' : '乌沙新苗托育园', '乌沙镇', '池州市贵池区乌沙镇1号'));
  }
  await workbook.xlsx.writeFile(file);
}

export async function makeFixtures(dir = FIXTURE_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, string | Buffer> = {
    'gbk.csv': iconv.encode(
      csv([BASIC, basic('江口彩虹托育园', '江口街道', '池州市贵池区江口路3号')]),
      'gbk',
    ),
    // 㙟 (U+365F) is in GB18030 (four bytes) but not in GBK.
    'gb18030.csv': iconv.encode(
      csv([BASIC, basic('里山㙟龙托育园', '里山街道', '池州市贵池区里山路4号')]),
      'gb18030',
    ),
    'lookalike.csv': `\uFEFF${csv([
      [...BASIC, '托位数目', '电话号'],
      [...basic('马衙小星星托育园', '马衙街道', '池州市贵池区马衙路5号'), '30', '0566-2000005'],
    ])}`,
    'duplicates.csv': csv([
      [...BASIC, '电话'],
      [...basic('池阳小橡树托育园', '池阳街道', '池州市贵池区池阳路1号'), '0566-2000001'],
      [...basic('池阳小橡树托育园', '池阳街道', '池州市贵池区池阳路11号'), '0566-2000011'],
      [...basic('梅龙阳光托育园', '梅龙街道', '池州市贵池区梅龙路6号'), '0566-2000006'],
      [...basic('梅龙阳光宝贝托育园', '梅龙街道', '池州市贵池区梅龙路6号'), '0566 2000006'],
    ]),
    'positions.csv': csv([
      [...BASIC, '纬度', '经度', '坐标系'],
      [...basic('池阳定位正确托育园', '池阳街道', '池州市贵池区池阳路10号'), '30.659', '117.483', ''],
      [...basic('池阳经纬颠倒托育园', '池阳街道', '池州市贵池区池阳路12号'), '117.483', '30.659', ''],
      [...basic('合肥位置托育园', '池阳街道', '池州市贵池区池阳路14号'), '31.82', '117.23', ''],
      [...basic('池阳高德坐标托育园', '池阳街道', '池州市贵池区池阳路16号'), '30.661', '117.489', 'GCJ-02'],
      // WGS-84 30.6, 117.7345 is just inside the eastern edge; its AMap (GCJ-02) position is just outside.
      [...basic('边界高德坐标托育园', '梅街镇', '池州市贵池区梅街镇18号'), '30.597585', '117.739903', ''],
    ]),
    'renamed-before.csv': csv([
      ['编号', ...BASIC],
      ['池卫托备〔2024〕7号', ...basic('清风蒲公英托育园', '清风街道', '池州市贵池区清风路7号')],
    ]),
    'renamed-after.csv': csv([
      ['编号', ...BASIC],
      ['池卫托备〔2025〕7号', ...basic('清风蒲公英托育园', '清风街道', '池州市贵池区清风路7号')],
    ]),
    'sparse.csv': `\uFEFF${csv([
      ['机构名称', '街道/镇', '联系电话', '托位数'],
      ['池阳小橡树托育园', '池阳街道', '0566-2000002', ''],
    ])}`,
    // 待核实: a field still to verify (left out, listed under unverified), mixed with a value, in a column that
    // cannot wait, and a record with nothing to verify but no 核实日期; then the same facility partly checked.
    'unverified.csv': csv([
      [...BASIC, '电话', '纬度', '经度'],
      [
        '池阳待核实托育园',
        '池阳街道',
        '待核实',
        '托育机构',
        '待核实',
        '否',
        '已备案',
        '待核实',
        '全日托',
        '',
        '待核实',
        '待核实',
        '待核实',
      ],
      [...basic('秋浦混写托育园', '秋浦街道', '池州市贵池区秋浦路20号'), '0566-2000020', '待核实', '117.49'],
      [
        ...basic('江口类型未定托育园', '江口街道', '池州市贵池区江口路21号').with(3, '待核实'),
        '0566-2000021',
        '',
        '',
      ],
      [
        ...basic('梅龙未写日期托育园', '梅龙街道', '池州市贵池区梅龙路22号').with(9, ''),
        '0566-2000022',
        '',
        '',
      ],
    ]),
    'unverified-later.csv': csv([
      [...BASIC, '电话', '纬度', '经度'],
      [
        '池阳待核实托育园',
        '池阳街道',
        '池州市贵池区池阳路23号',
        '托育机构',
        '',
        '否',
        '已备案',
        '待核实',
        '待核实',
        '',
        '0566-2000023',
        '',
        '',
      ],
    ]),
    // 经度 and 纬度 in one column, in either order, with half- and full-width commas, a space or a semicolon.
    'coords.csv': `\uFEFF${csv([
      [...BASIC, '经纬度'],
      [...basic('池阳经纬托育园', '池阳街道', '池州市贵池区池阳路31号'), '117.4912,30.6601'],
      [...basic('秋浦经纬托育园', '秋浦街道', '池州市贵池区秋浦路32号'), '30.659，117.483'],
      [...basic('江口经纬托育园', '江口街道', '池州市贵池区江口路33号'), '30.64 117.47'],
      [...basic('梅龙经纬托育园', '梅龙街道', '池州市贵池区梅龙路34号'), '117.46;30.62'],
      [...basic('里山经纬托育园', '里山街道', '池州市贵池区里山路35号'), '30.66'],
    ])}`,
    // December's vacancy counts without a date column; a new facility without a 核实日期 column.
    'vacancies-no-date.csv': csv([
      ['机构名称', '街道/镇', '空余托位'],
      ['池阳晨曦托育园', '池阳街道', '7'],
    ]),
    // A list printed over two pages: the header repeated between them, a 小计 per page, a 总计 and a note.
    'pages.csv': csv([
      BASIC,
      basic('殷汇一页托育园', '殷汇镇', '池州市贵池区殷汇镇1号'),
      ['小计', '1家', '', '', '', '', '', '', '', ''],
      BASIC,
      basic('殷汇二页托育园', '殷汇镇', '池州市贵池区殷汇镇2号'),
      ['总 计', '2家', '', '', '', '', '', '', '', ''],
      ['说明：托位数以备案证为准。', '', '', '', '', '', '', '', '', ''],
    ]),
    // A new facility with a vacancy count but no 空余统计日期 column.
    'vacancy-no-date-new.csv': csv([
      [...BASIC, '托位数', '空余托位'],
      [...basic('梅街空位托育园', '梅街镇', '池州市贵池区梅街镇空位路2号'), '30', '4'],
    ]),
    // Last month's list opened by mistake: its dates are older than the site's.
    'older.csv': csv([
      ['机构名称', '街道/镇', '空余托位', '空余统计日期', '核实日期'],
      ['池阳晨曦托育园', '池阳街道', '20', '2026-10-20', '2026-10-20'],
    ]),
    'no-date-column.csv': csv([
      BASIC.slice(0, 9),
      basic('梅街新苗托育园', '梅街镇', '池州市贵池区梅街镇新苗路1号').slice(0, 9),
    ]),
  };
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), content);
    written.push(name);
  }
  await titleRowsWorkbook(path.join(dir, 'title-rows.xlsx'));
  await formulaWorkbook(path.join(dir, 'formula.xlsx'));
  await governmentWorkbook(path.join(dir, 'government.xlsx'), false);
  await governmentWorkbook(path.join(dir, 'government-flat.xlsx'), true);
  await monthlyWorkbook(path.join(dir, 'monthly.xlsx'));
  await sheetsWorkbook(path.join(dir, 'sheets.xlsx'), false);
  await sheetsWorkbook(path.join(dir, 'sheets-two-lists.xlsx'), true);
  return [
    'sheets.xlsx',
    'sheets-two-lists.xlsx',
    ...written,
    'title-rows.xlsx',
    'formula.xlsx',
    'government.xlsx',
    'government-flat.xlsx',
    'monthly.xlsx',
  ];
}

if (import.meta.main) console.log(`Wrote ${(await makeFixtures()).join(', ')} to ${FIXTURE_DIR}`);
