/**
 * Does a sentence speak of a date as still to come? News reports the past, so a date without a year
 * (or a bare weekday) is resolved backwards unless the clause around it is about the future.
 *
 * The clause around a date is the stretch of the sentence between clause boundaries (punctuation,
 * quotation marks and subordinating words such as "that", "which", "who", "when", "and"). A clause
 * without a verb ("possibly in December", "On Friday") borrows the clause before it, or failing
 * that the one after it. The clause speaks of the future when it holds a future cue: "will",
 * "'ll", "is due to", "is set to", "are to meet", "plans to", "is expected to", "in the coming days",
 * "upcoming", "next", "later this", or a modal such as "could" or "would" not followed by "have".
 * ("May" the month is told from "may" the modal by its capital letter.)
 */

/** Words that open a new clause; they are kept at the start of the clause they open. */
const BOUNDARY_WORDS =
  /\b(?:that|which|who|whom|whose|when|whenever|where|while|whereas|because|although|though|but|and|or|if|unless|as|after|before|since|until|once)\b/gi;

/** Punctuation that separates clauses: commas, semicolons, colons, dashes, brackets, quotation marks. */
const BOUNDARY_PUNCT = /[,;:()[\]“”"«»—–]|\s-\s|(?<=\w)[.!?](?=\s)/g;

/** A rough test for a finite or participial verb, enough to tell a clause from a fragment. */
const VERB_LIKE = new RegExp(
  [
    String.raw`\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|will|would|shall|should|can|could|may|might|must)\b`,
    String.raw`\w'(?:ll|s|re|ve|d)\b`,
    String.raw`\b[a-z]{3,}(?:ed|ing)\b`,
    String.raw`\b(?:said|says|say|told|tells|met|meets|meet|held|holds|took|takes|made|makes|came|comes|went|goes|began|begins|saw|sees|gave|gives|spoke|speaks|wrote|sent|sends|led|leads|left|won|lost|fought|struck|shot|hit|put|set|cut|let|brought|thought|sought|bought|caught|fell|flew|rose|ran|became|got|kept|felt|heard|knew|found|stood|broke|chose|drove|grew|threw|beat|built|spent|withdrew|meant|paid|laid|sold|shut|arose|warns|claims|plans|wants|expects|hopes|seeks|visits|calls|insists|remains|continues|appears|agrees|denies)\b`,
  ].join('|'),
);

/** Cues that a clause speaks of what is still to come. */
const FUTURE_CUE = new RegExp(
  [
    String.raw`\b(?:will|shall)\b`,
    String.raw`\w['’]ll\b`,
    String.raw`\b(?:is|are|am|['’]re)\s+(?:\w+ly\s+)?(?:(?:due|set|scheduled|slated|expected|poised|going|planning|preparing|likely|about)\s+(?:to|for)\b|(?:scheduled|slated|expected|due)\b|to\s+[a-z]+)`,
    // "plans to", "they plan to" — but not the noun in "a plan to end the war".
    String.raw`\b(?:plans|intends|hopes|aims|wants|seeks|expects|agrees|decides|promises|pledges|vows|offers|threatens|needs)\s+to\b`,
    String.raw`\b(?:we|they|i|you)\s+(?:plan|intend|hope|aim|want|seek|expect|agree|promise|pledge|vow|need)\s+to\b`,
    String.raw`\b(?:could|might|should|would|must|may)\s+(?!have\b|not\s+have\b)(?:\w+ly\s+)?\w+`,
    String.raw`\b(?:upcoming|forthcoming)\b`,
    String.raw`\bin\s+the\s+(?:coming|next)\b`,
    String.raw`\bnext\b(?!\s+(?:day|morning|afternoon|evening|night)\b)`,
    String.raw`\blater\s+this\b`,
  ].join('|'),
);

interface Span {
  start: number;
  end: number;
}

/** Clause spans of a sentence, in order; together they cover the sentence. */
export function clauseSpans(text: string): Span[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of text.matchAll(BOUNDARY_PUNCT)) {
    cuts.add(m.index ?? 0);
    cuts.add((m.index ?? 0) + m[0].length);
  }
  for (const m of text.matchAll(BOUNDARY_WORDS)) cuts.add(m.index ?? 0);
  const sorted = [...cuts].sort((a, b) => a - b);
  const spans: Span[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const span = { start: sorted[i] as number, end: sorted[i + 1] as number };
    if (text.slice(span.start, span.end).trim()) spans.push(span);
  }
  return spans;
}

