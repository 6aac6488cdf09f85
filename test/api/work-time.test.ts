import 'reflect-metadata';
import { validate } from 'class-validator';
import { graphql, printType, type GraphQLObjectType } from 'graphql';
import { Arg, buildSchema, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../api/src/common/validation';
import { ChannelOpenAnswer, WorkTimeRuleKind as K } from '../../api/src/modules/routing/work-time.answer';
import { openAt } from '../../api/src/modules/routing/work-time.evaluate';
import { WorkTimeExceptionFields } from '../../api/src/modules/routing/work-time-exception.inputs';
import { TimeSegmentInput, WorkTimeInput, workTimeFromInput } from '../../api/src/modules/routing/work-time.inputs';
import { defaultWorkTime, type ExceptionValue, type SegmentValue, Weekday, WorkTime, type WorkTimeValue } from '../../api/src/modules/routing/work-time.types';
import { exceptionErrors, segmentListErrors, workTimeErrors } from '../../api/src/modules/routing/work-time.validation';

/**
 * Issue 10, item 6: the work time of a web channel. The evaluator (`openAt`, given the channel's
 * dated exceptions) and the validators (`workTimeErrors`, `exceptionErrors`, and the inputs'
 * decorators) are pure, so every rule and boundary is a row of
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
    nonWorkingTimeNotice: 'We are closed',
  });
  const exceptions = [exception('2026-01-15', [], 'Staff day'), exception('2026-01-16', [seg('10:00', '11:30')], 'Short Friday')];
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
    const answer = openAt(berlin, new Date(at), exceptions);
    expect(answer.open).toBe(open);
    expect(answer.rule).toMatchObject({ kind, start, end });
    expect(answer.notice).toBe(open ? null : 'We are closed');
    expect(answer.timeZone).toBe('Europe/Berlin');
  });

  it('names the date, weekday, note and local time of the rule', () => {
    expect(openAt(berlin, new Date('2026-01-16T09:15:00Z'), exceptions)).toEqual({
      open: true,
      rule: { kind: K.EXCEPTION_SEGMENT, day: 'EXCEPTION', date: '2026-01-16', weekday: Weekday.FRIDAY, start: '10:00', end: '11:30', note: 'Short Friday' },
      timeZone: 'Europe/Berlin',
      localTime: '2026-01-16T10:15:00+01:00',
      notice: null,
    });
    expect(openAt(berlin, new Date('2026-01-15T10:00:00Z'), exceptions).rule).toMatchObject({ day: 'EXCEPTION', note: 'Staff day', weekday: Weekday.THURSDAY });
    expect(openAt(berlin, new Date('2026-01-14T07:59:00Z'), exceptions).rule).toMatchObject({ day: 'WORKDAY', note: null });
  });

  it('only the exception of the local date counts: given none, or only another date, the weekday decides', () => {
    expect(openAt(berlin, new Date('2026-01-15T10:00:00Z')).rule).toMatchObject({ kind: K.WORKDAY_SEGMENT, day: 'WORKDAY' });
    expect(openAt(berlin, new Date('2026-01-15T10:00:00Z'), [exceptions[1]!]).rule).toMatchObject({ kind: K.WORKDAY_SEGMENT });
    expect(openAt(berlin, new Date('2026-01-15T10:00:00Z'), [exceptions[0]!]).rule).toMatchObject({ kind: K.EXCEPTION_CLOSED });
    // A stored exception's empty note is no note.
    expect(openAt(berlin, new Date('2026-01-15T10:00:00Z'), [{ ...exceptions[0]!, note: '' }]).rule.note).toBeNull();
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
    const answer = openAt(workTime({ timeZone, workdaySegments: [seg('08:00', '18:00')] }), new Date(at), exceptions);
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

describe('workTimeErrors: every rule inside, on the edge and outside', () => {
  const errorsOf = (over: Partial<WorkTimeValue>) => workTimeErrors(workTime(over));

  it('the defaults are valid: Monday to Friday, 09:00–18:00, non-workdays closed', () => {
    expect(defaultWorkTime()).toEqual({
      timeZone: 'UTC',
      workdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
      workdaySegments: [seg('09:00', '18:00')],
      nonWorkdaySegments: [],
      nonWorkingTimeNotice: null,
    });
    expect(workTimeErrors(defaultWorkTime())).toEqual({});
  });

  it.each([
    ['America/New_York', null],
    ['Asia/Kolkata', null],
    ['Europe/Kyiv', null],
    ['US/Eastern', null],
    ['UTC', null],
    ['Etc/UTC', null],
    ['Etc/GMT+5', null],
    ['Mars/Olympus', 'Unknown time zone "Mars/Olympus": use a tz database name such as Europe/Berlin'],
    ['+05:00', 'Unknown time zone "+05:00": use a tz database name such as Europe/Berlin'],
    ['', 'Unknown time zone "": use a tz database name such as Europe/Berlin'],
    ['america/new_york', 'Time zone must be written America/New_York'],
  ])('time zone %j', (timeZone, message) => {
    expect(errorsOf({ timeZone })).toEqual(message ? { 'workTime.timeZone': message } : {});
  });

  it.each([
    [[], null],
    [ALL_WEEK, null],
    [[Weekday.MONDAY, Weekday.MONDAY], 'Each weekday may be listed once'],
    [['FUNDAY' as Weekday], 'Unknown weekday "FUNDAY"'],
  ])('workdays %j', (workdays, message) => {
    expect(errorsOf({ workdays })).toEqual(message ? { 'workTime.workdays': message } : {});
  });

  const four = [seg('00:00', '06:00'), seg('06:00', '12:00'), seg('12:00', '18:00'), seg('18:00', '24:00')];
  it.each([
    ['none', [], {}],
    ['four, touching, covering the whole day', four, {}],
    ['five', [...four, seg('05:00', '05:30')], { '': 'At most 4 segments', '4.start': 'Overlaps the segment 00:00–06:00' }],
    ['the earliest start and latest end', [seg('00:00', '24:00')], {}],
    ['the latest start', [seg('23:59', '24:00')], {}],
    ['the earliest end', [seg('00:00', '00:01')], {}],
    ['a start at 24:00', [seg('24:00', '24:00')], { '0.start': '24:00 is the end of the day: a segment may end there, not start' }],
    ['an end at 00:00', [seg('00:00', '00:00')], { '0.end': 'End must be a time HH:MM from 00:01 to 24:00' }],
    ['an end past 24:00', [seg('09:00', '24:01')], { '0.end': 'End must be a time HH:MM from 00:01 to 24:00' }],
    ['a malformed start', [seg('9:00', '12:00')], { '0.start': 'Start must be a time HH:MM from 00:00 to 23:59' }],
    ['minute 60', [seg('09:60', '12:00')], { '0.start': 'Start must be a time HH:MM from 00:00 to 23:59' }],
    ['hour 25', [seg('09:00', '25:00')], { '0.end': 'End must be a time HH:MM from 00:01 to 24:00' }],
    ['seconds', [seg('09:00:00', '12:00')], { '0.start': 'Start must be a time HH:MM from 00:00 to 23:59' }],
    ['end equal to start', [seg('09:00', '09:00')], { '0.end': 'End must be after the start (09:00)' }],
    ['end before start', [seg('18:00', '09:00')], { '0.end': 'End must be after the start (18:00)' }],
    ['overlapping by a minute', [seg('09:00', '12:01'), seg('12:00', '13:00')], { '1.start': 'Overlaps the segment 09:00–12:01' }],
    ['identical', [seg('09:00', '12:00'), seg('09:00', '12:00')], { '1.start': 'Overlaps the segment 09:00–12:00' }],
    ['unsorted, the later start is named', [seg('13:00', '15:00'), seg('09:00', '14:00')], { '0.start': 'Overlaps the segment 09:00–14:00' }],
    [
      'two inside a long one',
      [seg('09:00', '18:00'), seg('10:00', '11:00'), seg('12:00', '13:00')],
      { '1.start': 'Overlaps the segment 09:00–18:00', '2.start': 'Overlaps the segment 09:00–18:00' },
    ],
  ])('segments: %s', (_, segments, expected) => {
    const prefixed = (path: string) => Object.fromEntries(Object.entries(expected).map(([k, v]) => [k ? `${path}.${k}` : path, v]));
    expect(errorsOf({ workdaySegments: segments })).toEqual(prefixed('workTime.workdaySegments'));
    expect(errorsOf({ nonWorkdaySegments: segments })).toEqual(prefixed('workTime.nonWorkdaySegments'));
    expect(segmentListErrors(segments, 'segments')).toEqual(prefixed('segments'));
    expect(exceptionErrors({ date: '2026-05-01', closed: false, segments: segments.length ? segments : [seg('10:00', '11:00')], note: null })).toEqual(
      segments.length ? prefixed('segments') : {},
    );
  });

  it.each([
    ['a holiday', exception('2026-12-25', [], 'Christmas'), {}],
    ['special hours', exception('2026-12-24', [seg('09:00', '12:00')]), {}],
    ['a leap day', exception('2028-02-29'), {}],
    ['the last day of a year', exception('2026-12-31'), {}],
    ['February 30', exception('2026-02-30'), { date: '2026-02-30 is not a date' }],
    ['February 29 of a common year', exception('2026-02-29'), { date: '2026-02-29 is not a date' }],
    ['month 13', exception('2026-13-01'), { date: '2026-13-01 is not a date' }],
    ['a malformed date', exception('2026-5-1'), { date: 'Date must be YYYY-MM-DD' }],
    ['a date and time', exception('2026-05-01T00:00'), { date: 'Date must be YYYY-MM-DD' }],
    [
      'closed with segments',
      { date: '2026-12-25', closed: true, segments: [seg('10:00', '12:00')], note: null },
      { segments: 'A date closed all day has no segments' },
    ],
    [
      'open with no segments',
      { date: '2026-12-25', closed: false, segments: [], note: null },
      { segments: 'Special hours need at least one segment; mark the date closed for a holiday' },
    ],
    [
      'open with five segments',
      exception('2026-12-25', [seg('01:00', '02:00'), seg('03:00', '04:00'), seg('05:00', '06:00'), seg('07:00', '08:00'), seg('09:00', '10:00')]),
      { segments: 'At most 4 segments' },
    ],
    ['a note of 200 characters', exception('2026-12-25', [], 'n'.repeat(200)), {}],
    ['a note of 201 characters', exception('2026-12-25', [], 'n'.repeat(201)), { note: 'Note must be at most 200 characters' }],
  ])('an exception: %s', (_, value, expected) => {
    expect(exceptionErrors(value)).toEqual(expected);
    expect(exceptionErrors(value, 'exception')).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [`exception.${k}`, v])));
  });

  it.each([
    [500, {}],
    [501, { 'workTime.nonWorkingTimeNotice': 'Non-working-time notice must be at most 500 characters' }],
  ])('a notice of %i characters', (length, expected) => {
    expect(errorsOf({ nonWorkingTimeNotice: 'x'.repeat(length) })).toEqual(expected);
  });

  it('reports every problem at once, under the path it is given', () => {
    const errors = workTimeErrors(
      workTime({ timeZone: 'Nowhere/Town', workdaySegments: [seg('09:00', '12:00'), seg('11:00', '13:00')], nonWorkdaySegments: [seg('10:00', '09:00')] }),
      'channel.workTime',
    );
    expect(Object.keys(errors).sort()).toEqual([
      'channel.workTime.nonWorkdaySegments.0.end',
      'channel.workTime.timeZone',
      'channel.workTime.workdaySegments.1.start',
    ]);
  });
});

describe('WorkTimeInput: the decorators and the defaults', () => {
  const segmentInput = (start: string, end: string) => Object.assign(new TimeSegmentInput(), { start, end });
  const input = (over: Partial<WorkTimeInput>) => Object.assign(new WorkTimeInput(), { timeZone: 'Europe/Berlin', ...over });
  const decoratorErrors = async (value: WorkTimeInput) => toFieldErrors(await validate(value, { forbidUnknownValues: false }), 'workTime');

  it('nested problems come out with their dotted paths, as the kernel reports them', async () => {
    const value = input({
      timeZone: 'Mars/Olympus',
      workdays: [Weekday.MONDAY, Weekday.MONDAY],
      workdaySegments: [segmentInput('09:00', '12:00'), segmentInput('13:00', '18:00'), segmentInput('9:00', '24:01')],
      nonWorkdaySegments: Array.from({ length: 5 }, () => segmentInput('10:00', '11:00')),
      nonWorkingTimeNotice: 'x'.repeat(501),
    });
    expect(await decoratorErrors(value)).toEqual({
      'workTime.timeZone': 'Unknown time zone "Mars/Olympus": use a tz database name such as Europe/Berlin',
      'workTime.workdays': 'Each weekday may be listed once',
      'workTime.workdaySegments.2.start': 'Start must be a time HH:MM from 00:00 to 23:59',
      'workTime.workdaySegments.2.end': 'End must be a time HH:MM from 00:01 to 24:00',
      'workTime.nonWorkdaySegments': 'At most 4 segments',
      'workTime.nonWorkingTimeNotice': 'Non-working-time notice must be at most 500 characters',
    });
    expect(await decoratorErrors(input({ workdaySegments: [segmentInput('00:00', '24:00')] }))).toEqual({});
  });

  it("an exception's arguments: the date's shape and day, the note's length, each segment by its path", async () => {
    const fields = (over: Partial<WorkTimeExceptionFields>) => Object.assign(new WorkTimeExceptionFields(), over);
    const errors = async (value: WorkTimeExceptionFields) => toFieldErrors(await validate(value, { forbidUnknownValues: false }));
    expect(
      await errors(fields({ date: '25.12.2026', note: 'n'.repeat(201), segments: [segmentInput('09:00', '12:00'), segmentInput('24:00', '9:00')] })),
    ).toEqual({
      date: 'Date must be YYYY-MM-DD',
      note: 'Note must be at most 200 characters',
      'segments.1.start': 'Start must be a time HH:MM from 00:00 to 23:59',
      'segments.1.end': 'End must be a time HH:MM from 00:01 to 24:00',
    });
    expect(await errors(fields({ date: '2026-02-30' }))).toEqual({ date: '2026-02-30 is not a date' });
    expect(await errors(fields({ segments: Array.from({ length: 5 }, () => segmentInput('10:00', '11:00')) }))).toEqual({ segments: 'At most 4 segments' });
    expect(await errors(fields({ date: '2028-02-29', closed: true, note: 'Leap day' }))).toEqual({});
  });

  it('omitted lists take the defaults; texts are trimmed, blank is none', () => {
    expect(workTimeFromInput(input({}))).toEqual({ ...defaultWorkTime('Europe/Berlin') });
    expect(workTimeFromInput(input({ workdays: [], nonWorkdaySegments: [segmentInput('10:00', '12:00')], nonWorkingTimeNotice: ' Back soon ' }))).toEqual({
      timeZone: 'Europe/Berlin',
      workdays: [],
      workdaySegments: [seg('09:00', '18:00')],
      nonWorkdaySegments: [seg('10:00', '12:00')],
      nonWorkingTimeNotice: 'Back soon',
    });
  });
});

describe('GraphQL types', () => {
  @Resolver()
  class WorkTimeProbe {
    @Query(() => ChannelOpenAnswer, { description: 'Asks the evaluator, as channelOpen will' })
    probeOpen(
      @Arg('workTime', () => WorkTimeInput, { description: 'The work time' }) input: WorkTimeInput,
      @Arg('at', () => Date, { description: 'When' }) at: Date,
      @Arg('closedOn', () => String, { nullable: true, description: 'A holiday' }) closedOn: string | null,
    ) {
      return openAt(workTimeFromInput(input), at, closedOn ? [{ date: closedOn, closed: true, segments: [], note: 'Office move' }] : []);
    }

    @Query(() => WorkTime, { description: 'The defaults' })
    probeDefault() {
      return defaultWorkTime();
    }
  }

  it('build into a schema with a description on every type, field and enum value, and answer a query', async () => {
    const schema = await buildSchema({ resolvers: [WorkTimeProbe], validate: false });
    const ours = [
      'ChannelOpenAnswer',
      'WorkTimeRule',
      'WorkTimeRuleKind',
      'WorkTimeDayKind',
      'Weekday',
      'WorkTime',
      'TimeSegment',
      'WorkTimeInput',
      'TimeSegmentInput',
    ];
    for (const name of ours) {
      const type = schema.getType(name)!;
      expect(type.description, name).toBeTruthy();
      const members = 'getFields' in type ? Object.values((type as GraphQLObjectType).getFields()) : 'getValues' in type ? type.getValues() : [];
      for (const member of members) expect(member.description, `${name}.${member.name}`).toBeTruthy();
    }
    expect(printType(schema.getType('ChannelOpenAnswer')!)).toContain('rule: WorkTimeRule!');
    const reply = await graphql({
      schema,
      source: `{ probeOpen(workTime: { timeZone: "Asia/Tokyo" }, closedOn: "2026-03-03", at: "2026-03-02T23:30:00Z") {
        open timeZone localTime notice rule { kind day date weekday start end note } } }`,
    });
    expect(reply).toEqual({
      data: {
        probeOpen: {
          open: false,
          timeZone: 'Asia/Tokyo',
          localTime: '2026-03-03T08:30:00+09:00',
          notice: null,
          rule: { kind: 'EXCEPTION_CLOSED', day: 'EXCEPTION', date: '2026-03-03', weekday: 'TUESDAY', start: null, end: null, note: 'Office move' },
        },
      },
    });
  });
});
