/**
 * One event, many sources: merges the dated mentions of many articles into timeline entries.
 *
 * Two mentions of different articles tell the same event when the days they can stand for overlap
 * (`earliest`…`latest`: "2025-08" and "2025-08-15" do; "this year" told as past in September does
 * not meet a day in December), they share a name that not every article uses (Alaska, not
 * Ukraine), and their shared key terms, weighted by how rare they are across the articles (inverse
 * document frequency), reach `MERGE_MIN_SCORE` — never on the date alone, never on common words. Within one article, two sentences are merged only
 * when both pin the same day and share at least `SAME_ARTICLE_MIN_SHARED` key term (an article rarely
 * tells two events of one day, but often two events of one month). Merging is single-link: a mention joins an entry when it is
 * linked to one of its mentions and its date fits the entry's date.
 */

import type { DatedMention, Precision, TimelineEvent } from './types';

/** Least summed weight of the shared terms of two articles' mentions of one event. */
export const MERGE_MIN_SCORE = 2.5;
/** Least number of shared terms of two articles' mentions of one event. */
export const MERGE_MIN_SHARED = 2;
/**
 * Below this many articles, term frequencies say nothing about which names are common, and any
 * shared name counts as specific.
 */
export const MIN_ARTICLES_FOR_RARITY = 5;
/** A name used by more than this share of the articles is too common to tell events apart. */
export const COMMON_NAME_SHARE = 0.5;
/** Least number of shared terms of two same-day mentions of one article. */
export const SAME_ARTICLE_MIN_SHARED = 1;

function rank(p: Precision): number {
  return p === 'day' ? 0 : p === 'month' ? 1 : 2;
}

interface Weights {
  /** ln(1 + N / df) over the N articles of the mentions. */
  weight: (term: string) => number;
  /** Whether a name is rare enough to tell events apart. */
  specific: (term: string) => boolean;
}

function termWeights(mentions: readonly DatedMention[]): Weights {
  const byArticle = new Map<string, Set<string>>();
  for (const m of mentions) {
    const set = byArticle.get(m.articleId) ?? new Set<string>();
    for (const t of m.terms) set.add(t);
    byArticle.set(m.articleId, set);
  }
  const df = new Map<string, number>();
  for (const set of byArticle.values()) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  const n = byArticle.size;
  return {
    weight: (term) => Math.log(1 + n / (df.get(term) ?? 1)),
    specific: (term) => n < MIN_ARTICLES_FOR_RARITY || (df.get(term) ?? 1) <= n * COMMON_NAME_SHARE,
  };
}

function sharedScore(a: DatedMention, b: DatedMention, { weight }: Weights): { shared: number; score: number } {
  const other = new Set(b.terms);
  let shared = 0;
  let score = 0;
  for (const t of new Set(a.terms)) {
    if (other.has(t)) {
      shared++;
      score += weight(t);
    }
  }
  return { shared, score };
}

/** Whether two mentions tell the same event: the rules of the module comment. */
interface Range {
  earliest: string;
  latest: string;
}

function overlap(a: Range, b: Range): boolean {
  return a.earliest <= b.latest && b.earliest <= a.latest;
}

function linked(a: DatedMention, b: DatedMention, weights: Weights): boolean {
  if (!overlap(a, b)) return false;
  const { shared, score } = sharedScore(a, b, weights);
  if (a.articleId === b.articleId) {
    return a.precision === 'day' && b.precision === 'day' && a.date === b.date && shared >= SAME_ARTICLE_MIN_SHARED;
  }
  const names = new Set(b.names);
  const specificName = a.names.some((t) => names.has(t) && weights.specific(t));
  return specificName && shared >= MERGE_MIN_SHARED && score >= MERGE_MIN_SCORE;
}

function byReading(a: DatedMention, b: DatedMention): number {
  return a.published.localeCompare(b.published) || a.articleId.localeCompare(b.articleId) || a.sentence - b.sentence;
}

interface Group extends Range {
  date: string;
  precision: Precision;
  members: DatedMention[];
}

/**
 * The timeline of a set of mentions: one entry per event, each listing every article that mentions
 * it, sorted by date (a month or year entry comes before the days inside it).
 */
export function buildTimeline(mentions: readonly DatedMention[]): TimelineEvent[] {
  const weights = termWeights(mentions);
  const ordered = [...mentions].sort(
    (a, b) => rank(a.precision) - rank(b.precision) || a.date.localeCompare(b.date) || byReading(a, b),
  );
  const groups: Group[] = [];
  // An entry a mention can join lies inside the mention's date (same date or finer) or contains it
  // (its month or year). Entries are found through those keys only, in the order they were opened,
  // which keeps merging near-linear on a large corpus (comparing with every entry was quadratic).
  const exact = new Map<string, number[]>();
  const within = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key);
    if (list) list.push(at);
    else map.set(key, [at]);
  };
  for (const m of ordered) {
    let best: Group | null = null;
    let bestScore = -1;
    const containing = [m.date.slice(0, 7), m.date.slice(0, 4)].filter((k) => k !== m.date);
    const candidates = [...new Set([...(within.get(m.date) ?? []), ...containing.flatMap((k) => exact.get(k) ?? [])])].sort((a, b) => a - b);
    for (const at of candidates) {
      const g = groups[at]!;
      // The days every mention of the entry can stand for must include some of this one's.
      if (!overlap(g, m)) continue;
      // Mentions of one article in one entry must all be linked to each other.
      if (g.members.some((x) => x.articleId === m.articleId && !linked(x, m, weights))) continue;
      const links = g.members.filter((x) => linked(x, m, weights));
      if (links.length === 0) continue;
      const score = Math.max(...links.map((x) => sharedScore(x, m, weights).score));
      if (score > bestScore) {
        best = g;
        bestScore = score;
      }
    }
    if (best) {
      best.members.push(m);
      if (m.earliest > best.earliest) best.earliest = m.earliest;
      if (m.latest < best.latest) best.latest = m.latest;
    } else {
      groups.push({ date: m.date, precision: m.precision, earliest: m.earliest, latest: m.latest, members: [m] });
      const at = groups.length - 1;
      add(exact, m.date, at);
      for (const k of new Set([m.date, m.date.slice(0, 7), m.date.slice(0, 4)])) add(within, k, at);
    }
  }

  return groups
    .map((g): TimelineEvent => {
      const members = [...g.members].sort(byReading);
      const lead =
        members.find((m) => m.kind === 'publication') ??
        [...members].sort((a, b) => rank(a.precision) - rank(b.precision) || byReading(a, b))[0] ??
        (members[0] as DatedMention);
      return {
        date: g.date,
        precision: g.precision,
        summary: lead.summary,
        evidence: lead.evidence,
        mentions: members,
        articleIds: [...new Set(members.map((m) => m.articleId))],
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || (a.mentions[0]?.published ?? '').localeCompare(b.mentions[0]?.published ?? ''));
}