function hasVerb(text: string): boolean {
  return VERB_LIKE.test(text);
}

/** Blanks out the date words so that "next month" is not its own future cue through this path. */
function maskSpan(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + text.slice(end);
}

/** The date phrase without the punctuation chrono took along ("August,"), which still separates clauses. */
function innerSpan(sentence: string, start: number, end: number): Span {
  while (start < end && /[^\p{L}\p{N}]/u.test(sentence[start] ?? '')) start++;
  while (end > start && /[^\p{L}\p{N}.]/u.test(sentence[end - 1] ?? '')) end--;
  return { start, end };
}

/**
 * The text of the clause a date phrase belongs to (borrowing a neighbour when the clause is a
 * fragment), with the date phrase itself blanked out.
 */
export function clauseAround(sentence: string, start: number, end: number): string {
  ({ start, end } = innerSpan(sentence, start, end));
  const masked = maskSpan(sentence, start, end);
  const spans = clauseSpans(masked);
  let first = spans.findIndex((s) => s.end > start);
  if (first < 0) return masked;
  let last = first;
  // The date phrase may itself contain a boundary word ("Monday and Tuesday"): take every span it touches.
  while (last + 1 < spans.length && (spans[last + 1] as Span).start < end) last++;
  const text = (a: number, b: number): string => masked.slice((spans[a] as Span).start, (spans[b] as Span).end);
  if (hasVerb(text(first, last))) return text(first, last);
  let left = first;
  while (left > 0 && !hasVerb(text(left, last))) left--;
  if (hasVerb(text(left, last))) {
    first = left;
    return text(first, last);
  }
  let right = last;
  while (right + 1 < spans.length && !hasVerb(text(first, right))) right++;
  return text(first, right);
}

/** A verb in the past tense: "-ed" forms and common irregular ones. */
const PAST_VERB =
  /\b(?!(?:need|feed|speed|seed|breed|indeed|proceed|exceed|succeed|hundred)\b)[a-z]{3,}ed\b|\b(?:said|told|met|held|took|made|came|went|began|saw|gave|spoke|wrote|sent|led|left|won|lost|fought|struck|shot|brought|sought|fell|flew|rose|ran|became|kept|heard|knew|found|stood|broke|chose|drove|grew|threw|beat|built|spent|withdrew|paid|laid|sold|arose|was|were|did|had)\b/;

/** How many words before a date are read for a verb the date belongs to ("said on Tuesday"). */
export const ATTACHED_VERB_WINDOW = 4;

/**
 * A plan made in the past: it looks forward from the moment it was made, which may lie before or
 * after the publication. "agreed to meet again", "decided on Tuesday to hold", "proposed holding",
 * "proposed that", "invited Trump to", "urged Kyiv to accept", "postponed to", "a truce starting
 * Monday". Only a cue written before the date governs it (in "In March, they agreed to meet in May"
 * March is when they agreed).
 */
const PLAN_CUE = new RegExp(
  [
    String.raw`\b(?:agreed|decided|planned|promised|pledged|vowed|offered|intended|hoped|arranged|threatened|wanted|sought|aimed|urged|invited|called\s+on|prepared|poised|going|likely|ready)\s+(?:[\p{L}'’.-]+\s+){0,3}?to\s+(?!(?:a|an|the|his|her|its|their|our|this|that|these|those|be)\b)\p{Ll}+`,
    String.raw`\b(?:proposed|proposes|proposing|suggested|suggests|suggesting|floated|considering|considered)\s+(?:\p{Ll}+ing|that)\b`,
    // "a 30-day truce starting Monday", "sanctions effective from December 1": when a plan takes effect.
    String.raw`\b(?:starting|beginning|effective|commencing)\s+(?:on\s+|from\s+)?$`,
    String.raw`\binvit(?:ed|es|ations?)\b`,
    String.raw`\b(?:postponed|delayed|moved|pushed\s+back|put\s+off|rescheduled|brought\s+forward)\s+(?:\S+\s+){0,3}?(?:to|until|till|for)\b`,
  ].join('|'),
  'gu',
);

