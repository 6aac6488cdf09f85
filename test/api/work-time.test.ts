import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { WorkTimeRuleKind as K } from '../../api/src/modules/routing/work-time.answer';
import { openAt } from '../../api/src/modules/routing/work-time.evaluate';
import { defaultWorkTime, type ExceptionValue, type SegmentValue, Weekday, type WorkTimeValue } from '../../api/src/modules/routing/work-time.types';

/**
 * Issue 10, item 6: the work time of a web channel. The evaluator (`openAt`) and the validator
 * (`workTimeErrors`, and the input's decorators) are pure, so every rule and boundary is a row of
 * a table here, DST change days included; no server is needed.
 */

const seg = (start: string, end: string): SegmentValue => ({ start, end });
const exception = (date: string, segments: SegmentValue[] = [], note: string | null = null): ExceptionValue => ({
  date,
  closed: segments.length === 0,
  segments,
  note,
});
const workTime = (over: Partial<WorkTimeValue> = {}): WorkTimeValue => ({ ...defaultWorkTime('Europe/Berlin'), ...over });
const ALL_WEEK = Object.values(Weekday);

describe('openAt: weekday hours, exceptions, the local date', () => {
  // Europe/Berlin in winter is UTC+1: 2026-01-14 is a Wednesday, 2026-01-17 a Saturday.
  const berlin = workTime({
    workdaySegments: [seg('09:00', '12:00'), seg('13:00', '18:00')],
    nonWorkdaySegments: [seg('10:00', '14:00')],
    exceptions: [exception('2026-01-15', [], 'Staff day'), exception('2026-01-16', [seg('10:00', '11:30')], 'Short Friday')],
    nonWorkingTimeNotice: 'We are closed',
  });
  it.each([
    ['inside a workday segment', '2026-01-14T10:00:00Z', true, K.WORKDAY_SEGMENT, '09:00', '12:00'],
    ['on the start edge: open', '2026-01-14T08:00:00Z', true, K.WORKDAY_SEGMENT, '09:00', '12:00'],
    ['a minute before the start', '2026-01-14T07:59:00Z', false, K.OUTSIDE_SEGMENTS, null, null],
    ['the last second before the end', '2026-01-14T10:59:59Z', true, K.WORKDAY_SEGMENT, '09:00', '12:00'],
    ['on the end edge: closed (half-open)', '2026-01-14T11:00:00Z', false, K.OUTSIDE_SEGMENTS, null, null],
    ['the second segment after the lunch gap', '2026-01-14T12:00:00Z', true, K.WORKDAY_SEGMENT, '13:00', '18:00'],
    ['after the last segment', '2026-01-14T17:00:00Z', false, K.OUTSIDE_SEGMENTS, null, null],
    ['a non-workday inside its segment', '2026-01-17T09:00:00Z', true, K.NON_WORKDAY_SEGMENT, '10:00', '14:00'],
    ['a non-workday outside its segment', '2026-01-17T13:00:00Z', false, K.OUTSIDE_SEGMENTS, null, null],
    ['a holiday at a workday hour', '2026-01-15T10:00:00Z', false, K.EXCEPTION_CLOSED, null, null],
    ['special hours: inside', '2026-01-16T09:15:00Z', true, K.EXCEPTION_SEGMENT, '10:00', '11:30'],
    ['special hours: outside, at an hour the weekday would be open', '2026-01-16T12:30:00Z', false, K.EXCEPTION_OUTSIDE_SEGMENTS, null, null],
  ])('%s', (_, at, open, kind, start, end) => {
    const answer = openAt(berlin, new Date(at));
    expect(answer.open).toBe(open);
    expect(answer.rule).toMatchObject({ kind, start, end });
    expect(answer.notice).toBe(open ? null : 'We are closed');
    expect(answer.timeZone).toBe('Europe/Berlin');
  });

  it('names the date, weekday, note and local time of the rule', () => {
    expect(openAt(berlin, new Date('2026-01-16T09:15:00Z'))).toEqual({
      open: true,
      rule: { kind: K.EXCEPTION_SEGMENT, day: 'EXCEPTION', date: '2026-01-16', weekday: Weekday.FRIDAY, start: '10:00', end: '11:30', note: 'Short Friday' },
      timeZone: 'Europe/Berlin',
      localTime: '2026-01-16T10:15:00+01:00',
      notice: null,
    });
    expect(openAt(berlin, new Date('2026-01-15T10:00:00Z')).rule).toMatchObject({ day: 'EXCEPTION', note: 'Staff day', weekday: Weekday.THURSDAY });
    expect(openAt(berlin, new Date('2026-01-14T07:59:00Z')).rule).toMatchObject({ day: 'WORKDAY', note: null });
  });

  it('a day with no segments is a closed day, a workday included', () => {
    expect(openAt(workTime(), new Date('2026-01-17T10:00:00Z')).rule).toMatchObject({ kind: K.CLOSED_DAY, day: 'NON_WORKDAY' });
    expect(openAt(workTime({ workdaySegments: [] }), new Date('2026-01-14T10:00:00Z')).rule).toMatchObject({ kind: K.CLOSED_DAY, day: 'WORKDAY' });
  });

  it('a segment may end at 24:00: open until local midnight, the next day decides after it', () => {
    const late = workTime({ workdays: ALL_WEEK, workdaySegments: [seg('00:00', '02:00'), seg('22:00', '24:00')] });
    expect(openAt(late, new Date('2026-01-14T22:59:59Z')).rule).toMatchObject({ kind: K.WORKDAY_SEGMENT, date: '2026-01-14', end: '24:00' });
    expect(openAt(late, new Date('2026-01-14T23:00:00Z')).rule).toMatchObject({ kind: K.WORKDAY_SEGMENT, date: '2026-01-15', start: '00:00' });
  });

  it('workdays are whatever is configured', () => {
    const weekend = workTime({ workdays: [Weekday.SATURDAY, Weekday.SUNDAY] });
    expect(openAt(weekend, new Date('2026-01-17T10:00:00Z')).rule).toMatchObject({ kind: K.WORKDAY_SEGMENT, weekday: Weekday.SATURDAY });
    expect(openAt(weekend, new Date('2026-01-14T10:00:00Z')).rule).toMatchObject({ kind: K.CLOSED_DAY, day: 'NON_WORKDAY' });
  });
});

