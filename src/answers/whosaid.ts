/** whosaid: the quotations that best match a query, with speaker, outlet, date and link. */
import type { ArticleMeta } from '../corpus/types';
import type { CorpusIndex } from '../search/index';
import { UserError } from '../errors';
import { foldName } from '../quotes/names';
import { parseDateRange, parseQuery } from './options';

/** Default number of results. */
export const DEFAULT_LIMIT = 10;

export interface ArticleRef {
  title: string;
  source: string;
  url: string | null;
  published: string;
}

export interface WhoSaidResult {
  /** The quoted words. */
  quote: string;
  speaker: { name: string; role: string | null } | null;
  /** The sentence(s) around the quotation. */
  passage: string;
  score: number;
  article: ArticleRef;
  /** Ids for follow-up lookups (not part of the documented JSON, but harmless). */
  quoteId: string;
  speakerId: string | null;
}

export interface WhoSaidAnswer {
  query: string;
  results: WhoSaidResult[];
  /** When nothing matched: the closest speakers and terms, to suggest. */
  suggestions?: { speakers: string[]; terms: string[] };
}

export interface WhoSaidOptions {
  speaker?: string | null;
  from?: string | null;
  to?: string | null;
  limit?: number;
}

export function articleRef(a: ArticleMeta): ArticleRef {
  return { title: a.title, source: a.source, url: a.url, published: a.published };
}

/** Edit distance, for suggesting the speaker someone meant. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Speakers whose name or surname is close to `name`, nearest first. */
export function closestSpeakers(index: CorpusIndex, name: string, limit = 3): string[] {
  const want = foldName(name);
  return index.speakers
    .map((s) => ({
      name: s.name,
      d: Math.min(...[s.name, ...s.aliases].map((a) => editDistance(foldName(a), want))),
    }))
    .filter((x) => x.d <= Math.max(2, Math.floor(want.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((x) => x.name);
}

export function whosaid(index: CorpusIndex, rawQuery: string, options: WhoSaidOptions = {}): WhoSaidAnswer {
  const query = parseQuery(rawQuery);
  const range = parseDateRange(options.from, options.to);
  const limit = options.limit ?? DEFAULT_LIMIT;
  let speakerIds: Set<string> | undefined;
  if (options.speaker && options.speaker.trim()) {
    const matched = index.matchSpeakers(options.speaker);
    if (matched.length === 0) {
      const near = closestSpeakers(index, options.speaker);
      throw new UserError(
        `no speaker matches "${options.speaker.trim()}"${near.length > 0 ? `: did you mean ${near.join(', ')}?` : ''}`,
      );
    }
    speakerIds = new Set(matched.map((s) => s.id));
  }
  const hits = index.search(query, { kind: 'quote', ...range, ...(speakerIds ? { speakerIds } : {}) }, limit);
  const results: WhoSaidResult[] = [];
  for (const hit of hits) {
    const quote = index.quotes.get(hit.id.slice(2));
    const doc = quote ? index.articles.get(quote.articleId) : undefined;
    if (!quote || !doc) continue;
    results.push({
      quote: quote.text,
      speaker: quote.speaker ? { name: quote.speaker.name, role: quote.speaker.role } : null,
      passage: quote.passage,
      score: Math.round(hit.score * 1000) / 1000,
      article: articleRef(doc.article),
      quoteId: quote.id,
      speakerId: quote.speaker?.id ?? null,
    });
  }
  const answer: WhoSaidAnswer = { query, results };
  if (results.length === 0) {
    answer.suggestions = { speakers: closestSpeakers(index, query), terms: index.suggest(query, 5) };
  }
  return answer;
}

/** Every quotation in the corpus, in article order. */
export function allQuotes(index: CorpusIndex): { quotes: { quote: string; speaker: { name: string; role: string | null } | null; article: ArticleRef }[] } {
  const quotes = [];
  const docs = [...index.articles.values()].sort((a, b) => a.article.published.localeCompare(b.article.published) || a.article.id.localeCompare(b.article.id));
  for (const doc of docs) {
    for (const q of doc.quotes) {
      quotes.push({ quote: q.text, speaker: q.speaker ? { name: q.speaker.name, role: q.speaker.role } : null, article: articleRef(doc.article) });
    }
  }
  return { quotes };
}