/**
 * A schedule told in the past tense or as a bare participle: "was scheduled to take place", "were
 * due to meet", "talks, scheduled for Monday,", "had been pencilled in for". The date may have come
 * (and the plan failed) or be still ahead: the nearest one.
 */
const SCHEDULE_CUE = new RegExp(
  [
    String.raw`\b(?:scheduled|slated|set|due|expected|supposed|meant|planned)\s+(?:\p{Ll}+ly\s+)?to\s+(?!(?:a|an|the|his|her|its|their|our|this|that|these|those|be)\b)\p{Ll}+`,
    String.raw`\b(?:scheduled|planned|set|slated|pencil{1,2}ed\s+in|earmarked|timed|due|expected)\s+(?:for|on|in)\b`,
  ].join('|'),
  'gu',
);

/**
 * A finite verb in the present tense, for "The deadline is November 27", "Kyiv has until December
 * 4", "Ukraine's mandate ends in May": a date without a year in such a clause is the nearest one.
 */
const PRESENT_VERB =
  /\b(?:is|are|am|(?:has|have)\s+(?=until|till|to|no|yet|a|an|the|its|their|his|her|some|any|\d)|does|do|remains|ends|expires|begins|starts|runs|lasts|falls|comes|takes|opens|closes|faces|holds|hosts|meets|travels|heads|arrives|leaves|returns|resumes|marks|gives|sets|requires|envisages|foresees|includes|calls\s+for|provides\s+for|it['’]s|that['’]s|there['’]s)\b/i;

/** Words before a date that tie it to an event before the one told ("since May", "after the attack on Monday"). */
const PAST_PREPOSITION = /\b(?:since|after|following|ago|earlier|previously|last|past|former)\b/i;

/** How a clause places a date without a year relative to the publication. */
export type Direction =
  /** Told as still to come: the next one on or after publication. */
  | 'future'
  /** A plan made in the past: the first one after the day the plan was made (else after publication). */
  | 'intent'
  /** A schedule told in the past tense: the one after the day it was told, or the nearest. */
  | 'scheduled'
  /** Told in the present tense ("The deadline is November 27"): the nearest one. */
  | 'present'
  /** In a sentence without a verb (a caption, a bullet): a month is the nearest one, a weekday past. */
  | 'timeless'
  /** Told as done: the most recent one on or before publication. */
  | 'past';

/** The part of the sentence before `start`, back to the last punctuation that separates clauses. */
function clauseBefore(sentence: string, start: number): string {
  return sentence.slice(0, start).split(/[,;:()“”"—–]|\s-\s/).at(-1) ?? '';
}

/**
 * The kind of the last plan or schedule cue of `before`, when no verb in the past tense follows it
 * before the date (in "agreed to talks that ended on Monday" Monday belongs to "ended").
 */
function intentionIn(before: string): 'intent' | 'scheduled' | null {
  let last: { index: number; end: number; kind: 'intent' | 'scheduled' } | null = null;
  for (const [re, kind] of [
    [PLAN_CUE, 'intent'],
    [SCHEDULE_CUE, 'scheduled'],
  ] as const) {
    for (const m of before.matchAll(re)) {
      const index = m.index ?? 0;
      if (!last || index > last.index) last = { index, end: index + m[0].length, kind };
    }
  }
  if (!last || PAST_VERB.test(before.slice(last.end))) return null;
  return last.kind;
}

/** Longest subject, in words, of a headline infinitive ("EU foreign ministers to meet"). */
export const HEADLINE_SUBJECT_WORDS = 5;

/**
 * "Zelensky and Trump to meet on Sunday", "EU leaders to discuss the plan in December": a short
 * subject naming someone, then an infinitive, with no finite verb in the clause — the headline way
 * of telling what is planned.
 */
function headlineInfinitive(before: string): boolean {
  const m = /^\s*((?:[\p{L}'’.-]+\s+){1,5}?)to\s+\p{Ll}+\b/u.exec(before);
  if (!m) return false;
  const subject = (m[1] ?? '').trim();
  const words = subject.split(/\s+/);
  if (words.length > HEADLINE_SUBJECT_WORDS || !/^\p{Lu}/u.test(subject)) return false;
  const rest = before.slice(m[0].length);
  return (
    !VERB_LIKE.test(subject) &&
    !VERB_LIKE.test(rest) &&
    !HEADLINE_NOT_SUBJECT_FIRST.test(subject) &&
    !HEADLINE_NOT_SUBJECT_LAST.test(subject)
  );
}

/** Words that open a phrase, not a subject: "In a bid to", "According to", "Ahead of". */
const HEADLINE_NOT_SUBJECT_FIRST =
  /^(?:in|on|at|for|with|from|by|as|after|before|under|ahead|according|due|prior|thanks|asked|how|what|when|where|whether|it|this|that|there)\b/i;
/** Nouns and words that take an infinitive themselves: "a bid to", "the right to", "a trip to". */
const HEADLINE_NOT_SUBJECT_LAST =
  /\b(?:bid|effort|efforts|attempt|move|push|plan|plans|way|need|chance|decision|agreement|deal|offer|proposal|call|calls|order|time|right|ability|readiness|willingness|intention|pledge|promise|trip|visit|journey|flight|letter|invitation|pressure|how|what|when|where|whether|up|back|close|next|compared|up)$/i;

/** The clause the date stands in, without borrowing from its neighbours. */
function ownClause(sentence: string, start: number, end: number): string {
  ({ start, end } = innerSpan(sentence, start, end));
  const masked = maskSpan(sentence, start, end);
  const spans = clauseSpans(masked);
  const first = spans.findIndex((s) => s.end > start);
  if (first < 0) return '';
  let last = first;
  while (last + 1 < spans.length && (spans[last + 1] as Span).start < end) last++;
  return masked.slice((spans[first] as Span).start, (spans[last] as Span).end);
}

/**
 * How the clause holding the date phrase `[start, end)` places it in time (see `Direction`). A date
 * right after a verb in the past tense belongs to that verb, whatever follows: in "Putin said on
 * Tuesday he would meet Trump" Tuesday is past, and only Thursday in "... would meet Trump on
 * Thursday" is to come; but in "agreed to meet again on December 4" the date belongs to the plan.
 */
/**
 * The sentence with the marks of short quotations blanked out: scare quotes around a few words
 * ("resume “direct negotiations” in Istanbul on Thursday") do not open a clause.
 */
export function unquoteShort(sentence: string): string {
  return sentence.replace(/([“"‘'«])([^“”"‘’'«»,.;:!?]{1,60})([”"’'»])/gu, (all, open: string, inside: string, close: string) =>
    inside.trim().split(/\s+/).length <= SHORT_QUOTATION_WORDS ? ' '.repeat(open.length) + inside + ' '.repeat(close.length) : all,
  );
}

/** Longest quotation, in words, read as scare quotes rather than as a clause of its own. */
export const SHORT_QUOTATION_WORDS = 4;

export function dateDirection(text: string, start: number, end: number): Direction {
  const sentence = unquoteShort(text);
  const before = clauseBefore(sentence, start);
  const window = before.trim().split(/\s+/).slice(-ATTACHED_VERB_WINDOW).join(' ');
  const intent = intentionIn(before);
  const headline = headlineInfinitive(before);
  if (PAST_VERB.test(window) && !FUTURE_CUE.test(before) && !intent && !headline) return 'past';
  const clause = clauseAround(sentence, start, end);
  if (headline || FUTURE_CUE.test(clause)) return 'future';
  if (intent) return intent;
  if (PAST_PREPOSITION.test(before.trim().split(/\s+/).slice(-2).join(' '))) return 'past';
  // "after the attack on November 23": a clause opened by a word of sequence tells an earlier event.
  if (/^\W*(?:after|since|following|once)\b/i.test(ownClause(sentence, start, end))) return 'past';
  // A verb in the present tense before the date, and none in the past around it: "The deadline is
  // November 27", "who faces an election on Sunday" (not "The strike on Monday is the deadliest").
  if (PRESENT_VERB.test(before) && !PAST_VERB.test(before) && !PAST_VERB.test(ownClause(sentence, start, end))) return 'present';
  if (!VERB_LIKE.test(maskSpan(sentence, start, end))) return 'timeless';
  return 'past';
}

/** True when the clause holding the date phrase `[start, end)` speaks of the future (see `dateDirection`). */
export function speaksOfFuture(sentence: string, start: number, end: number): boolean {
  return dateDirection(sentence, start, end) === 'future';
}
