/**
 * Measures extracted mentions against a gold file: event recall (is each gold event found?) and
 * date accuracy (among those found, are date and precision right?).
 */
import type { DatedMention, EventEvaluation, GoldEvent, WrongDate } from './types';

/** Share of the shorter evidence's words the other must hold for two evidences to overlap. */
export const EVIDENCE_OVERLAP = 0.6;

/** Options of `evaluateEvents`. */
export interface EvaluateOptions {
  /**
   * The article id of a gold event. Default: its `articleId`, else its file name without the
   * extension ("000_67d24780ad0156a2.txt" → "000_67d24780ad0156a2").
   */
  articleIdOf?: (gold: GoldEvent) => string;
}

/** The default article id of a gold event. */
export function goldArticleId(gold: GoldEvent): string {
  return gold.articleId ?? gold.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/'s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether two sentences are the same passage, allowing for different splitting and spacing. */
export function evidenceOverlaps(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return false;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const pool = new Map<string, number>();
  for (const w of long) pool.set(w, (pool.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of short) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(w, n - 1);
    }
  }
  return shared / short.length >= EVIDENCE_OVERLAP;
}

/** Whether two date phrases are the same words: every word of the shorter is in the longer. */
export function samePhrase(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return false;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}

/**
 * Recall and date accuracy of `mentions` against `gold`. A gold event is found when a mention of
 * the same article has evidence overlapping the gold sentence and the same date words; its date is
 * right when the mention's date and precision both equal the gold ones (a date more precise than
 * the text allows is as wrong as a wrong one). Each mention answers at most one gold event.
 */
export function evaluateEvents(
  mentions: readonly DatedMention[],
  gold: readonly GoldEvent[],
  options: EvaluateOptions = {},
): EventEvaluation {
  const articleIdOf = options.articleIdOf ?? goldArticleId;
  const used = new Set<DatedMention>();
  const missed: GoldEvent[] = [];
  const wrong: WrongDate[] = [];
  let found = 0;
  for (const g of gold) {
    const id = articleIdOf(g);
    const candidates = mentions.filter(
      (m) =>
        !used.has(m) &&
        m.kind === 'mention' &&
        m.articleId === id &&
        samePhrase(m.matchedText, g.phrase) &&
        evidenceOverlaps(m.evidence, g.evidence),
    );
    if (candidates.length === 0) {
      missed.push(g);
      continue;
    }
    const right = candidates.find((m) => m.date === g.date && m.precision === g.precision);
    const mention = right ?? (candidates[0] as DatedMention);
    used.add(mention);
    found++;
    if (!right) {
      const reason = mention.date.slice(0, g.date.length) === g.date || g.date.startsWith(mention.date) ? 'precision' : 'date';
      wrong.push({ gold: g, mention, reason });
    }
  }
  return {
    recall: gold.length === 0 ? 1 : found / gold.length,
    dateAccuracy: found === 0 ? (gold.length === 0 ? 1 : 0) : (found - wrong.length) / found,
    total: gold.length,
    found,
    missed,
    wrong,
  };
}
