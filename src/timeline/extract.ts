/**
 * Dated events of one article: its publication, and every date its sentences mention, resolved
 * against the publication date (see `parser.ts` for the chrono part and `tense.ts` for the future
 * test). This module turns chrono's results into mentions with an honest precision, resolves dates
 * given as offsets from another event ("the day before", "later that month"), and writes summaries.
 */
import { FUTURE_TAG, mayHoldDate, parseDates, YEAR_TAG, type DateResult } from './parser';
import {
  addDays,
  addMonths,
  compareYmd,
  formatDate,
  mondayOf,
  parseIsoDay,
  periodOf,
  spanToDate,
  truncateDate,
  type Ymd,
  weekdayOf,
} from './dates';
import { keyTermsAndNames } from './terms';
import type { DatedMention, Precision, TimelineDoc } from './types';

/** Longest summary, in characters, before the sentence is cut around the date words. */
export const SUMMARY_LENGTH = 200;

/** Words before a date that qualify it and belong to its matched text ("back in August"). */
const QUALIFIER_BEFORE =
  /(?:\b(?:back\s+in|since\s+at\s+least|at\s+least|early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle|turn)\s+of|since|in|on|by|until|till|from|during|as\s+of)\s+|\bmid-)$/i;

/** Qualifiers that leave only the month (or the year) known: "the end of September", "early 2022". */
const PART_OF_PERIOD = /\b(?:early|late|mid|end|beginning|start|middle|turn)\b/i;

