import { describeSchedule, nextDueAfter, parseTime, parseWeekday, scheduleSpec } from '../../src/digest/schedule';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('schedule', () => {
  it('a daily digest is due at its time today if still ahead, else tomorrow', () => {
    const spec = { schedule: 'daily' as const, time: '08:00', weekday: null };
    expect(iso(nextDueAfter(spec, at('2025-11-20T07:59:00Z')))).toBe('2025-11-20T08:00:00.000Z');
    expect(iso(nextDueAfter(spec, at('2025-11-20T08:00:00Z')))).toBe('2025-11-21T08:00:00.000Z');
    expect(iso(nextDueAfter(spec, at('2025-12-31T23:00:00Z')))).toBe('2026-01-01T08:00:00.000Z');
  });

  it('a weekly digest is due on its weekday at its time', () => {
    // 2025-11-20 is a Thursday; Monday = 1.
    const monday = { schedule: 'weekly' as const, time: '08:00', weekday: 1 };
    expect(iso(nextDueAfter(monday, at('2025-11-20T10:00:00Z')))).toBe('2025-11-24T08:00:00.000Z');
    expect(iso(nextDueAfter(monday, at('2025-11-24T07:00:00Z')))).toBe('2025-11-24T08:00:00.000Z');
    expect(iso(nextDueAfter(monday, at('2025-11-24T08:00:00Z')))).toBe('2025-12-01T08:00:00.000Z');
  });

  it('a weekly digest without a day falls on the weekday (UTC) of the day it was subscribed', () => {
    const now = at('2025-11-20T10:00:00Z');
    const spec = scheduleSpec({ schedule: 'weekly' }, now);
    expect(spec).toEqual({ schedule: 'weekly', time: '08:00', weekday: 4 });
    expect(iso(nextDueAfter(spec, now))).toBe('2025-11-27T08:00:00.000Z');
    expect(describeSchedule(spec)).toBe('weekly on Thursday at 08:00 UTC');
    // Subscribed before the time on that weekday: the first digest is the same day.
    expect(iso(nextDueAfter(scheduleSpec({ schedule: 'weekly' }, at('2025-11-20T06:00:00Z')), at('2025-11-20T06:00:00Z')))).toBe('2025-11-20T08:00:00.000Z');
  });

  it('defaults to daily at 08:00 UTC', () => {
    expect(scheduleSpec({}, at('2025-11-20T10:00:00Z'))).toEqual({ schedule: 'daily', time: '08:00', weekday: null });
    expect(describeSchedule({ schedule: 'daily', time: '08:00', weekday: null })).toBe('daily at 08:00 UTC');
  });

  it.each([
    ['8:05', '08:05'],
    ['23:59', '23:59'],
    [' 00:00 ', '00:00'],
  ])('reads the time %s as %s', (input, out) => expect(parseTime(input)).toBe(out));

  it.each(['24:00', '12:60', '8', 'noon', '12:5'])('refuses the time %s', (input) => {
    expect(() => parseTime(input)).toThrow(/time must be HH:MM in UTC/);
  });

  it('reads weekdays by name or first three letters, and refuses others', () => {
    expect(parseWeekday('Monday')).toBe(1);
    expect(parseWeekday('sun')).toBe(0);
    expect(parseWeekday(null)).toBeNull();
    expect(() => parseWeekday('someday')).toThrow(/day must be a weekday/);
  });

  it('refuses a day for a daily digest and an unknown schedule', () => {
    expect(() => scheduleSpec({ schedule: 'daily', weekday: 'monday' }, 0)).toThrow(/only be given for a weekly digest/);
    expect(() => scheduleSpec({ schedule: 'hourly' }, 0)).toThrow(/schedule must be daily or weekly/);
  });
});
