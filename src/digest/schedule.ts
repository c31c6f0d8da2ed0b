/**
 * Digest schedules: daily or weekly at a time of day in UTC. Pure functions, and the parsers for
 * what a person types (they return a value or throw a UserError).
 *
 * Weekly: on the weekday given, else on the weekday (UTC) of the day the channel subscribed.
 * A schedule's slots are the instants it names; a digest is due at the first slot after the last
 * one handled, and after downtime the missed slots collapse into one digest (see scheduler.ts).
 */
import { UserError } from '../errors';

export type Schedule = 'daily' | 'weekly';

export const SCHEDULES: readonly Schedule[] = ['daily', 'weekly'];
/** Default schedule and time of a subscription. */
export const DEFAULT_SCHEDULE: Schedule = 'daily';
export const DEFAULT_TIME = '08:00';

/** Weekday names, index = `Date.getUTCDay()` (0 = Sunday). */
export const WEEKDAYS: readonly string[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export interface ScheduleSpec {
  schedule: Schedule;
  /** HH:MM, UTC. */
  time: string;
  /** 0 (Sunday) – 6 (Saturday); weekly schedules only, null for daily. */
  weekday: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function parseSchedule(value: string | null | undefined): Schedule {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_SCHEDULE;
  const v = value.trim().toLowerCase();
  if (v === 'daily' || v === 'weekly') return v;
  throw new UserError(`schedule must be daily or weekly (got "${value.trim()}")`);
}

/** A time of day, HH:MM (24-hour, UTC); "8:00" is accepted as 08:00. */
export function parseTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_TIME;
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  if (!m || h > 23 || min > 59) throw new UserError(`time must be HH:MM in UTC, from 00:00 to 23:59 (got "${value.trim()}")`);
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** A weekday by name or its first three letters (Monday, mon, MON); null when not given. */
export function parseWeekday(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim().toLowerCase();
  const i = WEEKDAYS.findIndex((d) => d === v || (v.length >= 3 && d.startsWith(v)));
  if (i < 0) throw new UserError(`day must be a weekday such as monday (got "${value.trim()}")`);
  return i;
}

/** The full schedule of a subscription made at `now` (ms): weekly defaults to today's weekday (UTC). */
export function scheduleSpec(input: { schedule?: string | null; time?: string | null; weekday?: string | null }, now: number): ScheduleSpec {
  const schedule = parseSchedule(input.schedule);
  const time = parseTime(input.time);
  const weekday = parseWeekday(input.weekday);
  if (schedule === 'daily' && weekday !== null) throw new UserError('a day can only be given for a weekly digest');
  return { schedule, time, weekday: schedule === 'weekly' ? (weekday ?? new Date(now).getUTCDay()) : null };
}

/** The first slot of the schedule strictly after `after` (ms since the epoch). */
export function nextDueAfter(spec: ScheduleSpec, after: number): number {
  const [h, m] = spec.time.split(':').map(Number) as [number, number];
  const day = new Date(after);
  let slot = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m);
  if (spec.schedule === 'weekly') {
    const weekday = spec.weekday ?? 0;
    slot += ((weekday - new Date(slot).getUTCDay() + 7) % 7) * DAY_MS;
    while (slot <= after) slot += 7 * DAY_MS;
  } else {
    while (slot <= after) slot += DAY_MS;
  }
  return slot;
}

/** "daily at 08:00 UTC", "weekly on Monday at 08:00 UTC". */
export function describeSchedule(spec: ScheduleSpec): string {
  if (spec.schedule === 'daily') return `daily at ${spec.time} UTC`;
  const name = WEEKDAYS[spec.weekday ?? 0] ?? 'sunday';
  return `weekly on ${name[0]!.toUpperCase()}${name.slice(1)} at ${spec.time} UTC`;
}