const NUMBER_WORDS: Record<string, number> = {
  the: 1, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

/** "two days later", "a day after the summit", "the week before". */
const COUNTED_OFFSET =
  /\b(the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+(before|after|later|earlier|prior(?:\s+to)?)\b(?!\s+(?:yesterday|tomorrow)\b)/gi;
/** "the next day", "the following morning", "the previous week", "the previous year". */
const NEXT_OR_PREVIOUS = /\bthe\s+(next|following|previous|preceding)\s+(day|morning|afternoon|evening|night|week|month|year)\b/gi;
/** "that month", "later that month", "the same day", "earlier that year", "earlier in the day". */
const SAME_PERIOD =
  /\b(?:(?:earlier|later)\s+(?:in\s+|on\s+)?)?(?:that\s+same|that|the\s+same)\s+(day|month|year)\b(?![-‐])|\b(?:earlier|later)\s+(?:in|on)\s+the\s+(day|month|year)\b/gi;
/** What may open the object of "after"/"before": "a day after Trump's call", "the day before the summit". */
const OBJECT_START = /^\s+(?:the|a|an|his|her|its|their|this|that|these|those|he|she|it|they|we|you|\p{Lu}[\p{L}.'’-]*|\p{Ll}+ing|\d)/u;

type Unit = 'day' | 'week' | 'month' | 'year';

/** A date phrase found in a sentence, resolved or waiting for its anchor. */
interface Found {
  start: number;
  end: number;
  matchedText: string;
  date: string;
  precision: Precision;
  future: boolean;
  /** The days the date can stand for (see `DatedMention.earliest`). */
  earliest: string;
  latest: string;
  /** False for the object of "a day after <something>": later offsets count from the main event. */
  anchor: boolean;
}

/** A date given as an offset from another event. */
interface Offset {
  start: number;
  end: number;
  matchedText: string;
  unit: Unit;
  /** Signed number of units from the anchor. */
  amount: number;
  /** "a day after <something>" with another date in the sentence: the something is dated from that date. */
  hasObject: boolean;
  /** "the previous week", "the following week": the calendar week before or after the anchor's, not a day. */
  calendarWeek?: boolean;
}

function precisionOfUnit(unit: Unit): Precision {
  return unit === 'day' || unit === 'week' ? 'day' : unit;
}

function precisionRank(p: Precision): number {
  return p === 'day' ? 2 : p === 'month' ? 1 : 0;
}

function ymdOfDate(date: string): Ymd {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7) || 1), day: Number(date.slice(8, 10) || 1) };
}

function isFuture(date: string, precision: Precision, published: string, spokenOfAsFuture: boolean): boolean {
  const ref = truncateDate(published, precision);
  return date > ref || (date === ref && spokenOfAsFuture);
}

/**
 * The days a date can stand for: its period (or the span it was made from), cut at publication —
 * what is told as past happened by then, what is told as future has not happened yet.
 */
function bounds(
  date: string,
  future: boolean,
  published: string,
  span?: { start: Ymd; end: Ymd },
): { earliest: string; latest: string } {
  const period = span ?? periodOf(date);
  let earliest = formatDate(period.start, 'day');
  let latest = formatDate(period.end, 'day');
  if (future && earliest < published) earliest = published;
  if (!future && latest > published) latest = published;
  return { earliest, latest };
}

function cleanEdges(text: string): string {
  return text.replace(/^[\s,(（]+/, '').replace(/[\s,)）.;:]+$/, '');
}

/** The date words with the qualifiers written right before them and a possessive "'s"; start and end in the sentence. */
function widen(sentence: string, start: number, end: number): { start: number; end: number; text: string } {
  let s = start;
  const possessive = /^['’]s\b/.exec(sentence.slice(end));
  if (possessive) end += possessive[0].length;
  for (let i = 0; i < 3; i++) {
    const m = QUALIFIER_BEFORE.exec(sentence.slice(0, s));
    if (!m) break;
    s -= m[0].length;
  }
  return { start: s, end, text: cleanEdges(sentence.slice(s, end)) };
}

/** "this week", "last week", "over the weekend": the span of days it covers. */
function weekSpan(text: string, ref: Ymd, future: boolean): { start: Ymd; end: Ymd } | null {
  const lower = text.toLowerCase();
  const modifier = /\b(last|past|previous)\b/.test(lower) ? 'last' : /\b(next|coming)\b/.test(lower) ? 'next' : 'this';
  if (/\bweekend\b/.test(lower)) {
    const wd = weekdayOf(ref);
    if (modifier === 'next' || (modifier === 'this' && future)) {
      const saturday = addDays(ref, (6 - wd + 7) % 7);
      return { start: saturday, end: addDays(saturday, 1) };
    }
    if (wd === 6) return { start: ref, end: ref };
    if (wd === 0) return { start: addDays(ref, -1), end: ref };
    const saturday = addDays(ref, -(wd + 1));
    return { start: saturday, end: addDays(saturday, 1) };
  }
  if (!/\bweek\b/.test(lower)) return null;
  const monday = mondayOf(ref);
  if (modifier === 'last') return { start: addDays(monday, -7), end: addDays(monday, -1) };
  if (modifier === 'next') return { start: addDays(monday, 7), end: addDays(monday, 13) };
  return future ? { start: ref, end: addDays(monday, 6) } : { start: monday, end: ref };
}

/** One chrono result as a dated phrase with an honest precision, or null when it dates nothing. */
function fromResult(result: DateResult, sentence: string, published: string): Found | null {
  const ref = parseIsoDay(published);
  const spokenOfAsFuture = result.tags().has(FUTURE_TAG);
  const raw = cleanEdges(result.text);
  const rawStart = result.index + result.text.indexOf(raw);
  const wide = widen(sentence, rawStart, rawStart + raw.length);
  let matchedText = wide.text;
  if (result.tags().has(YEAR_TAG)) {
    // "the 2022 invasion", "in his 2024 speech", "Trump's 2024 election": the year alone.
    matchedText = matchedText.replace(/^(?:(?:in|at|on|of|from|since)\s+)?(?:the|a|an|its|his|her|their|this|that|our|\p{L}+['’]s)\s+/iu, '');
  }
  const s = result.start;

  const isWeekend = /\bweekend\b/i.test(raw);
  const calendarWeek = /\b(?:this|last|past|previous|next|coming)\s+week\b/i.test(raw) && !s.isCertain('weekday');
  if (isWeekend || calendarWeek) {
    const span = weekSpan(raw, ref, spokenOfAsFuture);
    const dated = span && spanToDate(span.start, span.end);
    if (!span || !dated) return null;
    const future = compareYmd(span.start, ref) > 0 || (spokenOfAsFuture && compareYmd(span.end, ref) >= 0);
    return { start: wide.start, end: wide.end, matchedText, ...dated, future, ...bounds(dated.date, future, published, span), anchor: true };
  }

  let precision: Precision | null = null;
  if (s.isCertain('day') || s.isCertain('weekday')) precision = 'day';
  else if (s.isCertain('month')) precision = 'month';
  else if (s.isCertain('year')) precision = 'year';
  else if ([...result.tags()].some((t) => t.startsWith('casualReference/'))) precision = 'day';
  if (!precision) return null;
  // "the end of September", "early 2022": the part of the period is not a known day.
  if (precision === 'day' && !s.isCertain('weekday') && PART_OF_PERIOD.test(wide.text)) {
    precision = s.isCertain('month') ? 'month' : 'year';
  }
  const ymd = { year: s.get('year') ?? ref.year, month: s.get('month') ?? 1, day: s.get('day') ?? 1 };
  if (precision === 'day' && s.isCertain('day') && s.isCertain('month')) {
    const window = betweenDays(sentence, wide.start, wide.end, ymd);
    if (window) {
      const future = compareYmd(window.span.start, ref) > 0 || isFuture(window.date, window.precision, published, spokenOfAsFuture);
      const { start, end } = window;
      return { start, end, matchedText: cleanEdges(sentence.slice(start, end)), date: window.date, precision: window.precision, future, ...bounds(window.date, future, published, window.span), anchor: true };
    }
  }
  const date = formatDate(ymd, precision);
  const future = isFuture(date, precision, published, spokenOfAsFuture);
  return { start: wide.start, end: wide.end, matchedText, date, precision, future, ...bounds(date, future, published), anchor: true };
}

/** "between 20 and 30 June" (chrono reads only "30 June"), "between June 20 and 30" (only "June 20"). */
const BETWEEN_DAY_BEFORE = /\bbetween\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:and|-|–)\s*$/i;
const BETWEEN_BEFORE = /\bbetween\s+$/i;
const AND_DAY_AFTER = /^\s*(?:and|-|–)\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:[,.:]\d|%|\p{L}))/iu;

/**
 * A window of days: "between 20 and 30 June" tells that something falls on one day of those, not
 * which — the finest precision holding them all (here the month). A range told with "from … to" is
 * dated by its start, which is known.
 */
function betweenDays(
  sentence: string,
  start: number,
  end: number,
  ymd: Ymd,
): { start: number; end: number; date: string; precision: Precision; span: { start: Ymd; end: Ymd } } | null {
  const before = sentence.slice(0, start);
  let first: number;
  let last: number;
  let from = start;
  let to = end;
  const leading = BETWEEN_DAY_BEFORE.exec(before);
  const between = BETWEEN_BEFORE.exec(before);
  const trailing = between ? AND_DAY_AFTER.exec(sentence.slice(end)) : null;
  if (leading) {
    first = Number(leading[1]);
    last = ymd.day;
    from = leading.index;
  } else if (trailing) {
    first = ymd.day;
    last = Number(trailing[1]);
    from = (between as RegExpExecArray).index;
    to = end + trailing[0].length;
  } else return null;
  if (!(first >= 1 && first < last)) return null;
  const span = { start: { ...ymd, day: first }, end: { ...ymd, day: last } };
  const dated = spanToDate(span.start, span.end);
  return dated ? { start: from, end: to, ...dated, span } : null;
}

/** Dates given as offsets from another event ("the day before", "later that month"). */
function findOffsets(sentence: string): Offset[] {
  const out: Offset[] = [];
  for (const m of sentence.matchAll(COUNTED_OFFSET)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const word = (m[3] ?? '').toLowerCase();
    const n = NUMBER_WORDS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]);
    const forward = word === 'after' || word === 'later';
    const takesObject = /^(?:before|after|prior)/.test(word) && OBJECT_START.test(sentence.slice(end));
    const unit = (m[2] ?? 'day').toLowerCase() as Unit;
    out.push({ start, end, matchedText: m[0], unit, amount: forward ? n : -n, hasObject: takesObject });
  }
  for (const m of sentence.matchAll(NEXT_OR_PREVIOUS)) {
    const start = m.index ?? 0;
    const word = (m[2] ?? '').toLowerCase();
    const unit: Unit = word === 'month' || word === 'year' || word === 'week' ? word : 'day';
    // "over the next year", "in the following weeks" are stretches of time, not dates.
    if (unit !== 'day' && /\b(?:over|in|during|within|for|throughout)\s+$/i.test(sentence.slice(0, start))) continue;
    const forward = /^(?:next|following)$/i.test(m[1] ?? '');
    out.push({ start, end: start + m[0].length, matchedText: m[0], unit, amount: forward ? 1 : -1, hasObject: false, calendarWeek: unit === 'week' });
  }
  for (const m of sentence.matchAll(SAME_PERIOD)) {
    const start = m.index ?? 0;
    const unit = (m[1] ?? m[2] ?? 'day').toLowerCase() as Unit;
    out.push({ start, end: start + m[0].length, matchedText: m[0], unit, amount: 0, hasObject: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

function shift(anchor: Ymd, unit: Unit, amount: number): Ymd {
  if (unit === 'day') return addDays(anchor, amount);
  if (unit === 'week') return addDays(anchor, 7 * amount);
  if (unit === 'month') return addMonths(anchor, amount);
  return { year: anchor.year + amount, month: 1, day: 1 };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The date of an offset from another event. "the day before", "two days later", "later that month"
 * count from the last date told before them (in the sentence, else in the article), at the
 * precision of their unit; backwards, with nothing told yet, from the publication. "a day after
 * <something>" dates the something: a day before the date the sentence tells (written in it, else
 * the last date told, else the publication), as in "The statement came a day after Trump's call".
 * Without a date in the sentence, only offsets of days or weeks are trusted to an earlier date.
 */
function resolveOffset(
  offset: Offset,
  found: readonly Found[],
  anchors: readonly { date: string; precision: Precision }[],
  published: string,
): Found | null {
  const precision = precisionOfUnit(offset.unit);
  const fits = (p: Precision): boolean => precisionRank(p) >= precisionRank(precision);
  const earlier = [...anchors].reverse().find((a) => fits(a.precision));
  const ref = parseIsoDay(published);
  let anchor: Ymd | null = null;
  let amount = offset.amount;
  if (offset.hasObject) {
    const here = found.filter((f) => f.anchor && fits(f.precision));
    const nearest = here.reduce<Found | null>(
      (a, b) => (a === null || Math.abs(b.start - offset.start) < Math.abs(a.start - offset.start) ? b : a),
      null,
    );
    const short = offset.unit === 'day' || offset.unit === 'week';
    // "the day before the summit" with no date in the sentence: the summit is not dated from the
    // publication, which would put it after the sentence's own event.
    if (!nearest && amount < 0) return null;
    anchor = nearest ? ymdOfDate(nearest.date) : !short ? null : earlier ? ymdOfDate(earlier.date) : ref;
    amount = -amount;
  } else {
    const before = found.filter((f) => f.anchor && f.start < offset.start && fits(f.precision)).at(-1);
    if (before) anchor = ymdOfDate(before.date);
    else if (earlier) anchor = ymdOfDate(earlier.date);
    else if (amount <= 0) anchor = ref;
  }
  if (!anchor) return null;
  if (offset.calendarWeek) {
    // The Monday-to-Sunday week before or after the anchor's, at the finest precision holding it.
    const monday = mondayOf(shift(anchor, 'week', amount));
    const span = { start: monday, end: addDays(monday, 6) };
    const dated = spanToDate(span.start, span.end);
    if (!dated) return null;
    const future = compareYmd(span.start, ref) > 0;
    return { start: offset.start, end: offset.end, matchedText: cleanEdges(offset.matchedText), ...dated, future, ...bounds(dated.date, future, published, span), anchor: true };
  }
  const date = formatDate(shift(anchor, offset.unit, amount), precision);
  const future = isFuture(date, precision, published, false);
  return {
    start: offset.start,
    end: offset.end,
    matchedText: cleanEdges(offset.matchedText),
    date,
    precision,
    future,
    ...bounds(date, future, published),
    // Later offsets count from the event the sentence tells, not from the something.
    anchor: !offset.hasObject,
  };
}

/** The sentence cut to about `SUMMARY_LENGTH` characters around the date words. */
export function summarize(sentence: string, start: number, end: number, length = SUMMARY_LENGTH): string {
  const text = sentence.trim();
  if (text.length <= length) return text;
  const offset = sentence.indexOf(text);
  const middle = Math.max(0, Math.floor((start - offset + end - offset) / 2));
  let from = Math.max(0, middle - Math.floor(length / 2));
  const to = Math.min(text.length, from + length);
  from = Math.max(0, to - length);
  let cut = text.slice(from, to);
  if (from > 0) cut = cut.replace(/^\S*\s+/, '');
  if (to < text.length) cut = cut.replace(/\s+\S*$/, '');
  return `${from > 0 ? '… ' : ''}${cut.trim()}${to < text.length ? ' …' : ''}`;
}

/**
 * The dated events of an article: first its publication (the headline, on the publication date),
 * then every dated mention of its sentences in reading order.
 */
export function extractEvents(doc: TimelineDoc): DatedMention[] {
  const { id, title, published } = doc.article;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(published)) throw new Error(`timeline: article ${id} has no YYYY-MM-DD publication date: "${published}"`);
  parseIsoDay(published); // throws on a date that is not on the calendar
  const publication: DatedMention = {
    articleId: id,
    published,
    sentence: -1,
    date: published,
    precision: 'day',
    earliest: published,
    latest: published,
    evidence: title,
    matchedText: '',
    summary: title,
    kind: 'publication',
    future: false,
    ...keyTermsAndNames(title),
  };
  const mentions: DatedMention[] = [];
  /** Dates later offsets may count from, in reading order. */
  const anchors: { date: string; precision: Precision }[] = [];

  for (const sentence of doc.sentences) {
    const text = sentence.text;
    // Most sentences hold no date words at all: they skip chrono and the offset patterns.
    if (!mayHoldDate(text)) continue;
    const offsets = findOffsets(text);
    const found: Found[] = [];
    for (const result of parseDates(text, published)) {
      const span = { start: result.index, end: result.index + result.text.length };
      if (offsets.some((o) => overlaps(o, span))) continue;
      const f = fromResult(result, text, published);
      if (f) found.push(f);
    }
    for (const offset of offsets) {
      const f = resolveOffset(offset, found, anchors, published);
      if (f) found.push(f);
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.start - b.start);
    const { terms, names } = keyTermsAndNames(text);
    for (const f of found) {
      if (f.anchor) anchors.push({ date: f.date, precision: f.precision });
      mentions.push({
        articleId: id,
        published,
        sentence: sentence.index,
        date: f.date,
        precision: f.precision,
        earliest: f.earliest,
        latest: f.latest,
        evidence: text.trim(),
        matchedText: f.matchedText,
        summary: summarize(text, f.start, f.end),
        kind: 'mention',
        future: f.future,
        terms,
        names,
      });
    }
  }
  return [publication, ...mentions];
}