describe('openAt: zones east of UTC, where the local date is not the UTC date', () => {
  it.each([
    // 23:30Z on Sunday 2026-03-01 is 08:30 on Monday 2026-03-02 in Tokyo (UTC+9).
    ['Asia/Tokyo', '2026-03-01T23:30:00Z', [], true, K.WORKDAY_SEGMENT, '2026-03-02', Weekday.MONDAY, '2026-03-02T08:30:00+09:00'],
    ['Asia/Tokyo', '2026-03-01T23:30:00Z', [exception('2026-03-02')], false, K.EXCEPTION_CLOSED, '2026-03-02', Weekday.MONDAY, '2026-03-02T08:30:00+09:00'],
    // An exception on the UTC date (Sunday 03-01) does not apply to Monday in Tokyo.
    ['Asia/Tokyo', '2026-03-01T23:30:00Z', [exception('2026-03-01')], true, K.WORKDAY_SEGMENT, '2026-03-02', Weekday.MONDAY, '2026-03-02T08:30:00+09:00'],
    // 11:30Z on Thursday 2026-12-24 is 00:30 on Christmas Day in Auckland (UTC+13 in summer).
    [
      'Pacific/Auckland',
      '2026-12-24T11:30:00Z',
      [exception('2026-12-25', [seg('00:00', '01:00')], 'Christmas')],
      true,
      K.EXCEPTION_SEGMENT,
      '2026-12-25',
      Weekday.FRIDAY,
      '2026-12-25T00:30:00+13:00',
    ],
    [
      'Pacific/Auckland',
      '2026-12-24T20:00:00Z',
      [exception('2026-12-25')],
      false,
      K.EXCEPTION_CLOSED,
      '2026-12-25',
      Weekday.FRIDAY,
      '2026-12-25T09:00:00+13:00',
    ],
  ])('%s at %s', (timeZone, at, exceptions, open, kind, date, weekday, localTime) => {
    const answer = openAt(workTime({ timeZone, workdaySegments: [seg('08:00', '18:00')], exceptions }), new Date(at));
    expect(answer).toMatchObject({ open, localTime, rule: { kind, date, weekday } });
  });
});

