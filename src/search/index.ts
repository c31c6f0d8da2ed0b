/**
 * One MiniSearch index over quotations and passages (sentences), with the speaker's every
 * spelling, the headline and the outlet as fields. Prefix and fuzzy matching; filters by speaker
 * and date; a passage that holds the query as an exact phrase ranks above one with the words
 * scattered.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { ProcessedArticle, Quote, Speaker } from '../corpus/types';
import type { Corpus } from '../corpus/process';
import { foldName } from '../quotes/names';

/** What the index stores per document (kept small: the rest is looked up by id). */
export interface IndexedDoc {
  id: string;
  kind: 'quote' | 'passage';
  text: string;
  context: string;
  speaker: string;
  title: string;
  source: string;
}

/** Field weights: the quoted words first, then who said them. */
export const FIELD_BOOST = { text: 3, speaker: 2, context: 1, title: 0.5, source: 0.5 } as const;
/** Score multiplier for a document holding the query as an exact phrase. */
export const PHRASE_BOOST = 4;
/** How many top hits are re-ranked for exact phrases. */
export const RERANK_WINDOW = 500;

export const INDEX_OPTIONS = {
  fields: ['text', 'context', 'speaker', 'title', 'source'],
  storeFields: ['kind'],
  searchOptions: { boost: FIELD_BOOST },
} as const;

/** Lower case, curly quotes straightened, punctuation to spaces: the form phrases are compared in. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

export interface SearchFilter {
  /** Keep only these speaker ids (quotes only). */
  speakerIds?: ReadonlySet<string>;
  /** Inclusive YYYY-MM-DD bounds on the article's publication date. */
  from?: string;
  to?: string;
  kind?: 'quote' | 'passage';
}

export interface Hit {
  id: string;
  kind: 'quote' | 'passage';
  score: number;
  phrase: boolean;
}

interface PassageRef {
  articleId: string;
  sentence: number;
  text: string;
}

export class CorpusIndex {
  private readonly mini: MiniSearch<IndexedDoc>;
  readonly articles = new Map<string, ProcessedArticle>();
  readonly quotes = new Map<string, Quote>();
  readonly passages = new Map<string, PassageRef>();
  readonly speakers: Speaker[];
  private readonly normalized = new Map<string, string>();

  constructor(corpus: Corpus) {
    this.speakers = corpus.speakers;
    const aliasText = new Map(corpus.speakers.map((s) => [s.id, [s.name, ...s.aliases].join(' ')]));
    this.mini = new MiniSearch<IndexedDoc>({ ...INDEX_OPTIONS, fields: [...INDEX_OPTIONS.fields], storeFields: [...INDEX_OPTIONS.storeFields] });
    const docs: IndexedDoc[] = [];
    for (const doc of corpus.articles) {
      this.articles.set(doc.article.id, doc);
      for (const q of doc.quotes) {
        this.quotes.set(q.id, q);
        const d: IndexedDoc = {
          id: `q:${q.id}`,
          kind: 'quote',
          text: q.text,
          context: q.passage,
          speaker: q.speaker ? (aliasText.get(q.speaker.id) ?? q.speaker.name) : '',
          title: doc.article.title,
          source: doc.article.source,
        };
        docs.push(d);
        this.normalized.set(d.id, normalizePhrase(`${q.text} ${q.passage}`));
      }
      for (const s of doc.sentences) {
        const id = `p:${doc.article.id}:${s.index}`;
        this.passages.set(id, { articleId: doc.article.id, sentence: s.index, text: s.text });
        docs.push({ id, kind: 'passage', text: s.text, context: '', speaker: '', title: doc.article.title, source: doc.article.source });
        this.normalized.set(id, normalizePhrase(s.text));
      }
    }
    this.mini.addAll(docs);
  }

  /** Ids of speakers whose any spelling matches `name` (folded, whole or by prefix of a word). */
  matchSpeakers(name: string): Speaker[] {
    const want = foldName(name.trim());
    if (!want) return [];
    const words = want.split(/\s+/);
    return this.speakers.filter((s) =>
      [s.name, ...s.aliases].some((alias) => {
        const a = foldName(alias);
        if (a === want) return true;
        const aw = a.split(/\s+/);
        return words.every((w) => aw.some((x) => x.startsWith(w)));
      }),
    );
  }

  private articleOf(id: string): ProcessedArticle | undefined {
    if (id.startsWith('q:')) return this.articles.get(this.quotes.get(id.slice(2))?.articleId ?? '');
    return this.articles.get(this.passages.get(id)?.articleId ?? '');
  }

  /** Ranked hits for a free-text query. */
  search(query: string, filter: SearchFilter = {}, limit = 25): Hit[] {
    const phrase = normalizePhrase(query);
    if (!phrase) return [];
    const accept = (r: SearchResult): boolean => {
      const id = String(r.id);
      if (filter.kind && r['kind'] !== filter.kind) return false;
      if (filter.speakerIds) {
        if (!id.startsWith('q:')) return false;
        const sp = this.quotes.get(id.slice(2))?.speaker?.id;
        if (!sp || !filter.speakerIds.has(sp)) return false;
      }
      if (filter.from || filter.to) {
        const published = this.articleOf(id)?.article.published ?? '';
        if (filter.from && published < filter.from) return false;
        if (filter.to && published > filter.to) return false;
      }
      return true;
    };
    const options = {
      prefix: (term: string) => term.length >= 3,
      fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
      filter: accept,
    };
    let results = this.mini.search(query, { ...options, combineWith: 'AND' });
    if (results.length === 0) results = this.mini.search(query, { ...options, combineWith: 'OR' });
    const window = results.slice(0, RERANK_WINDOW).map((r) => {
      const id = String(r.id);
      const isPhrase = (this.normalized.get(id) ?? '').includes(phrase);
      return { id, kind: r['kind'] as 'quote' | 'passage', score: isPhrase ? r.score * PHRASE_BOOST : r.score, phrase: isPhrase };
    });
    window.sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.score - a.score);
    return window.slice(0, limit);
  }

  /** Terms of the index starting like `prefix`, most frequent first (for suggestions). */
  suggest(query: string, limit = 10): string[] {
    return this.mini
      .autoSuggest(query, { prefix: true, fuzzy: 0.2 })
      .slice(0, limit)
      .map((s) => s.suggestion);
  }
}
