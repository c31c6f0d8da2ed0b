/**
 * timeline: the dated history of the talks, merged across articles, filtered by date range, by
 * words of the evidence (found through the search index) and by speaker.
 */
import type { CorpusIndex } from '../search/index';
import { normalizePhrase } from '../search/index';
import { buildTimeline, type Precision, type TimelineEvent } from '../timeline';
import { UserError } from '../errors';
import { foldName } from '../quotes/names';
import { closestSpeakers, articleRef, type ArticleRef } from './whosaid';
import { parseDateRange } from './options';

export interface TimelineFilter {
  /** Inclusive bounds, YYYY-MM-DD: an event is kept when the span its date stands for meets them. */
  from?: string | null;
  to?: string | null;
  /** Words the event's evidence must hold (each as a word or the start of one). */
  query?: string | null;
  /** A speaker (any spelling): events whose evidence names them or that they are quoted on. */
  speaker?: string | null;
}

export interface TimelineEntry {
  /** "2025", "2025-08" or "2025-08-15", at the precision the text allows. */
  date: string;
  precision: Precision;
  summary: string;
  /** The sentence the date was read from (the headline, for a publication). */
  evidence: string;
  /** Every article that mentions the event, oldest first. */
  articles: ArticleRef[];
  /** True for an article's own publication (the day something was reported). */
  publication: boolean;
}

export interface TimelineAnswer {
  events: TimelineEntry[];
}

/** The merged timeline of an index, built once per index. */
const built = new WeakMap<CorpusIndex, TimelineEvent[]>();

export function timelineEvents(index: CorpusIndex): TimelineEvent[] {
  let events = built.get(index);
  if (!events) {
    events = buildTimeline([...index.articles.values()].flatMap((doc) => doc.events));
    built.set(index, events);
  }
  return events;
}

/** First and last day a date at its precision stands for. */
export function dateSpan(date: string): { first: string; last: string } {
  if (date.length === 4) return { first: `${date}-01-01`, last: `${date}-12-31` };
  if (date.length === 7) {
    const [y, m] = date.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { first: `${date}-01`, last: `${date}-${String(lastDay).padStart(2, '0')}` };
  }
  return { first: date, last: date };
}

function holdsWords(text: string, words: readonly string[]): boolean {
  const have = normalizePhrase(text).split(' ');
  return words.every((w) => have.some((h) => h === w || (w.length >= 3 && h.startsWith(w))));
}

export function timeline(index: CorpusIndex, filter: TimelineFilter = {}): TimelineAnswer {
  const range = parseDateRange(filter.from, filter.to);
  const query = filter.query?.trim() ? filter.query.trim() : null;
  if (query && query.length > 200) throw new UserError(`the query is too long (${query.length} characters; at most 200)`);
  let events = timelineEvents(index).filter((e) => {
    const span = dateSpan(e.date);
    return (!range.from || span.last >= range.from) && (!range.to || span.first <= range.to);
  });
  if (query) {
    const words = normalizePhrase(query).split(' ').filter(Boolean);
    if (words.length === 0) throw new UserError('the query is empty: type a few words, such as "sanctions" or "Alaska summit"');
    // Candidates from the index (prefix and misspelling tolerant), confirmed on the sentence itself
    // so that a word in the headline does not pull in every sentence of the article.
    const hits = new Set(index.search(query, { kind: 'passage' }, 10_000).map((h) => h.id));
    const matching = (articleId: string, sentence: number, text: string) => hits.has(`p:${articleId}:${sentence}`) && holdsWords(text, words);
    events = events.flatMap((e) => {
      if (e.mentions.some((m) => m.sentence >= 0 && matching(m.articleId, m.sentence, m.evidence))) return [e];
      // An article's publication is about the query when the article says it: its evidence is then
      // the sentence that does ("reported: … the possibility of new sanctions").
      for (const m of e.mentions) {
        if (m.sentence >= 0) continue;
        if (holdsWords(m.evidence, words)) return [e];
        const said = index.articles.get(m.articleId)?.sentences.find((sn) => matching(m.articleId, sn.index, sn.text));
        if (said) return [{ ...e, evidence: said.text }];
      }
      return [];
    });
  }
  if (filter.speaker?.trim()) {
    const speakers = index.matchSpeakers(filter.speaker);
    if (speakers.length === 0) {
      const near = closestSpeakers(index, filter.speaker);
      throw new UserError(`no speaker matches "${filter.speaker.trim()}"${near.length > 0 ? `: did you mean ${near.join(', ')}?` : ''}`);
    }
    const ids = new Set(speakers.map((s) => s.id));
    const surnames = speakers.flatMap((s) => [s.name, ...s.aliases]).map((a) => foldName(a.split(/\s+/).pop() ?? a));
    events = events.filter((e) =>
      e.mentions.some((m) => {
        const doc = index.articles.get(m.articleId);
        const quoted = doc?.quotes.some((q) => q.speaker && ids.has(q.speaker.id) && (m.sentence < 0 || q.sentence === m.sentence || q.passage.includes(m.evidence)));
        const named = normalizePhrase(m.evidence).split(' ').some((w) => surnames.includes(foldName(w)));
        return quoted || named;
      }),
    );
  }
  return {
    events: events.map((e) => {
      const ids = [...new Set(e.articleIds)];
      const articles = ids
        .map((id) => index.articles.get(id)?.article)
        .filter((a) => a !== undefined)
        .sort((a, b) => a.published.localeCompare(b.published))
        .map(articleRef);
      return {
        date: e.date,
        precision: e.precision,
        summary: e.summary,
        evidence: e.evidence,
        articles,
        publication: e.mentions.every((m) => m.kind === 'publication'),
      };
    }),
  };
}
