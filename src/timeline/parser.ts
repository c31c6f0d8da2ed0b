/**
 * chrono-node, configured for news English: the casual English parser plus two parsers (bare
 * years, seasons) and four refiners (two repairs of chrono merges, non-events, past bias).
 * `parseDates` is the only way the timeline calls chrono.
 */
import * as chrono from 'chrono-node';
import type { Parser, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { addDays, compareYmd, type Ymd, weekdayOf } from './dates';
import { speaksOfFuture } from './tense';

/** Tag set on results whose clause speaks of the future. */
export const FUTURE_TAG = 'parley/future';
/** Tag set on results of the bare-year parser. */
export const YEAR_TAG = 'parley/year';

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
      if (/^in\b/.test(text)) return speaksOfFuture(context.text, r.index, r.index + r.text.length);
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
 * The past bias. chrono (with `forwardDate: false`) puts a weekday, a month or a day-and-month
 * without a year at the occurrence closest to the reference, which may be ahead of it. News reports
 * the past: such a date becomes the most recent one on or before the publication date, unless its
 * clause speaks of the future, when it becomes the next one on or after it. Dates with "last",
 * "this" or "next", and dates relative to the reference ("yesterday", "last month"), are chrono's.
 * Every result whose clause speaks of the future is tagged `parley/future`.
 */
class PastBiasRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const ref = referenceDay(context);
    for (const r of results) {
      const future = speaksOfFuture(context.text, r.index, r.index + r.text.length);
      if (future) r.addTag(FUTURE_TAG);
      const s = r.start;
      if (s.isCertain('year') || r.tags().has('result/relativeDate')) continue;
      if (/\b(?:this|last|past|next|coming)\b/i.test(r.text)) continue;
      if (s.isCertain('month')) {
        const month = s.get('month') ?? 1;
        const day = s.isCertain('day') ? (s.get('day') ?? 1) : null;
        const sameYear = { year: ref.year, month, day: day ?? (future ? 31 : 1) };
        const cmp = compareYmd(sameYear, ref);
        const year = future ? (cmp >= 0 ? ref.year : ref.year + 1) : cmp <= 0 ? ref.year : ref.year - 1;
        s.imply('year', year);
        if (r.end && !r.end.isCertain('year')) {
          const endMonth = r.end.get('month') ?? month;
          r.end.imply('year', endMonth < month ? year + 1 : year);
        }
      } else if (s.isCertain('weekday') && !s.isCertain('day')) {
        const wanted = s.get('weekday') ?? 0;
        const delta = future ? (wanted - weekdayOf(ref) + 7) % 7 : -((weekdayOf(ref) - wanted + 7) % 7);
        const target = addDays(ref, delta);
        s.imply('day', target.day).imply('month', target.month).imply('year', target.year);
        if (r.end && r.end.isCertain('weekday') && !r.end.isCertain('day')) {
          const endWanted = r.end.get('weekday') ?? 0;
          const end = addDays(target, (endWanted - wanted + 7) % 7);
          r.end.imply('day', end.day).imply('month', end.month).imply('year', end.year);
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
  parser.refiners.push(new LostDateRepair());
  parser.refiners.push(new TrailingNowRepair());
  parser.refiners.push(new NonEventFilter());
  parser.refiners.push(new PastBiasRefiner());
  return parser;
})();

/** A date chrono found in a sentence, after the refiners above. */
export type DateResult = ParsingResult;

/**
 * Every date chrono finds in `text`, resolved against `published` (YYYY-MM-DD, taken at noon UTC)
 * with chrono's forward-date option off.
 */
export function parseDates(text: string, published: string): DateResult[] {
  const reference = { instant: new Date(`${published}T12:00:00Z`), timezone: 0 };
  return newsChrono.parse(text, reference, { forwardDate: false }) as DateResult[];
}
