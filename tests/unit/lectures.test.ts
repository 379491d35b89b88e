/**
 * Lecture helpers: the code alphabet (the same as the SQL's, no look-alikes), mainland mobile validation, the
 * sign-up schema, masking, Beijing-time display whatever the machine's zone, and the .ics file parsed back with
 * ical.js (an independent RFC 5545 parser).
 */
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { buildIcs, foldLine } from '../../src/lib/lectures/ics.ts';
import {
  eventTimeParts,
  formatEventTime,
  formatShanghai,
  maskMobile,
} from '../../src/lib/lectures/format.ts';
import {
  CODE_ALPHABET,
  isCode,
  LookupSchema,
  normalizeCode,
  normalizeMobile,
  SignUpSchema,
  signUpArgs,
} from '../../src/lib/schemas/lecture.ts';
import { formResolver } from '../../src/lib/schemas/form-resolver.ts';

describe('confirmation codes', () => {
  // That the database draws from and checks this same alphabet, and accepts these kinds and age bands, is read
  // from the live catalogue in tests/db/lecture-constants.test.ts.
  test('the alphabet has no look-alike characters', () => {
    for (const ch of '0O1IL2Z5S8B') expect(CODE_ALPHABET).not.toContain(ch);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(CODE_ALPHABET).toMatch(/^[0-9A-Z]+$/);
  });

  test('typed codes: any case, spaces and dashes accepted; look-alikes and wrong lengths refused', () => {
    expect(normalizeCode(' 7ka-c9x ')).toBe('7KAC9X');
    expect(isCode('7ka-c9x')).toBe(true);
    expect(isCode('7KAC9')).toBe(false);
    expect(isCode('7KAC9XX')).toBe(false);
    expect(isCode('0KAC9X')).toBe(false); // 0 is never issued
    expect(isCode('IKAC9X')).toBe(false);
  });
});

describe('mobile numbers', () => {
  test.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['19912345678', '19912345678'],
  ])('%s → %s', (input, want) => expect(normalizeMobile(input)).toBe(want));

  test.each(['12812345678', '1381234567', '138123456789', '0566-1234567', 'abc', ''])(
    '%s is refused',
    (input) => {
      expect(normalizeMobile(input)).toBeNull();
    },
  );

  test('masking shows the first three and last four digits', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('19900005678')).toBe('199****5678');
  });
});

describe('sign-up form schema', () => {
  const good = {
    name: ' 王芳 ',
    mobile: '138 1234 5678',
    adults: '2',
    children: '1',
    childAgeBand: '1_to_2',
    consent: true,
  };
  test('children coming along: 0 to 3, sent as p_children', () => {
    expect(SignUpSchema.safeParse({ ...good, children: '4' }).success).toBe(false);
    expect(SignUpSchema.safeParse({ ...good, children: undefined }).success).toBe(false);
    const v = SignUpSchema.parse({ ...good, children: '3' });
    expect(signUpArgs('e', v)).toMatchObject({ p_adults: 2, p_children: 3 });
  });
  test('a complete form passes, the name trimmed', () => {
    expect(SignUpSchema.safeParse(good)).toMatchObject({
      success: true,
      data: { name: '王芳', adults: '2' },
    });
  });
  test('each rule gives its own message key, through the form resolver', async () => {
    const resolve = formResolver(SignUpSchema);
    const r = await resolve(
      { name: '', mobile: '1234', adults: '3', children: '9', childAgeBand: 'teen', consent: false } as never,
      undefined,
      { fields: {}, shouldUseNativeValidation: false },
    );
    expect(
      Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, (v as { message: string }).message])),
    ).toEqual({
      name: 'lec.error.nameMissing',
      mobile: 'lec.error.mobileInvalid',
      adults: 'lec.error.adults',
      children: 'lec.error.children',
      childAgeBand: 'lec.error.ageBand',
      consent: 'lec.error.consent',
    });
    expect(SignUpSchema.safeParse({ ...good, name: '长'.repeat(41) }).success).toBe(false);
  });
  test('look-up needs a mobile number and a well-formed code', () => {
    expect(LookupSchema.safeParse({ mobile: '13812345678', code: '7kac9x' }).success).toBe(true);
    expect(LookupSchema.safeParse({ mobile: '13812345678', code: 'OOOOOO' }).success).toBe(false);
  });
});

