/** Parsers for what people type: pure functions that return a value or throw a UserError. */
import { UserError } from '../errors';
import { isValidIsoDate } from '../corpus/load';

/** A date option written YYYY-MM-DD, or undefined when not given. */
export function parseDateOption(name: string, value: string | undefined | null): string | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (!isValidIsoDate(v)) throw new UserError(`${name} must be a date written YYYY-MM-DD (got "${v}")`);
  return v;
}

/** Both ends of a date range, checked to be in order. */
export function parseDateRange(from: string | undefined | null, to: string | undefined | null): { from?: string; to?: string } {
  const f = parseDateOption('from', from);
  const t = parseDateOption('to', to);
  if (f && t && f > t) throw new UserError(`from (${f}) is after to (${t}): swap them or widen the range`);
  return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}

/** A free-text query: trimmed, not empty, at most 200 characters. */
export function parseQuery(value: string | undefined | null, what = 'query'): string {
  const q = (value ?? '').replace(/\s+/g, ' ').trim();
  if (!q || !/[\p{L}\p{N}]/u.test(q)) throw new UserError(`the ${what} is empty: type a few words from the quote or a speaker's name`);
  if (q.length > 200) throw new UserError(`the ${what} is too long (${q.length} characters; at most 200)`);
  return q;
}

/** A positive whole number within bounds. */
export function parseLimit(value: string | number | undefined, max = 100): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UserError(`limit must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}
