/**
 * chrono-node, configured for news English: the casual English parser plus two parsers (bare
 * years, seasons) and four refiners (two repairs of chrono merges, non-events, past bias).
 * `parseDates` is the only way the timeline calls chrono.
 */
import * as chrono from 'chrono-node';
import type { Parser, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { addDays, compareYmd, type Ymd, weekdayOf } from './dates';
import { dateDirection } from './tense';

/** Tag set on results whose clause speaks of the future. */
export const FUTURE_TAG = 'parley/future';
/** Tag set on results of the bare-year parser. */
export const YEAR_TAG = 'parley/year';

/** Tag set on results whose clause tells a plan or schedule made in the past ("agreed to meet on December 4"). */
export const INTENT_TAG = 'parley/intent';

/** Tag set on results of the season parser. */
export const SEASON_TAG = 'parley/season';

/** Earliest year a bare number is read as. */
export const MIN_BARE_YEAR = 1900;
/** How far past the publication year a bare number is still read as a year. */
export const MAX_YEARS_AHEAD = 30;

/** Month and weekday names and their abbreviations, as chrono reads them (case-insensitively). */
const CALENDAR_WORD =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b/gi;
const MONTH_WORD =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

const PREPOSITIONS = new Set([
  'in', 'since', 'by', 'until', 'till', 'from', 'through', 'to', 'during', 'before', 'after', 'of',
  'between', 'and', 'throughout', 'around', 'circa', 'for',
]);

/**
 * A year written alone: "in 2015", "since 2014", "by the end of 2024", "in late 2023", "mid-2022",
 * "2014's annexation", "the 2022 invasion". A number is read as a year only in these settings, so
 * "Euro 2024", "Resolution 2202", "the 1990s" or "2,000 troops" are not years.
 */
const BARE_YEAR =
  /(^|[^\p{L}\p{N}'’.,-])(?:([\p{L}]+(?:['’]s)?)\s+)?((?:(?:early|mid|late)(?:\s+|-))?((?:19|20)\d{2}))(['’]s\b)?(?![\p{L}\p{N}-]|[.,]\d)/iu;

/** Quantity nouns before "of": "a total of 2000" is a count, not a year. */
const QUANTITY_BEFORE_OF = /\b(?:total|number|sum|tally|group|batch|set|list|up|more|less|fewer|least|most|estimated)\s+$/i;

class BareYearParser implements Parser {
  pattern(): RegExp {
    return BARE_YEAR;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const lead = match[1] ?? '';
    const word = match[2] ?? '';
    const body = match[3] ?? '';
    const year = Number(match[4]);
    const possessive = Boolean(match[5]);
    const modified = body.length > (match[4] ?? '').length;
    const refYear = context.reference.instant.getUTCFullYear();
    if (year < MIN_BARE_YEAR || year > refYear + MAX_YEARS_AHEAD) return null;

    const start = (match.index ?? 0) + lead.length;
    const lower = word.toLowerCase();
    let accepted = possessive || modified;
    if (PREPOSITIONS.has(lower)) {
      accepted = true;
      if (lower === 'of' && QUANTITY_BEFORE_OF.test(context.text.slice(0, start))) accepted = false;
    } else if (/^(?:the|a|an|its|his|her|their|this|that|our)$/i.test(word) || /['’]s$/.test(word)) {
      // "the 2022 invasion", "the 2023 Vilnius summit": a determiner, the number, then a word that is not a count noun.
      const after = context.text.slice(start + match[0].length - lead.length);
      if (/^\s+\p{L}/u.test(after) && !/^\s+(?:people|troops|soldiers|civilians|km|kilometers|kilometres|miles|tons|tonnes|drones|missiles|dollars|euros)\b/i.test(after)) {
        accepted = true;
      }
    } else if (word && /^\p{Lu}/u.test(word) && !possessive && !modified) {
      // A capitalised word right before the number names something: "Euro 2024", "Vision 2030".
      return null;
    }
    if (!accepted) return null;

    // The result keeps its leading word when that word is a preposition or determiner ("in 2015"),
    // and a possessive keeps its "'s": chrono drops results that are all digits.
    const possessiveText = match[5] ?? '';
    const bodyStart = start + match[0].length - lead.length - body.length - possessiveText.length;
    const keepWord =
      word !== '' && (PREPOSITIONS.has(lower) || /^(?:the|a|an|its|his|her|their|this|that|our)$/i.test(word) || /['’]s$/.test(word));
    const textStart = keepWord ? start : bodyStart;
    const text = context.text.slice(textStart, bodyStart + body.length + possessiveText.length);
    const result = context.createParsingResult(textStart, text, { year });
    result.addTag(YEAR_TAG);
    return result;
  }
}

/** The months a season starts and ends in (northern hemisphere); winter crosses the year and is left out. */
const SEASONS: Record<string, { first: number; last: number }> = {
  spring: { first: 3, last: 5 },
  summer: { first: 6, last: 8 },
  autumn: { first: 9, last: 11 },
  fall: { first: 9, last: 11 },
};

/**
 * A season gives only its year: "the summer of 2023", "spring 2022", "this summer", "last autumn",
 * "next spring". "last summer" is the most recent summer that has ended by publication.
 */
class SeasonParser implements Parser {
  pattern(): RegExp {
    return /(^|[^\p{L}])(?:(this|last|next|past)\s+(spring|summer|autumn|fall)\b|(?:(?:early|late|mid)[\s-]+)?(spring|summer|autumn|fall)\s+(?:of\s+)?((?:19|20)\d{2})\b)/iu;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const lead = match[1] ?? '';
    const index = (match.index ?? 0) + lead.length;
    const text = match[0].slice(lead.length);
    const modifier = (match[2] ?? '').toLowerCase();
    const season = SEASONS[(match[3] ?? match[4] ?? '').toLowerCase()];
    if (!season) return null;
    const ref = referenceDay(context);
    let year = Number(match[5] ?? ref.year);
    if (modifier === 'last' || modifier === 'past') year = ref.month > season.last ? ref.year : ref.year - 1;
    else if (modifier === 'next') year = ref.month < season.first ? ref.year : ref.year + 1;
    const result = context.createParsingResult(index, text, { year });
    result.addTag(SEASON_TAG);
    return result;
  }
}

/**
 * A part of the current (or the last, or the next) year or month: "since the start of the year",
 * "by the end of the month", "at the beginning of next year". Only the year (the month) is known.
 */
class PeriodPartParser implements Parser {
  pattern(): RegExp {
    return /(^|[^\p{L}])(?:the\s+)?(?:very\s+)?(?:start|beginning|end|middle)\s+of\s+(?:(the|this|last|next)\s+)(year|month)\b/iu;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const lead = match[1] ?? '';
    const index = (match.index ?? 0) + lead.length;
    const text = match[0].slice(lead.length);
    const which = (match[2] ?? '').toLowerCase();
    const unit = (match[3] ?? '').toLowerCase();
    const ref = referenceDay(context);
    const step = which === 'last' ? -1 : which === 'next' ? 1 : 0;
    if (unit === 'year') return context.createParsingResult(index, text, { year: ref.year + step });
    const m = ref.year * 12 + (ref.month - 1) + step;
    return context.createParsingResult(index, text, { year: Math.floor(m / 12), month: (m % 12) + 1 });
  }
}

const NUMBER_WORD = String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|few|a\s+few|couple(?:\s+of)?|a\s+couple\s+of|many|some)`;
const UNIT_WORD = String.raw`(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))`;
const COUNTED_UNIT = new RegExp(String.raw`\b${NUMBER_WORD}(?:\s+|-)(?:\w+\s+)?${UNIT_WORD}\b`, 'i');
/** Offsets from another event, resolved by the timeline against that event, not by chrono. */
export const ANCHORED_OFFSET =
  /\b(?:days?|weeks?|months?|years?)\s+(?:before|after|later|earlier|prior)\b|\b(?:next|following|previous|preceding|same)\s+day\b/i;

function referenceDay(context: ParsingContext): Ymd {
  const i = context.reference.instant;
  return { year: i.getUTCFullYear(), month: i.getUTCMonth() + 1, day: i.getUTCDate() };
}

/**
 * Drops what chrono reads as a date but news does not report as a dated event: durations ("for 16
 * hours", "after five years", "over the last five years", "would last five years", "within days"),
 * recurrences ("every Friday"), "now", times of day alone ("at 10 a.m."), and offsets from another
 * event ("two days later", "the day before"), which the timeline resolves itself.
 */
class NonEventFilter implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return results.filter((r) => this.isEvent(context, r));
  }

  private isEvent(context: ParsingContext, r: ParsingResult): boolean {
    const text = r.text.trim().toLowerCase();
    const before = context.text.slice(0, r.index);
    const after = context.text.slice(r.index + r.text.length);
    const tags = r.tags();
    if (tags.has('casualReference/now') || /^(?:right\s+)?now$/.test(text)) return false;
    // News capitalises month and weekday names: "march", "sun", "sat" and "may" in lower case are other words.
    for (const m of r.text.matchAll(CALENDAR_WORD)) if (!/^\p{Lu}/u.test(m[0])) return false;
    if (/\b(?:every|each)\s+(?:other\s+)?$/i.test(before)) return false;
    if (/\bday\s+(?:before|after)\s+(?:yesterday|tomorrow)\b/.test(text)) return true;
    if (ANCHORED_OFFSET.test(text)) return false;
    if (COUNTED_UNIT.test(text)) {
      if (/\bago\b|\bfrom\s+now\b/.test(text)) return true;
      if (/^in\b/.test(text)) return ['future', 'intent', 'scheduled'].includes(dateDirection(context.text, r.index, r.index + r.text.length));
      return false;
    }
    // "the last minute", "over the past day", "in the day": moments and stretches, not dates.
    if (/^(?:the\s+)?(?:last|past|previous|this|next|coming)\s+(?:second|minute|hour)s?$/.test(text)) return false;
    if (/^(?:the\s+)?(?:past|previous|coming)\s+days?$/.test(text) || /^in\s+the\s+(?:day|week|month|year)$/.test(text)) return false;
    // A part of the day alone ("his evening address") is not a date; "this morning", "Friday night" are.
    if (/^(?:morning|afternoon|evening|night|noon|midnight)$/.test(text)) return false;
    // "India Today", "USA Today": a capitalised casual word inside a name.
    if (/^(?:Today|Tonight|Yesterday|Tomorrow)$/.test(r.text.trim()) && /\p{L}\s+$/u.test(before)) return false;
    // A wire dateline ("MOSCOW, Nov 21 (Reuters) -") dates the report, which is the publication.
    if (/^\s*\((?:[\p{Lu}][\p{L}.]*\s?){1,3}\)\s*[-–—]/u.test(after)) return false;
    const calendar = /^(?:last|past|previous|this|next|coming)\s+(week|weekend|month|quarter|year|decade)$/.exec(text);
    if (calendar) {
      // "the past year", "over the last month", "in the coming week" are stretches of time.
      if (/\bthe\s*$/i.test(before) || /^(?:past|previous|coming)\b/.test(text)) return false;
      if (calendar[1] === 'quarter' || calendar[1] === 'decade') return false;
      return true;
    }
    const s = r.start;
    const dated = s.isCertain('year') || s.isCertain('month') || s.isCertain('day') || s.isCertain('weekday');
    const relative = tags.has('result/relativeDate') || [...tags].some((t) => t.startsWith('casualReference/'));
    if (!dated && !relative && !/\bweek\b/.test(text)) return false;
    // Numbers with slashes and no year are names or rates, not dates: "9/11", "24/7".
    if (/^\d{1,2}\/\d{1,2}$/.test(text) && !s.isCertain('year')) return false;
    // A stamp like "Fri, 11/14/2025 – 23:00" dates the page, not an event.
    if (/\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(text) && (/\d{1,2}:\d{2}/.test(text) || /^\s*[–—-]?\s*\d{1,2}:\d{2}/.test(after))) {
      return false;
    }
    return true;
  }
}

/**
 * chrono sometimes merges a time of day written first into a date and loses the date ("the night of
 * Nov. 12" comes out as the reference day). Such a result is parsed again from its month name on.
 */
class LostDateRepair implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return results.map((r) => {
      const month = MONTH_WORD.exec(r.text);
      if (!month || r.start.isCertain('month') || month.index === 0) return r;
      const offset = r.index + month.index;
      const again = chrono.casual.parse(
        r.text.slice(month.index),
        { instant: context.reference.instant, timezone: context.reference.timezoneOffset ?? 0 },
        context.option,
      )[0] as ParsingResult | undefined;
      if (!again || !again.start.isCertain('month')) return r;
      return context.createParsingResult(offset + again.index, again.text, again.start, again.end ?? undefined);
    });
  }
}

/**
 * chrono reads "on Tuesday, now runs to 20 points" as one date made certain by "now" (the
 * reference). The trailing "now" is dropped and the rest parsed again.
 */
class TrailingNowRepair implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return results.map((r) => {
      const m = /^(.*?\p{L}.*?)[\s,;]+(?:right\s+)?now$/iu.exec(r.text);
      if (!m || !m[1]) return r;
      const again = chrono.casual.parse(
        m[1],
        { instant: context.reference.instant, timezone: context.reference.timezoneOffset ?? 0 },
        context.option,
      )[0] as ParsingResult | undefined;
      if (!again) return r;
      return context.createParsingResult(r.index + again.index, again.text, again.start, again.end ?? undefined);
    });
  }
}

/**
 * How far ahead of publication the "nearest" reading of a date without a year may go: a plan or a
 * deadline told without its year is near; further ahead, the most recent one is meant ("agreed to
 * exchange prisoners on May 16", written in November, is the May past).
 */
export const NEAREST_AHEAD_DAYS = 122;
export const NEAREST_AHEAD_MONTHS = 4;

/** Signed number of days from `a` to `b`. */
function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * The year of a month (with or without its day) written without one. `past`: the most recent on or
 * before the reference; `future`: the next on or after it; `nearest`: whichever of the two is closer
 * (a tie goes forward), but never further ahead than `NEAREST_AHEAD_DAYS` (`NEAREST_AHEAD_MONTHS`
 * for a month alone); `after`: the first on or after the given day.
 */
export function yearOfMonth(
  month: number,
  day: number | null,
  ref: Ymd,
  how: 'past' | 'future' | 'nearest' | { after: Ymd },
): number {
  if (typeof how === 'object') {
    const from = how.after;
    const same = { year: from.year, month, day: day ?? 31 };
    return compareYmd(same, from) >= 0 ? from.year : from.year + 1;
  }
  const past = (() => {
    const same = { year: ref.year, month, day: day ?? 1 };
    return compareYmd(same, ref) <= 0 ? ref.year : ref.year - 1;
  })();
  const future = (() => {
    const same = { year: ref.year, month, day: day ?? 31 };
    return compareYmd(same, ref) >= 0 ? ref.year : ref.year + 1;
  })();
  if (how === 'past') return past;
  if (how === 'future' || past === future) return future;
  if (day === null) {
    const index = (y: number): number => y * 12 + month;
    const now = ref.year * 12 + ref.month;
    const ahead = index(future) - now;
    return ahead <= now - index(past) && ahead <= NEAREST_AHEAD_MONTHS ? future : past;
  }
  const ahead = daysBetween(ref, { year: future, month, day });
  return ahead <= daysBetween({ year: past, month, day }, ref) && ahead <= NEAREST_AHEAD_DAYS ? future : past;
}

/** What opens a weekday told in the present tense as a time still to come ("meets on Monday", "is Thursday"). */
const PRESENT_WEEKDAY_BEFORE = /\b(?:on|by|until|till|before|for|is|are)\s+$/i;

/**
 * The past bias, and where it gives way. chrono (with `forwardDate: false`) puts a weekday, a month
 * or a day-and-month without a year at the occurrence closest to the reference, which may be ahead of
 * it. News reports the past: such a date becomes the most recent one on or before the publication
 * date, unless its clause says otherwise (`dateDirection`):
 * - told as still to come ("will meet on Wednesday"): the next one on or after publication;
 * - a plan made in the past ("agreed to meet again on December 4", "proposed holding talks on
 *   Thursday") or a schedule told in the past tense ("was scheduled for Monday"): the first one after
 *   the date the sentence gives the plan ("agreed on Tuesday to meet on Thursday"), else for a month
 *   the one nearest to publication (a plan may have fallen due already or be still ahead), for a
 *   weekday the next one after a plan and the nearest one for a schedule (which may have failed);
 * - a month told in the present tense or in a sentence without a verb ("The deadline is November
 *   27"): the nearest one, as news writes the year of a date that is not the nearest; a weekday told
 *   in the present tense after "on", "by", "until" or a copula ("travels to Washington on Monday"):
 *   the next one (a weekday in a caption or a bullet without a verb keeps the past bias).
 * Dates with "last", "this" or "next", and dates relative to the reference ("yesterday", "last
 * month"), are chrono's. Every result whose clause speaks of the future is tagged `parley/future`.
 */
class PastBiasRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const ref = referenceDay(context);
    /** The last date told as past before the current result: a plan counts from it. */
    let told: { ymd: Ymd; day: boolean } | null = null;
    for (const r of [...results].sort((a, b) => a.index - b.index)) {
      const direction = dateDirection(context.text, r.index, r.index + r.text.length);
      const future = direction === 'future';
      if (future) r.addTag(FUTURE_TAG);
      const plan = direction === 'intent' || direction === 'scheduled';
      if (plan) r.addTag(INTENT_TAG);
      const s = r.start;
      const fixed = s.isCertain('year') || r.tags().has('result/relativeDate') || /\b(?:this|last|past|next|coming)\b/i.test(r.text);
      if (!fixed && s.isCertain('month')) {
        const month = s.get('month') ?? 1;
        const day = s.isCertain('day') ? (s.get('day') ?? 1) : null;
        const how =
          direction === 'future'
            ? 'future'
            : plan
              ? told && (told.day || day === null)
                ? { after: told.ymd }
                : 'nearest'
              : direction === 'present' || direction === 'timeless'
                ? 'nearest'
                : 'past';
        const year = yearOfMonth(month, day, ref, how);
        s.imply('year', year);
        if (r.end && !r.end.isCertain('year')) {
          const endMonth = r.end.get('month') ?? month;
          r.end.imply('year', endMonth < month ? year + 1 : year);
        }
      } else if (!fixed && s.isCertain('weekday') && !s.isCertain('day')) {
        const wanted = s.get('weekday') ?? 0;
        const ahead = (from: Ymd): number => (wanted - weekdayOf(from) + 7) % 7;
        const back = (weekdayOf(ref) - wanted + 7) % 7;
        let target: Ymd;
        if (future) target = addDays(ref, ahead(ref));
        else if (plan && told?.day) target = addDays(told.ymd, ahead(told.ymd));
        else if (direction === 'intent') target = addDays(ref, ahead(ref));
        else if (plan) target = addDays(ref, ahead(ref) <= back ? ahead(ref) : -back);
        else if (
          direction === 'present' &&
          PRESENT_WEEKDAY_BEFORE.test(context.text.slice(0, r.index) + r.text.slice(0, Math.max(0, r.text.search(/\p{Lu}/u)))) &&
          !/^\s*['’]s\b/.test(context.text.slice(r.index + r.text.length))
        ) {
          // "Zelensky travels to Washington on Monday", "The deadline is Thursday": what is scheduled.
          target = addDays(ref, ahead(ref));
        } else target = addDays(ref, -back);
        s.imply('day', target.day).imply('month', target.month).imply('year', target.year);
        if (r.end && r.end.isCertain('weekday') && !r.end.isCertain('day')) {
          const endWanted = r.end.get('weekday') ?? 0;
          const end = addDays(target, (endWanted - wanted + 7) % 7);
          r.end.imply('day', end.day).imply('month', end.month).imply('year', end.year);
        }
      }
      if (direction === 'past' || direction === 'present' || direction === 'timeless') {
        const isDay = s.isCertain('day') || s.isCertain('weekday');
        if (isDay || s.isCertain('month')) {
          told = { ymd: { year: s.get('year') ?? ref.year, month: s.get('month') ?? 1, day: s.get('day') ?? 1 }, day: isDay };
        }
      }
    }
    return results;
  }
}

/** The configured parser: chrono's casual English with the additions above. */
export const newsChrono: chrono.Chrono = (() => {
  const parser = chrono.casual.clone();
  parser.parsers.push(new BareYearParser());
  parser.parsers.push(new SeasonParser());
  parser.parsers.push(new PeriodPartParser());
  parser.refiners.push(new LostDateRepair());
  parser.refiners.push(new TrailingNowRepair());
  parser.refiners.push(new NonEventFilter());
  parser.refiners.push(new PastBiasRefiner());
  return parser;
})();

/** A date chrono found in a sentence, after the refiners above. */
export type DateResult = ParsingResult;

/** A month or weekday name as chrono reads it, written with a capital (lower-case ones are dropped). */
const CAPITALISED_CALENDAR_WORD = new RegExp(
  String.raw`\b(?:` +
    [
      'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
      'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
      'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
      'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun',
    ]
      .map((w) => `${w[0]}(?:${w.slice(1)}|${w.slice(1).toUpperCase()})`)
      .join('|') +
    String.raw`)\b`,
);

/**
 * What every date found here holds: a capitalised month or weekday name, a word of relative time
 * ("yesterday", "ago", "week", "month", "this morning"), a season, a year of four digits, numbers
 * written as a date ("11/14", "2025-11-14") or a number with a unit ("5d", "3 hrs"). Sentences
 * without any of them skip chrono, which costs far more than this test.
 */
const RELATIVE_OR_NUMERIC =
  /\b(?:today|tonight|tomorrow|tmrw?|overmorrow|yesterday|ago|days?|weeks?|weekends?|fortnights?|months?|years?|quarters?|decades?|centur(?:y|ies)|hours?|minutes?|seconds?|mornings?|afternoons?|evenings?|nights?|noon|midday|midnight|spring|summer|autumn|fall)\b|(?:19|20)\d\d|\d\s*[/.-]\s*\d|\d\s*(?:s|secs?|m|mins?|h|hrs?|d|w|mos?|qtrs?|y|yrs?)\b|\b(?:this|last|past|next)\s*(?:secs?|mins?|hrs?|mos?|qtrs?|yrs?|[smhdwy])\b/i;

/** The cheap test run before chrono: false only when no date can be found in `text`. */
export function mayHoldDate(text: string): boolean {
  return RELATIVE_OR_NUMERIC.test(text) || CAPITALISED_CALENDAR_WORD.test(text);
}

/**
 * chrono reads a number followed by a word beginning with "am" or "pm" as a time of day ("November
 * 28 amid a corruption investigation" is "28 am"), and drops the date with the impossible hour. A
 * comma in place of the blank (same length, so every index holds) keeps the word out of the time.
 */
export function guardTimeWords(text: string): string {
  return text.replace(/(\d)(\s+)(?=[ap]m\p{L})/giu, (_all, digit: string, blanks: string) => `${digit},${blanks.slice(1)}`);
}

/**
 * Every date chrono finds in `text`, resolved against `published` (YYYY-MM-DD, taken at noon UTC)
 * with chrono's forward-date option off. Text without date words (`mayHoldDate`) skips chrono.
 */
export function parseDates(text: string, published: string): DateResult[] {
  if (!mayHoldDate(text)) return [];
  const reference = { instant: new Date(`${published}T12:00:00Z`), timezone: 0 };
  return newsChrono.parse(guardTimeWords(text), reference, { forwardDate: false }) as DateResult[];
}
