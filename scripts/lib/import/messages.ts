/**
 * Every word the import command says, in Chinese (the default) and English (`--lang en`). A message about a cell
 * names the spreadsheet row, the column header as the clerk wrote it, the value as read, and what to type instead.
 * No internal field names and no library wording reach the clerk.
 */
import { UNVERIFIED_CELL, type ColumnKey } from '../../../src/lib/facilities/columns.ts';
import { FACILITY_TYPES } from '../../../src/lib/schemas/facility-enums.ts';
import { zhCN } from '../../../src/lib/i18n/zh-CN.ts';
import type { NoteCode } from './normalize.ts';
import { DISTRICT, outlinePath } from '../../../src/districts/index.ts';
import { readFileSync } from 'node:fs';

/** The district's names and its rough extent (from its outline, to 0.1°), for the hints below. */
const D = DISTRICT;
const T0 = D.townships[0]!.name;
const T1 = D.townships.at(-1)!.name;
const [LNG, LAT] = (() => {
  const text = readFileSync(outlinePath(), 'utf8');
  const nums = [...text.matchAll(/\[(-?\d+\.?\d*),\s*(-?\d+\.?\d*)\]/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
  const range = (k: 0 | 1) => {
    const v = nums.map((n) => n[k]!);
    return [Math.floor(Math.min(...v) * 10) / 10, Math.ceil(Math.max(...v) * 10) / 10] as const;
  };
  return [range(0), range(1)];
})();
const EX_LAT = D.center_gcj02[1].toFixed(3);
const EX_LNG = D.center_gcj02[0].toFixed(3);
const AREA = D.phone_area_code;
/** Guichi (not Guichi District) where English says "Guichi is about …" */
const SHORT_EN = D.name_en.replace(/ (District|County|City|Banner)$/, '');
/** 街道、镇 (Guichi) or 镇、乡 (Dongzhi): the kinds of township the district has, in the order they appear */
const KINDS = [...new Set(D.townships.map((t) => t.type))];

export type Lang = 'zh' | 'en';
type Params = Record<string, string | number>;
type BilingualMessage = { zh: (p: Params) => string; en: (p: Params) => string };

/** Where a message points: spreadsheet row, header as written, cell reference, value as read. */
export interface Where {
  row?: number;
  header?: string;
  cell?: string;
  value?: string;
}
export interface Issue extends Where {
  code: IssueCode;
  p?: Params;
}
export interface Note extends Where {
  code:
    | NoteCode
    | 'datum_gcj02'
    | 'datum_bd09'
    | 'kept_existing'
    | 'kept_unverified'
    | 'coords_lng_first'
    | 'coords_lat_first';
  /** the value stored */
  to: string;
}

/** The facility types as the pages and the open-data CSV write them. */
const TYPE_LABELS = FACILITY_TYPES.map((t) => zhCN[`type.${t}`]);
const U = UNVERIFIED_CELL;

/** What to type, per column. */
export const HINTS: Record<ColumnKey | 'ages' | 'datum' | 'coords', { zh: string; en: string }> = {
  id: {
    zh: '小写字母、数字和连字符（如 chiyang-3），或者空着让程序生成',
    en: 'lower-case letters, digits and hyphens (e.g. chiyang-3), or leave it empty',
  },
  filing_number: {
    zh: '备案编号（如 池卫托备〔2024〕1号），没有可以空着',
    en: 'the filing number (e.g. 池卫托备〔2024〕1号), or leave it empty',
  },
  name: { zh: '机构名称', en: 'the facility name' },
  name_en: { zh: '英文名称，没有可以空着', en: 'the English name, or leave it empty' },
  type: { zh: `${TYPE_LABELS.join('、')} 之一`, en: `one of ${TYPE_LABELS.join(', ')}` },
  ownership: { zh: '公办 或 民办', en: '公办 (public) or 民办 (private)' },
  inclusive: { zh: '是 或 否', en: '是 (yes) or 否 (no)' },
  demonstration_level: {
    zh: '省级、市级 或 区级，不是示范机构就空着',
    en: '省级, 市级 or 区级, or leave it empty',
  },
  demonstration_year: { zh: '命名年份，如 2024', en: 'the year it was named, e.g. 2024' },
  filing: { zh: '已备案、备案中 或 未备案', en: '已备案, 备案中 or 未备案' },
  township: {
    zh: `${D.name}${D.townships.length}个${KINDS.join('、')}之一，如 ${T0}、${T1}（可以不写${KINDS.map((k) => `“${k}”`).join('')}）`,
    en: `one of the ${D.townships.length} townships, e.g. ${T0} or ${T1}`,
  },
  address: { zh: '详细地址', en: 'the street address' },
  lat: {
    zh: `纬度，小数，如 ${EX_LAT}（${D.name}约 ${LAT[0]}–${LAT[1]}）`,
    en: `latitude as a decimal, e.g. ${EX_LAT} (${SHORT_EN} is about ${LAT[0]}–${LAT[1]})`,
  },
  lng: {
    zh: `经度，小数，如 ${EX_LNG}（${D.name}约 ${LNG[0]}–${LNG[1]}）`,
    en: `longitude as a decimal, e.g. ${EX_LNG} (${SHORT_EN} is about ${LNG[0]}–${LNG[1]})`,
  },
  location_verified: { zh: '是 或 否（位置是否到现场核实过）', en: '是 (yes) or 否 (no)' },
  phone: {
    zh: `一个电话号码，固定电话如 ${AREA}-1234567（有分机写 ${AREA}-1234567 转 8001），手机如 13812345678`,
    en: `one phone number, e.g. ${AREA}-1234567 (with an extension ${AREA}-1234567 转 8001) or 13812345678`,
  },
  min_months: { zh: '月数（整数），如 6', en: 'a number of months, e.g. 6' },
  max_months: { zh: '月数（整数），如 36', en: 'a number of months, e.g. 36' },
  places: { zh: '整数，如 60', en: 'a whole number, e.g. 60' },
  vacancies: { zh: '整数，如 8', en: 'a whole number, e.g. 8' },
  vacancies_as_of: { zh: '日期，如 2026-10-20 或 2026年10月20日', en: 'a date, e.g. 2026-10-20' },
  vacancies_under_12m: {
    zh: '1岁以下的空余托位，整数，如 2；几个年龄段加起来要等于「空余托位」',
    en: 'free places for children under 1, a whole number; the age bands add up to 空余托位',
  },
  vacancies_m12_24: {
    zh: '1–2岁的空余托位，整数，如 3；几个年龄段加起来要等于「空余托位」',
    en: 'free places for children aged 1–2, a whole number; the age bands add up to 空余托位',
  },
  vacancies_m24_36: {
    zh: '2–3岁的空余托位，整数，如 3；几个年龄段加起来要等于「空余托位」',
    en: 'free places for children aged 2–3, a whole number; the age bands add up to 空余托位',
  },
  care_forms: {
    zh: '全日托、半日托、计时托、临时托 中的一个或几个，用顿号隔开',
    en: 'one or more of 全日托, 半日托, 计时托, 临时托, separated by 、',
  },
  fee_full_day: { zh: '每月收费（元），整数，如 1800', en: 'the monthly fee in yuan, e.g. 1800' },
  fee_half_day: { zh: '每月收费（元），整数，如 1100', en: 'the monthly fee in yuan, e.g. 1100' },
  fee_hourly: { zh: '每月收费（元），整数', en: 'the monthly fee in yuan' },
  fee_temporary: { zh: '每月收费（元），整数', en: 'the monthly fee in yuan' },
  hours: { zh: '营业时间，如 周一至周五 7:30–17:30', en: 'opening hours, e.g. 周一至周五 7:30–17:30' },
  prepayment_max_months: {
    zh: '最多提前收几个月的费用，0 到 12 的整数（按月交费写 0）',
    en: 'the most months of fees taken in advance, a whole number from 0 to 12 (0: paid month by month)',
  },
  prepayment_refund: {
    zh: '退费规则，机构自己的说法，300 字以内，如 退园按剩余整月退还',
    en: 'the refund rule in the facility’s own words, at most 300 characters',
  },
  closure_from: {
    zh: '暂停服务的第一天，如 2026-12-01',
    en: 'the first day of the closure, e.g. 2026-12-01',
  },
  closure_until: {
    zh: '恢复服务前的最后一天，如 2026-12-31，不能早于「暂停服务起」；还不知道就空着',
    en: 'the last day of the closure, e.g. 2026-12-31, not before 暂停服务起; leave it empty if not known',
  },
  closure_reason: {
    zh: '暂停服务的原因，200 字以内，如 园舍维修',
    en: 'the reason for the closure, at most 200 characters',
  },
  health_partner: { zh: '签约的社区卫生服务中心名称', en: 'the partner community health centre' },
  inspection_date: { zh: '日期，如 2026-09-20', en: 'a date, e.g. 2026-09-20' },
  inspection_result: { zh: '合格、限期整改 或 不合格', en: '合格, 限期整改 or 不合格' },
  source: { zh: '数据来源，如 区卫健委备案名单', en: 'where the data comes from' },
  last_verified: { zh: '日期，如 2026-10-20 或 2026年10月20日', en: 'a date, e.g. 2026-10-20' },
  ages: { zh: '月龄范围，如 6-36 或 6～36个月 或 0-3岁', en: 'an age range, e.g. 6-36, 6～36个月 or 0-3岁' },
  coords: {
    zh: `经度和纬度两个数，经度在前（如 ${EX_LNG},${EX_LAT}）或纬度在前（如 ${EX_LAT},${EX_LNG}）都可以，用逗号、空格或分号隔开`,
    en: `longitude and latitude, either order (e.g. ${EX_LNG},${EX_LAT} or ${EX_LAT},${EX_LNG}), separated by a comma, space or semicolon`,
  },
  datum: {
    zh: 'WGS-84、GCJ-02（高德、腾讯地图）或 BD-09（百度地图）',
    en: 'WGS-84, GCJ-02 (AMap, Tencent) or BD-09 (Baidu)',
  },
};

const ISSUES = {
  bad_value: { zh: (p) => `应填写${p.hint}`, en: (p) => `type ${p.hint}` },
  required: {
    zh: (p) => `不能空着，请填写${p.hint}${p.canWait ? `；还没核实的，写“${U}”` : ''}`,
    en: (p) =>
      `must not be empty: type ${p.hint}${p.canWait ? `, or ${U} (to be verified) if it has not been checked yet` : ''}`,
  },
  new_needs_column: {
    zh: (p) =>
      `这是新机构，需要「${p.header}」，但表格里没有这一列。请加一列「${p.header}」，填写${p.hint}${p.canWait ? `；还没核实的，写“${U}”` : ''}`,
    en: (p) =>
      `this is a new facility and needs "${p.header}", but the sheet has no such column. Add a column "${p.header}" and type ${p.hint}${p.canWait ? `, or ${U} (to be verified) if it has not been checked yet` : ''}`,
  },
  verified_date_needed: {
    zh: () =>
      `需要核实日期，如 2026-10-20：内容都核实过的机构，要写明是哪天核实的。还有没核实的内容，就在那几格写“${U}”`,
    en: () =>
      `the date the record was checked is needed, e.g. 2026-10-20, once nothing is left to verify. If something is not checked yet, write ${U} in its cells`,
  },
  no_date_column: {
    zh: (p) =>
      `表格里没有「${p.header}」列：${p.what}。请加一列「${p.header}」，或运行时加 --${p.option} ${p.today}（写实际的日期）`,
    en: (p) =>
      `the sheet has no column "${p.header}": ${p.what}. Add a column "${p.header}", or add --${p.option} ${p.today} (the real date)`,
  },
  vacancy_date_stale: {
    zh: (p) =>
      `空余托位从 ${p.from} 改成 ${p.to}，但没有新的统计日期，网站上会配着旧日期 ${p.asOf} 显示。${p.hasColumn ? `请在这一行的「${p.header}」格子里写上这个数是哪天统计的` : `请加一列「${p.header}」写上这个数是哪天统计的`}，或运行时加 --vacancy-date ${p.today}（写实际的日期）`,
    en: (p) =>
      `vacancies change from ${p.from} to ${p.to} but no new date is given, so the site would show the old date ${p.asOf}. ${p.hasColumn ? `Write the date of the count in this row's "${p.header}" cell` : `Add a column "${p.header}" with the date of the count`}, or add --vacancy-date ${p.today} (the real date)`,
  },
  cannot_wait: {
    zh: (p) => `这一列不能写“${U}”（只有性质、地址、电话、托位数这类机构信息可以写“${U}”）。请填写${p.hint}`,
    en: (p) =>
      `this column cannot say ${U} (only facts about the facility, such as ownership, address, phone or places, can wait for verification): type ${p.hint}`,
  },
  unverified_mixed: {
    zh: (p) =>
      `「${p.other}」写的是“${U}”，这一格和它是同一项内容。请把这一格也改成“${U}”或者清空；已经核实了，就把「${p.other}」也填上`,
    en: (p) =>
      `"${p.other}" says ${U} and this cell belongs to the same item: write ${U} here too or empty it; if it has been checked, fill in "${p.other}" as well`,
  },
  pair: {
    zh: (p) => `「${p.other}」填了，这一格也要填写：${p.hint}`,
    en: (p) => `"${p.other}" is filled in, so this cell must be too: ${p.hint}`,
  },
  formula: {
    zh: (p) =>
      `单元格 ${p.cell} 是公式（=${p.formula}），文件里没有保存计算结果。请用 Excel 打开这个文件、保存一次再导入，或者把公式改成数值`,
    en: (p) =>
      `cell ${p.cell} is a formula (=${p.formula}) saved without its result. Open the file in Excel and save it once, or replace the formula by its value`,
  },
  cell_error: {
    zh: (p) => `单元格 ${p.cell} 显示错误值 ${p.error}，请改成正确的内容`,
    en: (p) => `cell ${p.cell} shows the error ${p.error}: type the right value`,
  },
  duplicate: {
    zh: (p) =>
      `与第${p.other}行很可能是同一家机构（${p.what}相同）。请删掉重复的一行；如果确实是两家机构，请把名称写得能区分开`,
    en: (p) =>
      `row ${p.other} is very likely the same facility (same ${p.what}). Delete the repeated row; if they really are two facilities, make their names different`,
  },
  outside: {
    zh: (p) => `位置（纬度 ${p.lat}，经度 ${p.lng}）不在${D.name}内。${p.cause}`,
    en: (p) => `the position (latitude ${p.lat}, longitude ${p.lng}) is outside ${D.name_en}. ${p.cause}`,
  },
  phone_scientific: {
    zh: () =>
      'Excel 把电话号码显示成了科学计数法，后几位已经丢失。请在 Excel 里把这一列设成“文本”格式，重新输入号码',
    en: () =>
      'Excel turned the phone number into scientific notation and lost its last digits. Format the column as Text in Excel and type the number again',
  },
  demo_name: {
    zh: () => '只有示例数据的名称才以“示例·”开头，请去掉“示例·”',
    en: () => 'only example records have names starting with "示例·": remove "示例·"',
  },
  vacancies_over: {
    zh: (p) => `空余托位（${p.count}）比托位数（${p.places}）还多，请核对这两个数`,
    en: (p) => `there are more vacancies (${p.count}) than places (${p.places}): check both numbers`,
  },
  fee_without_form: {
    zh: (p) =>
      `填了这项收费，但「托育形式」里没有“${p.form}”。请在「托育形式」里加上“${p.form}”，或者清空这一格`,
    en: (p) =>
      `a fee is given but "托育形式" does not list ${p.form}: add ${p.form} there, or empty this cell`,
  },
  vacancies_by_age_sum: {
    zh: (p) =>
      p.hasColumns
        ? `各年龄段空余托位加起来是 ${p.sum}，和「空余托位」（${p.count}）对不上，请核对这几个数`
        : `网站上记录的各年龄段空余托位加起来是 ${p.sum}，和「空余托位」（${p.count}）对不上。请加上「空余托位（1岁以下）」「空余托位（1–2岁）」「空余托位（2–3岁）」三列，和空余托位一起更新`,
    en: (p) =>
      p.hasColumns
        ? `the free places by age add up to ${p.sum}, not to 空余托位 (${p.count}): check these numbers`
        : `the free places by age on the site add up to ${p.sum}, not to 空余托位 (${p.count}): add the columns 空余托位（1岁以下）, 空余托位（1–2岁） and 空余托位（2–3岁） and update them together`,
  },
  closure_order: {
    zh: (p) => `暂停服务至（${p.until}）比暂停服务起（${p.from}）还早，请核对这两个日期`,
    en: (p) => `the closure ends (${p.until}) before it starts (${p.from}): check both dates`,
  },
  ages_order: {
    zh: (p) => `最小月龄（${p.min}）比最大月龄（${p.max}）还大，请核对`,
    en: (p) => `the lowest age (${p.min}) is above the highest (${p.max}): check both`,
  },
  not_real_date: {
    zh: () => '这一天不存在，请核对日期，如 2026-10-20',
    en: () => 'that day does not exist: check the date, e.g. 2026-10-20',
  },
  id_taken: {
    zh: (p) => `网址标识“${p.id}”已被「${p.other}」使用，请清空这一格，程序会自动生成`,
    en: (p) =>
      `the web id "${p.id}" is already used by "${p.other}": empty this cell and one is made for you`,
  },
  clash_existing: {
    zh: (p) =>
      `网站上已有一家「${p.other}」（网址标识 ${p.id}），编号或名称与街道/镇和这一行相同，但没能对应上。请核对这一行的编号、名称和街道/镇`,
    en: (p) =>
      `the site already has "${p.other}" (web id ${p.id}) with the same 编号, or the same name and township, but this row did not match it: check this row's 编号, name and township`,
  },
  demo_record: {
    zh: () => '这一行是网站的示例数据（示例数据 = 是），示例数据不能导入成真实机构。请删掉这一行',
    en: () => 'this row is example data (示例数据 = 是), which never becomes a real record: delete the row',
  },
  // File-level problems (no row of data).
  no_header: {
    zh: (p) =>
      `在前${p.rows}行里没有找到表头。表头那一行至少要有「机构名称」和「街道/镇」两列（也可以写成：${p.names}）`,
    en: (p) =>
      `no header row in the first ${p.rows} rows. The header row needs at least the columns "机构名称" and "街道/镇" (also accepted: ${p.names})`,
  },
  no_header_sheets: {
    zh: (p) =>
      `在工作表${p.sheets}的前${p.rows}行里都没有找到表头。表头那一行至少要有「机构名称」和「街道/镇」两列（也可以写成：${p.names}）`,
    en: (p) =>
      `no header row in the first ${p.rows} rows of the worksheets ${p.sheets}. The header row needs at least the columns "机构名称" and "街道/镇" (also accepted: ${p.names})`,
  },
  several_sheets: {
    zh: (p) =>
      `有${p.count}个工作表都有表头：${p.sheets}。请在命令后面加上 --sheet 和要导入的工作表名称，如 --sheet ${p.first}`,
    en: (p) =>
      `${p.count} worksheets have a header row: ${p.sheets}. Add --sheet and the name of the one to import, e.g. --sheet ${p.first}`,
  },
  no_such_sheet: {
    zh: (p) => `没有叫“${p.sheet}”的工作表。这个文件里的工作表是：${p.sheets}`,
    en: (p) => `there is no worksheet "${p.sheet}". The worksheets in this file are: ${p.sheets}`,
  },
  missing_column: {
    zh: (p) => `表头里没有「${p.header}」这一列（也可以写成：${p.names}），请加上这一列`,
    en: (p) => `the header row has no column "${p.header}" (also accepted: ${p.names}): add it`,
  },
  lookalike: {
    zh: (p) =>
      `表头「${p.header}」不认识。是不是「${p.suggestion}」？请把表头改成「${p.suggestion}」；如果这一列不用导入，请删掉这一列，或把表头改成以“备注”开头`,
    en: (p) =>
      `the header "${p.header}" is not known. Did you mean "${p.suggestion}"? Rename it to "${p.suggestion}"; if the column is not for the site, delete it or start its header with "备注"`,
  },
  field_word: {
    zh: (p) =>
      `表头「${p.header}」像是「${p.suggestion}」的内容，但读不出是哪一列，这一列的内容不会导入。如果它是合并的大标题，请让小标题（如「核定托位数」「全日托」「经度」）紧挨在它下面一行；否则请把表头改成「${p.suggestion}」，或删掉这一列`,
    en: (p) =>
      `the header "${p.header}" looks like "${p.suggestion}" but says not which column it is, so nothing in it would be imported. If it is a merged group title, put its sub-titles (such as 核定托位数, 全日托, 经度) in the row right below it; otherwise rename it to "${p.suggestion}" or delete the column`,
  },
  merged_title: {
    zh: (p) =>
      `表头「${p.header}」占了 ${p.count} 列（合并的单元格），读不出每一列是什么。请在它下面紧挨着的一行写上小标题（如「经度」「纬度」），或把每一列的表头分别写清楚`,
    en: (p) =>
      `the header "${p.header}" spans ${p.count} columns (merged cells), so what each column holds is unknown. Put sub-titles (such as 经度, 纬度) in the row right below it, or give each column its own header`,
  },
  duplicate_column: {
    zh: (p) => `表头「${p.header}」和「${p.other}」是同一项内容，只能保留一列，请删掉其中一列`,
    en: (p) =>
      `the headers "${p.header}" and "${p.other}" mean the same thing: keep only one of these columns`,
  },
  no_rows: { zh: () => '表头下面没有机构', en: () => 'there are no facilities below the header row' },
  not_text: {
    zh: () => '读不懂这个 CSV 文件的编码。请在 Excel 里另存为“CSV UTF-8”，或者直接导入 .xlsx 文件',
    en: () =>
      'the CSV file is in an unknown encoding. Save it from Excel as "CSV UTF-8", or import the .xlsx file',
  },
  bad_type: {
    zh: () => '只能导入 .xlsx 或 .csv 文件。.xls 文件请先在 Excel 里另存为 .xlsx',
    en: () => 'only .xlsx and .csv files can be imported. Save an .xls file as .xlsx in Excel first',
  },
  no_file: {
    zh: (p) => `找不到文件 ${p.file}，请检查文件名和所在的文件夹`,
    en: (p) => `there is no file ${p.file}: check its name and folder`,
  },
  bad_file: {
    zh: (p) => `打不开文件 ${p.file}（${p.reason}）`,
    en: (p) => `cannot open ${p.file} (${p.reason})`,
  },
} satisfies Record<string, BilingualMessage>;
export type IssueCode = keyof typeof ISSUES;

/** Likely causes of a position outside the outline. */
export const CAUSES: Record<'swapped' | 'gcj02' | 'bd09' | 'far', BilingualMessage> = {
  swapped: {
    zh: () =>
      `看起来纬度和经度填反了：${D.name}的纬度约 ${Math.trunc(Number(EX_LAT))}，经度约 ${Math.trunc(Number(EX_LNG))}，请把这两格的数对调`,
    en: () =>
      `Latitude and longitude look swapped: ${SHORT_EN} is at about latitude ${Math.trunc(Number(EX_LAT))}, longitude ${Math.trunc(Number(EX_LNG))}. Swap the two cells`,
  },
  gcj02: {
    zh: () =>
      '看起来是从高德或腾讯地图复制的坐标（GCJ-02）。请在「坐标系」列填写 GCJ-02，或者运行时加上 --datum gcj02',
    en: () =>
      'It looks copied from AMap or Tencent Maps (GCJ-02). Put GCJ-02 in a "坐标系" column, or add --datum gcj02',
  },
  bd09: {
    zh: () =>
      '看起来是从百度地图复制的坐标（BD-09）。请在「坐标系」列填写 BD-09，或者运行时加上 --datum bd09',
    en: () => 'It looks copied from Baidu Maps (BD-09). Put BD-09 in a "坐标系" column, or add --datum bd09',
  },
  far: {
    zh: () => '请核对坐标；如果这家机构确实在区外，运行时加上 --allow-outside',
    en: () => 'Check the position; if the facility really is outside the district, add --allow-outside',
  },
};

/** What two rows have in common when they are reported as duplicates. */
const SAME = {
  name: { zh: '机构名称', en: 'name' },
  filing_number: { zh: '编号', en: '编号 (filing number)' },
  address_phone: { zh: '地址和电话', en: 'address and phone' },
  record: { zh: '对应网站上的同一条记录', en: 'record on the site' },
  verified: {
    zh: '内容都核实过的机构要写明是哪天核实的',
    en: 'a record with nothing left to verify needs the day it was checked',
  },
  vacancy: { zh: '填了空余托位，就要写明是哪天统计的', en: 'a vacancy count needs the day it was counted' },
};

const NOTES: Record<Note['code'], { zh: string; en: string }> = {
  fullwidth: { zh: '全角数字或符号改为半角', en: 'full-width digits or signs made half-width' },
  number_cleaned: { zh: '去掉了单位或分隔符', en: 'unit or separators removed' },
  phone_plus86: { zh: '去掉了国家代码 +86', en: 'country code +86 removed' },
  phone_separator: { zh: '统一了电话号码的写法', en: 'phone number written the usual way' },
  phone_leading_zero: {
    zh: '补上了 Excel 去掉的区号开头的 0',
    en: 'the leading 0 Excel dropped is restored',
  },
  phone_area_code: { zh: `补上了区号 ${AREA}`, en: `area code ${AREA} added` },
  date_form: { zh: '日期统一写成 年-月-日', en: 'date written as year-month-day' },
  date_serial: {
    zh: 'Excel 把日期存成了数字，已换算成日期',
    en: 'Excel stored the date as a number; converted',
  },
  age_split: { zh: '拆成最小月龄和最大月龄', en: 'split into the lowest and highest age' },
  age_years: { zh: '岁换算成月龄', en: 'years converted to months' },
  coords_lng_first: {
    zh: '拆成纬度和经度，经度在前',
    en: 'split into latitude and longitude (longitude first)',
  },
  coords_lat_first: {
    zh: '拆成纬度和经度，纬度在前',
    en: 'split into latitude and longitude (latitude first)',
  },
  datum_gcj02: {
    zh: '高德/腾讯地图坐标（GCJ-02）换算为 WGS-84',
    en: 'AMap/Tencent (GCJ-02) position converted to WGS-84',
  },
  datum_bd09: { zh: '百度地图坐标（BD-09）换算为 WGS-84', en: 'Baidu (BD-09) position converted to WGS-84' },
  kept_existing: {
    zh: '格子是空的，保留网站上原有的内容',
    en: 'the cell is empty, so the value on the site is kept',
  },
  kept_unverified: {
    zh: `格子是空的，网站上仍显示“${U}”`,
    en: `the cell is empty, so the site still shows ${U} (to be verified)`,
  },
};

function place(w: Where, lang: Lang): string {
  if (lang === 'zh') {
    const parts = [w.row !== undefined ? `第${w.row}行` : '', w.header ? `「${w.header}」列` : ''].join('');
    const value = w.value !== undefined && w.value !== '' ? `（读到“${w.value}”）` : '';
    return parts || value ? `${parts}${value}：` : '';
  }
  const parts = [w.row !== undefined ? `Row ${w.row}` : '', w.header ? `column "${w.header}"` : '']
    .filter(Boolean)
    .join(', ');
  const value = w.value !== undefined && w.value !== '' ? ` (read "${w.value}")` : '';
  return parts || value ? `${parts}${value}: ` : '';
}

/** One line for an issue: place, then what is wrong and what to type. */
export function renderIssue(issue: Issue, lang: Lang): string {
  const p: Params = { ...issue.p };
  if (p.hintKey) p.hint = HINTS[p.hintKey as keyof typeof HINTS][lang];
  if (p.causeKey) p.cause = CAUSES[p.causeKey as keyof typeof CAUSES][lang]({});
  if (p.whatKey) p.what = SAME[p.whatKey as keyof typeof SAME][lang];
  const text = (ISSUES[issue.code] as BilingualMessage)[lang](p);
  return `${place(issue, lang)}${text}${lang === 'zh' ? '。' : '.'}`;
}

/** One line for a normalisation: place, the value read, the value stored and why. */
export function renderNote(note: Note, lang: Lang): string {
  const why = NOTES[note.code][lang];
  if (note.code === 'kept_unverified') {
    return lang === 'zh'
      ? `第${note.row}行「${note.header}」列：${why}。`
      : `Row ${note.row}, column "${note.header}": ${why}.`;
  }
  if (note.code === 'kept_existing') {
    return lang === 'zh'
      ? `第${note.row}行「${note.header}」列：${why}（“${note.to}”）。`
      : `Row ${note.row}, column "${note.header}": ${why} ("${note.to}").`;
  }
  return lang === 'zh'
    ? `第${note.row}行「${note.header}」列：“${note.value}”记为“${note.to}”（${why}）。`
    : `Row ${note.row}, column "${note.header}": "${note.value}" saved as "${note.to}" (${why}).`;
}

/** Hint text for a column in a language. */
export const hint = (key: keyof typeof HINTS, lang: Lang) => HINTS[key][lang];
