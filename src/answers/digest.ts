/**
 * digest: what arrived in a window of time and matches a subscription's filters — each new article
 * (title, outlet, date, link) with its most quoted speakers and their best quotes, and the dated
 * events those articles report. Plain data; rendering and delivery live elsewhere.
 */
import type { Article, ProcessedArticle, Quote } from '../corpus/types';
import { UserError } from '../errors';
import { normalizePhrase, type CorpusIndex } from '../search/index';
import { buildTimeline, extractEvents } from '../timeline';
import type { Precision } from '../timeline';
import { articleRef, type ArticleRef } from './whosaid';

/** Speakers shown per article, most quoted first. */
export const DIGEST_SPEAKERS_PER_ARTICLE = 3;
/** Quotations shown per speaker, best first. */
export const DIGEST_QUOTES_PER_SPEAKER = 2;
/** Dated events shown at most. */
export const DIGEST_MAX_EVENTS = 15;

export interface DigestOptions {
  /** Start of the window, inclusive: an ISO timestamp, or a date YYYY-MM-DD (midnight UTC). */
  since: string;
  /** End of the window, exclusive (ISO timestamp or date); null or absent: no end. */
  until?: string | null;
  /** Keep only articles holding every word of the query (as a word or the start of one). */
  query?: string | null;
  /** Keep only articles quoting this speaker (any spelling the corpus knows). */
  speaker?: string | null;
  /**
   * When an article arrived, as an ISO timestamp; null when it never counts as new. Default: its
   * publication date at midnight UTC (what the terminal uses for articles without an ingest time).
   */
  arrivedAt?: (article: Article) => string | null;
  /** Speakers per article (default DIGEST_SPEAKERS_PER_ARTICLE). */
  speakersPerArticle?: number;
  /** Quotes per speaker (default DIGEST_QUOTES_PER_SPEAKER). */
  quotesPerSpeaker?: number;
  /** Events at most (default DIGEST_MAX_EVENTS). */
  maxEvents?: number;
}

export interface DigestSpeaker {
  name: string;
  /** Role as the article gave it, or null. */
  role: string | null;
  /** How many quotations of this speaker the article holds. */
  quoteCount: number;
  /** The best of them (whole sentences before fragments, substantial before short), best first. */
  quotes: string[];
}

export interface DigestArticle {
  article: ArticleRef;
  /** When the article arrived (ISO timestamp). */
  arrivedAt: string;
  /** Its most quoted speakers, most quoted first. */
  speakers: DigestSpeaker[];
}

export interface DigestEvent {
  /** The date at its precision: `2025`, `2025-08` or `2025-08-15`. */
  date: string;
  precision: Precision;
  summary: string;
  /** True when the articles speak of it as still to come. */
  future: boolean;
  /** The new articles that mention it. */
  articles: ArticleRef[];
}

export interface DigestAnswer {
  /** Start of the window (ISO timestamp, inclusive). */
  since: string;
  /** End of the window (ISO timestamp, exclusive), or null. */
  until: string | null;
  query: string | null;
  speaker: string | null;
  /** New articles matching the filters, in order of publication. */
  articles: DigestArticle[];
  /** Dated events (other than the publications themselves) those articles report, in date order. */
  events: DigestEvent[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A window bound: an ISO timestamp or a YYYY-MM-DD date, as a normalised ISO timestamp. */
export function parseInstant(name: string, value: string): string {
  const v = value.trim();
  const ms = ISO_DAY.test(v) ? Date.parse(`${v}T00:00:00.000Z`) : /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms) || (ISO_DAY.test(v) && new Date(ms).toISOString().slice(0, 10) !== v)) {
    throw new UserError(`${name} must be a date written YYYY-MM-DD (got "${v}")`);
  }
  return new Date(ms).toISOString();
}

/** Quote score: whole sentences first, then substantial ones (about 40–300 characters). */
function quoteScore(q: Quote): number {
  const len = q.text.length;
  return (q.partial ? 0 : 100) + Math.min(len, 240) / 8 - (len > 400 ? 20 : 0);
}