describe('Beijing time display', () => {
  test('UTC instants show as Asia/Shanghai times (+8, no daylight saving), in both locales', () => {
    // 2026-06-01 01:30Z = 09:30 in Beijing; 23:00Z on 1 June = 07:00 on 2 June in Beijing.
    expect(formatEventTime('2026-06-01T01:30:00Z', '2026-06-01T03:00:00Z', 'zh-CN')).toBe(
      '2026年6月1日周一 09:30–11:00',
    );
    expect(formatEventTime('2026-06-01T01:30:00Z', '2026-06-01T03:00:00Z', 'en')).toBe(
      'Mon, 1 Jun 2026, 09:30–11:00',
    );
    expect(formatShanghai('2026-06-01T23:00:00+00:00')).toBe('2026-06-02 07:00');
    expect(formatShanghai('2026-01-15T16:00:00Z')).toBe('2026-01-16 00:00');
  });
  test('the pieces that must not break (issue 19 §7): the date, and the time range, each whole', () => {
    expect(eventTimeParts('2026-06-01T01:30:00Z', '2026-06-01T03:00:00Z', 'zh-CN')).toEqual([
      '2026年6月1日周一',
      '09:30–11:00',
    ]);
    expect(eventTimeParts('2026-06-01T01:30:00Z', '2026-06-01T03:00:00Z', 'en')).toEqual([
      'Mon, 1 Jun 2026,',
      '09:30–11:00',
    ]);
    // across midnight in Beijing: the end carries its own date
    expect(eventTimeParts('2026-06-01T13:00:00Z', '2026-06-01T17:00:00Z', 'zh-CN')).toEqual([
      '2026年6月1日周一',
      '21:00 –',
      '2026年6月2日周二 01:00',
    ]);
  });
});

describe('.ics file', () => {
  const input = {
    eventId: '00000000-0000-4000-8000-00000000a001',
    code: '7KAC9X',
    title: '家长讲堂：回应性照护, 第一讲; 含问答',
    venue: '区妇幼保健中心三楼会议室',
    township: '秋浦街道',
    description: '带上宝宝的疫苗本。\n第二行',
    startsAt: '2026-06-01T01:30:00Z',
    endsAt: '2026-06-01T03:00:00Z',
    confirmed: true,
    reminder: '活动将在 2 小时后开始',
    codeLabel: '确认码',
    producer: '池州市东至县卫生健康委员会',
    now: new Date('2026-05-20T08:00:00Z'),
  };
  const text = buildIcs(input);

  test('is RFC 5545 text: CRLF lines of at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(foldLine('x'.repeat(80)).split('\r\n ')).toEqual(['x'.repeat(75), 'x'.repeat(5)]);
  });

  test('parsed back by ical.js: times in Asia/Shanghai, escaped text intact, the code, a display alarm 2 hours before', () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    ICAL.TimezoneService.register(tz);
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(input.title);
    expect(event.location).toBe('区妇幼保健中心三楼会议室（秋浦街道）');
    expect(event.description).toBe('确认码: 7KAC9X\n\n带上宝宝的疫苗本。\n第二行');
    expect(event.startDate.toString()).toBe('2026-06-01T09:30:00');
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-06-01T01:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-06-01T03:00:00.000Z');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const alarm = vevent.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-PT2H');
    expect(vevent.getFirstPropertyValue('uid')).toBe(
      'lecture-00000000-0000-4000-8000-00000000a001-7KAC9X@tuoyu',
    );
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//池州市东至县卫生健康委员会//tuoyu lectures//ZH');
  });

  test('a waitlisted registration is TENTATIVE', () => {
    const vevent = new ICAL.Component(
      ICAL.parse(buildIcs({ ...input, confirmed: false })),
    ).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('TENTATIVE');
  });
});

describe('roster export', () => {
  test("the database's {columns, rows} read as one object per registration, whatever the column order", async () => {
    const { exportRecords } = await import('../../src/lib/lectures/export.ts');
    expect(
      exportRecords({
        columns: ['status', 'signup_no', 'mobile'],
        rows: [
          ['confirmed', 1, '138****1234'],
          ['waitlisted', 2, null],
        ],
      }),
    ).toEqual([
      { status: 'confirmed', signup_no: 1, mobile: '138****1234' },
      { status: 'waitlisted', signup_no: 2, mobile: null },
    ]);
    expect(exportRecords({ columns: ['a'], rows: [] })).toEqual([]);
  });
});
