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
    String.raw`\b(?:plans|intends|hopes|aims|wants|seeks|expects)\s+to\b`,
    String.raw`\b(?:we|they|i|you)\s+(?:plan|intend|hope|aim|want|seek|expect)\s+to\b`,
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

/**
 * The text of the clause a date phrase belongs to (borrowing a neighbour when the clause is a
 * fragment), with the date phrase itself blanked out.
 */
export function clauseAround(sentence: string, start: number, end: number): string {
  // Punctuation chrono took along ("August,") still separates clauses.
  while (start < end && /[^\p{L}\p{N}]/u.test(sentence[start] ?? '')) start++;
  while (end > start && /[^\p{L}\p{N}.]/u.test(sentence[end - 1] ?? '')) end--;
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
 * True when the clause holding the date phrase `[start, end)` speaks of the future. A date right
 * after a verb in the past tense belongs to that verb, whatever follows: in "Putin said on Tuesday
 * he would meet Trump" Tuesday is past, and only Thursday in "... would meet Trump on Thursday" is
 * to come.
 */
export function speaksOfFuture(sentence: string, start: number, end: number): boolean {
  const before = sentence.slice(0, start).split(/[,;:()“”"—–]/).at(-1) ?? '';
  const window = before.trim().split(/\s+/).slice(-ATTACHED_VERB_WINDOW).join(' ');
  if (PAST_VERB.test(window) && !FUTURE_CUE.test(before)) return false;
  return FUTURE_CUE.test(clauseAround(sentence, start, end));
}