function topSpeakers(doc: ProcessedArticle, speakers: number, quotes: number): DigestSpeaker[] {
  const groups = new Map<string, { name: string; role: string | null; first: number; quotes: Quote[] }>();
  doc.quotes.forEach((q, n) => {
    if (!q.speaker) return;
    const g = groups.get(q.speaker.id) ?? { name: q.speaker.name, role: q.speaker.role, first: n, quotes: [] };
    g.role ??= q.speaker.role;
    g.quotes.push(q);
    groups.set(q.speaker.id, g);
  });
  return [...groups.values()]
    .sort((a, b) => b.quotes.length - a.quotes.length || a.first - b.first)
    .slice(0, speakers)
    .map((g) => ({
      name: g.name,
      role: g.role,
      quoteCount: g.quotes.length,
      quotes: [...g.quotes]
        .sort((a, b) => quoteScore(b) - quoteScore(a) || a.paragraph - b.paragraph)
        .slice(0, quotes)
        .map((q) => q.text),
    }));
}

/** Every word of the query occurs in the article's headline or text, as a word or the start of one. */
function matchesQuery(doc: ProcessedArticle, words: readonly string[]): boolean {
  const text = normalizePhrase(`${doc.article.title} ${doc.sentences.map((s) => s.text).join(' ')}`);
  const own = new Set(text.split(' '));
  return words.every((w) => own.has(w) || [...own].some((o) => o.startsWith(w)));
}

const defaultArrival = (a: Article): string => `${a.published}T00:00:00.000Z`;

export function digest(index: CorpusIndex, options: DigestOptions): DigestAnswer {
  const since = parseInstant('since', options.since);
  const until = options.until ? parseInstant('until', options.until) : null;
  if (until !== null && until < since) throw new UserError(`since (${since.slice(0, 10)}) is after until (${until.slice(0, 10)})`);
  const query = options.query?.replace(/\s+/g, ' ').trim() || null;
  const speaker = options.speaker?.trim() || null;
  const arrivedAt = options.arrivedAt ?? defaultArrival;
  const words = query ? normalizePhrase(query).split(' ').filter((w) => w.length > 0) : [];
  const speakerIds = speaker ? new Set(index.matchSpeakers(speaker).map((s) => s.id)) : null;

  const selected: { doc: ProcessedArticle; arrived: string }[] = [];
  for (const doc of index.articles.values()) {
    const raw = arrivedAt(doc.article);
    if (raw === null) continue;
    const arrived = new Date(raw).toISOString();
    if (arrived < since || (until !== null && arrived >= until)) continue;
    if (words.length > 0 && !matchesQuery(doc, words)) continue;
    if (speakerIds && !doc.quotes.some((q) => q.speaker !== null && speakerIds.has(q.speaker.id))) continue;
    selected.push({ doc, arrived });
  }
  selected.sort(
    (a, b) =>
      a.doc.article.published.localeCompare(b.doc.article.published) ||
      a.arrived.localeCompare(b.arrived) ||
      a.doc.article.id.localeCompare(b.doc.article.id),
  );

  const articles: DigestArticle[] = selected.map(({ doc, arrived }) => ({
    article: articleRef(doc.article),
    arrivedAt: arrived,
    speakers: topSpeakers(doc, options.speakersPerArticle ?? DIGEST_SPEAKERS_PER_ARTICLE, options.quotesPerSpeaker ?? DIGEST_QUOTES_PER_SPEAKER),
  }));

  const refs = new Map(selected.map(({ doc }) => [doc.article.id, articleRef(doc.article)]));
  const mentions = selected.flatMap(({ doc }) => extractEvents({ article: doc.article, sentences: doc.sentences }));
  const events: DigestEvent[] = buildTimeline(mentions)
    .filter((e) => e.mentions.some((m) => m.kind === 'mention'))
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, options.maxEvents ?? DIGEST_MAX_EVENTS)
    .map((e) => ({
      date: e.date,
      precision: e.precision,
      summary: e.summary,
      future: e.mentions.some((m) => m.future),
      articles: e.articleIds.map((id) => refs.get(id)).filter((r): r is ArticleRef => r !== undefined),
    }));

  return { since, until, query, speaker, articles, events };
}

/** True when a digest has nothing to say (then nothing is posted). */
export function isEmptyDigest(answer: DigestAnswer): boolean {
  return answer.articles.length === 0;
}