describe('openAt on DST change days: wall-clock time decides', () => {
  /** Every minute of a UTC span, answered; the DST days are Sundays, made workdays here. */
  const minutes = (wt: WorkTimeValue, fromUtc: string, hours: number) =>
    Array.from({ length: hours * 60 }, (_, i) => openAt(wt, new Date(Date.parse(fromUtc) + i * 60_000)));
  const day = (timeZone: string, segments: SegmentValue[]) => workTime({ timeZone, workdays: ALL_WEEK, workdaySegments: segments });

  it.each([
    // America/New_York 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z.
    ['New York spring: before the gap', 'America/New_York', '2026-03-08T06:59:00Z', true, '01:00', '2026-03-08T01:59:00-05:00'],
    ['New York spring: the first minute after the gap is 03:00', 'America/New_York', '2026-03-08T07:00:00Z', true, '03:00', '2026-03-08T03:00:00-04:00'],
    // America/New_York 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00Z; 01:30 happens twice.
    ['New York fall: 01:30 EDT', 'America/New_York', '2026-11-01T05:30:00Z', true, '01:00', '2026-11-01T01:30:00-04:00'],
    ['New York fall: 01:30 EST, the repeat', 'America/New_York', '2026-11-01T06:30:00Z', true, '01:00', '2026-11-01T01:30:00-05:00'],
    ['New York fall: 02:00 EST, the next segment', 'America/New_York', '2026-11-01T07:00:00Z', true, '02:00', '2026-11-01T02:00:00-05:00'],
    ['New York fall: 04:00 EST, after them', 'America/New_York', '2026-11-01T09:00:00Z', false, null, '2026-11-01T04:00:00-05:00'],
    // Europe/Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z.
    ['Berlin spring: before the gap', 'Europe/Berlin', '2026-03-29T00:59:00Z', true, '01:00', '2026-03-29T01:59:00+01:00'],
    ['Berlin spring: after the gap', 'Europe/Berlin', '2026-03-29T01:00:00Z', true, '03:00', '2026-03-29T03:00:00+02:00'],
    // Europe/Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:30 happens twice.
    ['Berlin fall: 02:30 CEST', 'Europe/Berlin', '2026-10-25T00:30:00Z', true, '02:00', '2026-10-25T02:30:00+02:00'],
    ['Berlin fall: 02:30 CET, the repeat', 'Europe/Berlin', '2026-10-25T01:30:00Z', true, '02:00', '2026-10-25T02:30:00+01:00'],
  ])('%s', (_, timeZone, at, open, start, localTime) => {
    const segments = [seg('01:00', '02:00'), seg('02:00', '03:00'), seg('03:00', '04:00')];
    const answer = openAt(day(timeZone, segments), new Date(at));
    expect(answer).toMatchObject({ open, localTime, rule: { start } });
  });

  it.each([
    ['America/New_York', '2026-03-08T04:00:00Z'],
    ['Europe/Berlin', '2026-03-28T22:00:00Z'],
  ])('%s spring forward: a segment in the skipped hour is never open, one around it is open for its real length', (timeZone, from) => {
    const answers = minutes(day(timeZone, [seg('01:30', '02:30'), seg('02:40', '02:50'), seg('05:00', '06:00')]), from, 8);
    expect(answers.filter((a) => a.rule.start === '02:40')).toHaveLength(0);
    // 01:30–02:30 holds 01:30–01:59 only: 30 real minutes.
    expect(answers.filter((a) => a.rule.start === '01:30')).toHaveLength(30);
    expect(answers.filter((a) => a.rule.start === '05:00')).toHaveLength(60);
  });

  it.each([
    ['America/New_York', '2026-11-01T04:00:00Z', '01:00'],
    ['Europe/Berlin', '2026-10-24T22:00:00Z', '02:00'],
  ])('%s fall back: a segment over the repeated hour is open both times', (timeZone, from, repeated) => {
    const end = `0${Number(repeated.slice(0, 2)) + 1}:00`;
    const answers = minutes(day(timeZone, [seg(repeated, end)]), from, 8);
    expect(answers.filter((a) => a.open)).toHaveLength(120);
  });
});
