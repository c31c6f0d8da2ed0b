/** Calendar helpers on plain year/month/day numbers (UTC, no time of day). */
import type { Precision } from './types';

/** A calendar day. `month` is 1-12. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads `YYYY-MM-DD`; throws with the module's prefix on anything else. */
export function parseIsoDay(value: string): Ymd {
  const m = ISO_DAY.exec(value);
  if (!m) throw new Error(`timeline: not a YYYY-MM-DD date: "${value}"`);
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidYmd(ymd)) throw new Error(`timeline: not a calendar date: "${value}"`);
  return ymd;
}

export function isValidYmd({ year, month, day }: Ymd): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The date written at a precision: `2025`, `2025-08` or `2025-08-15`. */
export function formatDate(ymd: Ymd, precision: Precision): string {
  const year = pad(ymd.year, 4);
  if (precision === 'year') return year;
  if (precision === 'month') return `${year}-${pad(ymd.month)}`;
  return `${year}-${pad(ymd.month)}-${pad(ymd.day)}`;
}

/** A formatted date cut to a coarser precision (`2025-08-15` at month is `2025-08`). */
export function truncateDate(date: string, precision: Precision): string {
  return date.slice(0, precision === 'year' ? 4 : precision === 'month' ? 7 : 10);
}

export function toUtc({ year, month, day }: Ymd): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

export function fromUtc(date: Date): Ymd {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(ymd: Ymd, days: number): Ymd {
  const d = toUtc(ymd);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Adds months, keeping the day where it exists (only year and month matter to callers). */
export function addMonths(ymd: Ymd, months: number): Ymd {
  const index = ymd.year * 12 + (ymd.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(ymd: Ymd): number {
  return toUtc(ymd).getUTCDay();
}

/** -1, 0 or 1 as `a` is before, on or after `b`. */
export function compareYmd(a: Ymd, b: Ymd): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Monday of the ISO week holding the day. */
export function mondayOf(ymd: Ymd): Ymd {
  return addDays(ymd, -((weekdayOf(ymd) + 6) % 7));
}

/**
 * The most precise date that covers a whole span of days: a day when the span is one day, the month
 * when it stays in one month, else the year when it stays in one year; null when it crosses a year.
 */
export function spanToDate(start: Ymd, end: Ymd): { date: string; precision: Precision } | null {
  if (compareYmd(start, end) === 0) return { date: formatDate(start, 'day'), precision: 'day' };
  if (start.year === end.year && start.month === end.month) return { date: formatDate(start, 'month'), precision: 'month' };
  if (start.year === end.year) return { date: formatDate(start, 'year'), precision: 'year' };
  return null;
}

/** First and last day of the period a formatted date names (`2025-08` → 2025-08-01 … 2025-08-31). */
export function periodOf(date: string): { start: Ymd; end: Ymd } {
  const year = Number(date.slice(0, 4));
  if (date.length === 4) return { start: { year, month: 1, day: 1 }, end: { year, month: 12, day: 31 } };
  const month = Number(date.slice(5, 7));
  if (date.length === 7) return { start: { year, month, day: 1 }, end: addDays(addMonths({ year, month, day: 1 }, 1), -1) };
  const day = { year, month, day: Number(date.slice(8, 10)) };
  return { start: day, end: day };
}
