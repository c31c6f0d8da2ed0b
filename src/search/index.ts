/**
 * Search over the corpus: quotations (for whosaid and autocomplete) and sentences (passages), each
 * in MiniSearch indexes split by publication period ("shards" of at most SHARD_SIZE documents),
 * with a vocabulary of every indexed term and how many documents hold it.
 *
 * What goes in: for a quotation its words, the rest of its sentence as context, the speaker's every
 * spelling, the headline and the outlet; for a passage its words. Function words are not indexed (see ./text.ts).
 *
 * How it is asked (the query planner, `Collection.search`):
 * 1. exact words, the last one also as a prefix (three letters or more), all required (AND);
 * 2. only when that finds fewer than `limit`: every word of three letters or more as a prefix and
 *    every word of five or more also misspelled (one edit, two from eight letters);
 * 3. only when that finds nothing: any of the words (OR).
 * Prefixes and misspellings are expanded against the vocabulary once, not per shard. Words that
 * would match most documents (more than FREQUENT_SHARE of them) are not looked up when the query
 * has rarer words: the rarer words find the candidates and the frequent ones are checked on them.
 * When every word is frequent, the newest shards are asked first and the search stops once it has
 * `limit` results. A query of function words only ("to be or not to be") is matched as a phrase
 * in the newest PHRASE_SCAN_DOCS documents. Filters by date skip the shards outside the range. A document holding the query
 * as an exact phrase ranks above the rest.
 */
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import type { Corpus } from '../corpus/process';
import type { ProcessedArticle, Quote, Speaker } from '../corpus/types';
import { foldName } from '../quotes/names';
import { loadSnapshotSteps, takeSnapshot, termFrequencies, type Snapshot } from './snapshot';
import { normalizePhrase, processTerm, tokenize, termsOf } from './text';
import { Vocabulary } from './vocabulary';

export { normalizePhrase, STOP_WORDS } from './text';

/** Field weights of quotations: the quoted words first, then who said them, their sentence, the headline and outlet. */
export const FIELD_BOOST = { text: 3, speaker: 2, context: 1, title: 0.5, source: 0.5 } as const;
/** Score multiplier for a document holding the query as an exact phrase. */
export const PHRASE_BOOST = 4;
/** How many top hits are re-ranked for exact phrases. */
export const RERANK_WINDOW = 500;
/** Documents per shard (each shard repeats the terms it shares with others, so shards are few and large). */
export const SHARD_SIZE = 262_144;
/**
 * A word held by more than this share of the documents (and by more than FREQUENT_MIN) is frequent:
 * it is checked on candidates, or found by reading the newest documents, never looked up.
 */
export const FREQUENT_SHARE = 1 / 50;
export const FREQUENT_MIN = 200;
/** Words held by at most this many documents are always looked up (they cost little). */
export const CHEAP_DF = 256;
/** Reading the newest documents for frequent words stops at this many matches... */
export const SCAN_MATCHES = 100;
/** ...or, once there are `limit` matches, after this many documents. */
export const SCAN_DOCS = 20_000;
/** A query of function words only is looked for as a phrase in this many of the newest documents. */
export const PHRASE_SCAN_DOCS = 5000;
/** Prefix matching from this many letters. */
export const MIN_PREFIX = 3;
/** Misspelling tolerance from this many letters (one edit), and two edits from FUZZY_TWO_EDITS. */
export const MIN_FUZZY = 5;
export const FUZZY_TWO_EDITS = 8;
/** Most expansions of one typed word (its most frequent completions or near spellings). */
export const MAX_EXPANSIONS = 24;
/** Weights of a prefix and of a misspelled match, as MiniSearch's defaults. */
export const PREFIX_WEIGHT = 0.375;
export const FUZZY_WEIGHT = 0.45;

/** MiniSearch options of the quotation index (documents: `n`, the quotation's number). */
export const QUOTE_INDEX_OPTIONS: Options<QuoteDoc> = {
  idField: 'n',
  fields: ['text', 'context', 'speaker', 'title', 'source'],
  storeFields: [],
  tokenize,
  processTerm,
  searchOptions: { boost: { ...FIELD_BOOST } },
};

/** MiniSearch options of the passage index. */
export const PASSAGE_INDEX_OPTIONS: Options<PassageDoc> = {
  idField: 'n',
  fields: ['text'],
  storeFields: [],
  tokenize,
  processTerm,
  searchOptions: {},
};

/** Everything about the index that, when changed, makes a cached index stale. */
export const INDEX_OPTIONS = {
  quoteFields: QUOTE_INDEX_OPTIONS.fields,
  passageFields: PASSAGE_INDEX_OPTIONS.fields,
  boost: FIELD_BOOST,
  shardSize: SHARD_SIZE,
} as const;

/** A quotation as indexed. */
export interface QuoteDoc {
  n: number;
  text: string;
  context: string;
  speaker: string;
  title: string;
  source: string;
}

/** A sentence as indexed. */
export interface PassageDoc {
  n: number;
  text: string;
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

/** One shard as saved: its documents are numbers [start, end) of its collection. */
export interface ShardData {
  start: number;
  end: number;
  /** Publication dates of its first and last document. */
  from: string;
  to: string;
  snapshot: Snapshot;
}

/** A collection as saved. */
export interface CollectionData {
  count: number;
  shards: ShardData[];
  terms: string[];
  df: Int32Array;
}

/** The built index, as the cache saves and restores it. */
export interface IndexData {
  quotes: CollectionData;
  passages: CollectionData;
}

interface Shard {
  start: number;
  end: number;
  from: string;
  to: string;
  mini: MiniSearch<unknown>;
}

/** A word of the query and what it matches in the vocabulary. */
interface Group {
  source: string;
  /** Index terms to look up, with their weight. */
  expansions: Map<string, number>;
  /** Documents holding any of them, at most. */
  df: number;
  /** True when the word also matches as a prefix. */
  prefix: boolean;
  /** The expansions that are near spellings (not the word itself nor its completions). */
  near: string[];
}

interface Scored {
  n: number;
  score: number;
}

/** Hands control back to the event loop (between shards while loading or building). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** True when `hay` (normalized) holds `word` as a whole word, or as the start of one with `prefix`. */
export function hasWord(hay: string, word: string, prefix: boolean): boolean {
  let at = hay.indexOf(word);
  while (at >= 0) {
    const before = at === 0 ? ' ' : hay[at - 1]!;
    const after = hay[at + word.length];
    if ((before === ' ' || before === "'") && (prefix || after === undefined || after === ' ' || after === "'")) return true;
    at = hay.indexOf(word, at + 1);
  }
  return false;
}

function fuzzyDistance(term: string): number {
  return term.length >= FUZZY_TWO_EDITS ? 2 : term.length >= MIN_FUZZY ? 1 : 0;
}

/** One kind of document (quotations or passages), in shards, with its vocabulary. */
class Collection {
  readonly frequentDf: number;
  /** Normalized text of each document, made when first needed. */
  private readonly normalized: (string | undefined)[];

  constructor(
    readonly shards: readonly Shard[],
    readonly vocabulary: Vocabulary,
    readonly count: number,
    private readonly textOf: (n: number) => string,
    private readonly publishedOf: (n: number) => string,
  ) {
    this.frequentDf = Math.max(FREQUENT_MIN, Math.floor(count * FREQUENT_SHARE));
    this.normalized = new Array<string | undefined>(count);
  }

  normalizedOf(n: number): string {
    let text = this.normalized[n];
    if (text === undefined) {
      text = normalizePhrase(this.textOf(n));
      this.normalized[n] = text;
    }
    return text;
  }

  /**
   * Normalizes every document ahead of need, a slice at a time. Unless `keepAlive`, its timers do
   * not keep the process alive (a CLI run exits without waiting for this; the promise then never settles).
   */
  async prepare(keepAlive: boolean): Promise<void> {
    for (let n = 0; n < this.count; n += 1) {
      this.normalizedOf(n);
      if (n % 5000 === 4999) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 0);
          if (!keepAlive) timer.unref();
        });
      }
    }
  }

  private shardsWithin(from: string | undefined, to: string | undefined): Shard[] {
    return this.shards.filter((s) => (!from || s.to >= from) && (!to || s.from <= to));
  }

  private group(term: string, prefix: boolean, fuzzy: boolean): Group {
    const expansions = new Map<string, number>();
    let df = this.vocabulary.frequency(term);
    if (df > 0) expansions.set(term, 1);
    const usePrefix = prefix && term.length >= MIN_PREFIX;
    if (usePrefix) {
      for (const c of this.vocabulary.completions(term, MAX_EXPANSIONS + 1)) {
        if (c.term === term || expansions.size > MAX_EXPANSIONS) continue;
        const distance = c.term.length - term.length;
        expansions.set(c.term, (PREFIX_WEIGHT * c.term.length) / (c.term.length + 0.3 * distance));
        df += c.df;
      }
    }
    const edits = fuzzy ? fuzzyDistance(term) : 0;
    if (edits > 0) {
      const near = this.vocabulary
        .fuzzy(term, edits)
        .filter((f) => !expansions.has(f.term))
        .sort((a, b) => a.distance - b.distance || b.df - a.df)
        .slice(0, MAX_EXPANSIONS);
      for (const f of near) {
        expansions.set(f.term, (FUZZY_WEIGHT * f.term.length) / (f.term.length + f.distance));
        df += f.df;
      }
      return { source: term, expansions, df, prefix: usePrefix, near: near.map((f) => f.term) };
    }
    return { source: term, expansions, df, prefix: usePrefix, near: [] };
  }

  /** True when document `n` holds a word of the group (checked on its text, for frequent words). */
  private holds(n: number, g: Group): boolean {
    const text = this.normalizedOf(n);
    if (hasWord(text, g.source, g.prefix)) return true;
    for (const term of g.near) if (hasWord(text, term, false)) return true;
    return false;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  private query(groups: readonly Group[], combineWith: 'AND' | 'OR'): Query {
    return {
      combineWith,
      queries: groups.map((g) => ({
        combineWith: 'OR',
        queries: [[...g.expansions.keys()].join(' ')],
        boostTerm: (term: string) => g.expansions.get(term) ?? 1,
      })),
    };
  }

  private ask(shard: Shard, query: Query, accept: (n: number) => boolean): SearchResult[] {
    return shard.mini.search(query, { prefix: false, fuzzy: false, filter: (r) => accept(r.id as number) });
  }

  /** Document numbers to scan newest first: those of the candidates when given, else the shards'. */
  private *newestFirst(shards: readonly Shard[], candidates: readonly number[] | undefined): Generator<number> {
    if (candidates) {
      for (let k = candidates.length - 1; k >= 0; k -= 1) yield candidates[k]!;
      return;
    }
    for (let k = shards.length - 1; k >= 0; k -= 1) for (let n = shards[k]!.end - 1; n >= shards[k]!.start; n -= 1) yield n;
  }

  /**
   * Documents holding every group (AND) or any (OR), newest first, scored by the groups' rarity;
   * for words too frequent to look up. Stops at SCAN_MATCHES matches, or at `limit` once SCAN_DOCS
   * documents were read; null when that budget ran out before `limit` matches.
   */
  private scanGroups(groups: readonly Group[], combineWith: 'AND' | 'OR', shards: readonly Shard[], candidates: readonly number[] | undefined, accept: (n: number) => boolean, limit: number, budget: boolean): Scored[] | null {
    const out: Scored[] = [];
    const weights = groups.map((g) => this.idf(g.df));
    let read = 0;
    for (const n of this.newestFirst(shards, candidates)) {
      read += 1;
      if (out.length >= SCAN_MATCHES || (read > SCAN_DOCS && out.length >= limit)) break;
      if (budget && read > SCAN_DOCS) return null;
      if (!accept(n)) continue;
      let score = 0;
      let held = 0;
      for (let g = 0; g < groups.length; g += 1) {
        if (this.holds(n, groups[g]!)) {
          score += weights[g]!;
          held += 1;
        } else if (combineWith === 'AND') break;
      }
      if (combineWith === 'AND' ? held === groups.length : held > 0) out.push({ n, score: score * held });
    }
    return out;
  }

  /**
   * Documents matching the groups. AND: the rarest groups are looked up in MiniSearch (every group
   * cheaper than CHEAP_DF, else the rarest alone) and the others checked on what it finds; when even
   * the rarest is frequent, the newest documents are read instead. OR: the groups that are not
   * frequent are looked up.
   */
  private run(groups: readonly Group[], combineWith: 'AND' | 'OR', shards: readonly Shard[], candidates: readonly number[] | undefined, accept: (n: number) => boolean, limit: number): Scored[] {
    const usable = groups.filter((g) => g.expansions.size > 0).sort((a, b) => a.df - b.df);
    if (usable.length === 0 || (combineWith === 'AND' && usable.length < groups.length)) return [];
    const out: Scored[] = [];
    const lookUp = (looked: readonly Group[], check: (n: number) => boolean, bonus: number): Scored[] => {
      const query = this.query(looked, combineWith);
      for (const shard of shards) for (const r of this.ask(shard, query, check)) out.push({ n: r.id as number, score: r.score + bonus });
      return out;
    };
    if (combineWith === 'OR') {
      const rare = usable.filter((g) => g.df <= this.frequentDf);
      return rare.length > 0 ? lookUp(rare, accept, 0) : (this.scanGroups(usable, 'OR', shards, candidates, accept, limit, false) ?? []);
    }
    const rarest = usable[0]!;
    if (rarest.df > this.frequentDf || (candidates && candidates.length < rarest.df)) {
      const scanned = this.scanGroups(usable, 'AND', shards, candidates, accept, limit, rarest.df <= this.frequentDf * 4);
      if (scanned) return scanned;
    }
    const cheap = usable.filter((g) => g.df <= CHEAP_DF);
    const looked = cheap.length > 0 ? cheap : [rarest];
    const checked = usable.filter((g) => !looked.includes(g));
    const check = checked.length > 0 ? (n: number) => accept(n) && checked.every((g) => this.holds(n, g)) : accept;
    return lookUp(looked, check, checked.reduce((sum, g) => sum + FIELD_BOOST.text * this.idf(g.df), 0));
  }

  /** Documents holding the phrase, newest first (for queries of function words only). */
  private scan(phrase: string, shards: readonly Shard[], candidates: readonly number[] | undefined, accept: (n: number) => boolean, limit: number): Scored[] {
    const out: Scored[] = [];
    let read = 0;
    for (const n of this.newestFirst(shards, candidates)) {
      if (out.length >= limit || read++ >= PHRASE_SCAN_DOCS) break;
      if (accept(n) && hasWord(this.normalizedOf(n), phrase, true)) out.push({ n, score: 1 });
    }
    return out;
  }

  /**
   * Ranked documents for a query. `candidates` (ascending document numbers), when given, are the
   * only documents that can match (e.g. a speaker's quotations); `accept` filters.
   */
  search(
    query: string,
    filter: { from?: string | undefined; to?: string | undefined },
    accept: (n: number) => boolean,
    limit: number,
    candidates?: readonly number[],
  ): (Scored & { phrase: boolean })[] {
    const phrase = normalizePhrase(query);
    if (!phrase) return [];
    const shards = this.shardsWithin(filter.from, filter.to);
    const terms = [...new Set(termsOf(query))];
    let found: Scored[];
    if (terms.length === 0) found = this.scan(phrase, shards, candidates, accept, limit);
    else {
      const last = terms.length - 1;
      const exact = terms.map((t, i) => this.group(t, i === last, false));
      found = this.run(exact, 'AND', shards, candidates, accept, limit);
      if (found.length < limit) {
        const wide = terms.map((t) => this.group(t, true, true));
        const widened = wide.some((g, i) => g.expansions.size > exact[i]!.expansions.size);
        if (widened) found = this.run(wide, 'AND', shards, candidates, accept, limit);
        if (found.length === 0 && terms.length > 1) found = this.run(wide, 'OR', shards, candidates, accept, limit);
      }
    }
    found.sort((a, b) => b.score - a.score);
    const window = found.slice(0, RERANK_WINDOW).map((r) => {
      const isPhrase = this.normalizedOf(r.n).includes(phrase);
      return { n: r.n, score: isPhrase ? r.score * PHRASE_BOOST : r.score, phrase: isPhrase };
    });
    window.sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.score - a.score || b.n - a.n);
    return window.slice(0, limit);
  }

  /** Publication date of document `n`. */
  published(n: number): string {
    return this.publishedOf(n);
  }
}

/** Documents of a corpus in index order: articles by publication date and id. */
function orderedArticles(corpus: Corpus): ProcessedArticle[] {
  return [...corpus.articles].sort((a, b) => (a.article.published < b.article.published ? -1 : a.article.published > b.article.published ? 1 : a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
}

/** Adds the document frequencies of an index's terms to `into`. */
function addFrequencies(mini: MiniSearch<unknown>, into: Map<string, number>): void {
  for (const [term, df] of termFrequencies(mini)) into.set(term, (into.get(term) ?? 0) + df);
}

function speakerWords(speaker: Speaker | undefined, fallback: string): string {
  const words = new Set((speaker ? [speaker.name, ...speaker.aliases] : [fallback]).join(' ').split(/\s+/).filter(Boolean));
  return [...words].join(' ');
}

/** The rest of a quotation's sentence: the passage without the quoted words. */
function contextOf(q: Quote): string {
  const at = q.passage.indexOf(q.text);
  return at >= 0 ? `${q.passage.slice(0, at)} ${q.passage.slice(at + q.text.length)}` : q.passage;
}

/** How an index is built. */
export interface IndexSettings {
  /** Documents per shard (default SHARD_SIZE). */
  shardSize?: number;
  /** Leave the shards to `open` (internal). */
  deferred?: boolean;
}

export class CorpusIndex {
  readonly articles = new Map<string, ProcessedArticle>();
  readonly quotes = new Map<string, Quote>();
  readonly speakers: Speaker[];
  /** Quotations in index order. */
  private readonly quoteList: Quote[] = [];
  private readonly quotePublished: string[] = [];
  /** Passages in index order: article and sentence. */
  private readonly passageArticle: ProcessedArticle[] = [];
  private readonly passageSentence: number[] = [];
  private quoteIndex!: Collection;
  private passageIndex!: Collection;
  private readonly speakerText = new Map<string, string>();
  /** Numbers of each speaker's quotations, ascending. */
  private readonly speakerDocs = new Map<string, number[]>();
  private readonly foldedAliases: { speaker: Speaker; folded: string[] }[];
  private passageMap: Map<string, PassageRef> | null = null;
  private readonly shardSize: number;
  private pendingPassages: Generator<void> | null = null;
  /** Settles once the passage index is loaded (at once for an index built by the constructor). */
  passagesLoaded: Promise<void> = Promise.resolve();

  /**
   * The index of a corpus: built from it, or restored from `data` (as `toData` gave it for the same
   * corpus). `CorpusIndex.open` does the same without blocking the event loop for long.
   */
  constructor(corpus: Corpus, data?: IndexData, settings: IndexSettings = {}) {
    this.shardSize = settings.shardSize ?? SHARD_SIZE;
    this.speakers = corpus.speakers;
    const byId = new Map(corpus.speakers.map((s) => [s.id, s]));
    this.foldedAliases = corpus.speakers.map((speaker) => ({ speaker, folded: [speaker.name, ...speaker.aliases].map((a) => foldName(a)) }));
    for (const doc of corpus.articles) this.articles.set(doc.article.id, doc);
    for (const doc of orderedArticles(corpus)) {
      for (const q of doc.quotes) {
        this.quotes.set(q.id, q);
        if (q.speaker) {
          const docs = this.speakerDocs.get(q.speaker.id);
          if (docs) docs.push(this.quoteList.length);
          else this.speakerDocs.set(q.speaker.id, [this.quoteList.length]);
        }
        this.quoteList.push(q);
        this.quotePublished.push(doc.article.published);
        if (q.speaker && !this.speakerText.has(q.speaker.id)) this.speakerText.set(q.speaker.id, speakerWords(byId.get(q.speaker.id), q.speaker.name));
      }
      for (const s of doc.sentences) {
        this.passageArticle.push(doc);
        this.passageSentence.push(s.index);
      }
    }
    if (!settings.deferred) for (const _ of this.steps(data)) continue;
  }

  /**
   * Builds or restores the index of `corpus`, handing the event loop back between steps. Resolves
   * once quotations can be searched; passages go on loading in the background (a passage search
   * before they are done finishes loading them first).
   */
  static async open(corpus: Corpus, data?: IndexData): Promise<CorpusIndex> {
    const index = new CorpusIndex(corpus, undefined, { deferred: true });
    index.check(data);
    await yieldToLoop();
    for (const _ of index.quoteSteps(data?.quotes)) await yieldToLoop();
    const passages = index.passageSteps(data?.passages);
    index.pendingPassages = passages;
    index.passagesLoaded = (async () => {
      while (!passages.next().done) await yieldToLoop();
    })();
    return index;
  }

  private check(data?: IndexData): void {
    if (data && (data.quotes.count !== this.quoteList.length || data.passages.count !== this.passageArticle.length)) {
      throw new Error('search: the saved index is not the index of this corpus');
    }
  }

  /** Builds (or restores) everything, one shard step at a time. */
  private *steps(data?: IndexData): Generator<void> {
    this.check(data);
    yield* this.quoteSteps(data?.quotes);
    yield* this.passageSteps(data?.passages);
  }

  private *quoteSteps(data?: CollectionData): Generator<void> {
    const quotes = yield* collectionSteps(data, this.shardSize, this.quoteList.length, QUOTE_INDEX_OPTIONS, (n) => this.quoteDoc(n), (n) => this.quotePublished[n]!);
    this.quoteIndex = new Collection(quotes.shards, quotes.vocabulary, this.quoteList.length, (n) => this.quoteSearchText(n), (n) => this.quotePublished[n]!);
  }

  private *passageSteps(data?: CollectionData): Generator<void> {
    const passagePublished = (n: number): string => this.passageArticle[n]!.article.published;
    const passages = yield* collectionSteps(data, this.shardSize, this.passageArticle.length, PASSAGE_INDEX_OPTIONS, (n) => ({ n, text: this.passageText(n) }), passagePublished);
    this.passageIndex = new Collection(passages.shards, passages.vocabulary, this.passageArticle.length, (n) => this.passageText(n), passagePublished);
  }

  /** The passage index, finishing its loading now if it is still under way. */
  private passageCollection(): Collection {
    if (!this.passageIndex && this.pendingPassages) while (!this.pendingPassages.next().done) continue;
    return this.passageIndex;
  }

  private quoteDoc(n: number): QuoteDoc {
    const q = this.quoteList[n]!;
    const article = this.articles.get(q.articleId)?.article;
    return {
      n,
      text: q.text,
      context: contextOf(q),
      speaker: q.speaker ? (this.speakerText.get(q.speaker.id) ?? q.speaker.name) : '',
      title: article?.title ?? '',
      source: article?.source ?? '',
    };
  }

  private quoteSearchText(n: number): string {
    const q = this.quoteList[n]!;
    const speaker = q.speaker ? (this.speakerText.get(q.speaker.id) ?? q.speaker.name) : '';
    const article = this.articles.get(q.articleId)?.article;
    const words = q.passage.includes(q.text) ? q.passage : `${q.text} | ${q.passage}`;
    return `${words} | ${speaker} | ${article?.title ?? ''} | ${article?.source ?? ''}`;
  }

  private passageText(n: number): string {
    return this.passageArticle[n]!.sentences[this.passageSentence[n]!]?.text ?? '';
  }

  /** The built index, for the cache (handing the event loop back between shards). */
  async toData(): Promise<IndexData> {
    const save = async (c: Collection): Promise<CollectionData> => {
      const shards: ShardData[] = [];
      for (const s of c.shards) {
        shards.push({ start: s.start, end: s.end, from: s.from, to: s.to, snapshot: takeSnapshot(s.mini) });
        await yieldToLoop();
      }
      return { count: c.count, shards, terms: [...c.vocabulary.terms], df: c.vocabulary.df };
    };
    return { quotes: await save(this.quoteIndex), passages: await save(this.passageCollection()) };
  }

  /**
   * Normalizes every quotation's text ahead of the first queries that need it, without blocking for
   * long. With `keepAlive` false (the default) it does not keep the process alive.
   */
  async warmUp(keepAlive = false): Promise<void> {
    await this.quoteIndex.prepare(keepAlive);
  }

  /** Every sentence of the corpus by id (`p:<articleId>:<index>`), made on first use. */
  get passages(): Map<string, PassageRef> {
    if (!this.passageMap) {
      const map = new Map<string, PassageRef>();
      for (const doc of this.articles.values()) {
        for (const s of doc.sentences) map.set(`p:${doc.article.id}:${s.index}`, { articleId: doc.article.id, sentence: s.index, text: s.text });
      }
      this.passageMap = map;
    }
    return this.passageMap;
  }

  /** Speakers whose any spelling matches `name` (folded, whole or by prefix of a word). */
  matchSpeakers(name: string): Speaker[] {
    const want = foldName(name.trim());
    if (!want) return [];
    const words = want.split(/\s+/);
    return this.foldedAliases
      .filter(({ folded }) =>
        folded.some((a) => {
          if (a === want) return true;
          const aw = a.split(/\s+/);
          return words.every((w) => aw.some((x) => x.startsWith(w)));
        }),
      )
      .map(({ speaker }) => speaker);
  }

  /** Ranked hits for a free-text query. */
  search(query: string, filter: SearchFilter = {}, limit = 25): Hit[] {
    if (!normalizePhrase(query)) return [];
    const range = { from: filter.from, to: filter.to };
    const inRange = (published: string): boolean => (!filter.from || published >= filter.from) && (!filter.to || published <= filter.to);
    const hits: Hit[] = [];
    if (filter.kind !== 'passage') {
      const speakers = filter.speakerIds;
      const accept = (n: number): boolean => {
        if (speakers) {
          const id = this.quoteList[n]!.speaker?.id;
          if (!id || !speakers.has(id)) return false;
        }
        return inRange(this.quotePublished[n]!);
      };
      let candidates: number[] | undefined;
      if (speakers) {
        candidates = [...speakers].flatMap((id) => this.speakerDocs.get(id) ?? []);
        if (speakers.size > 1) candidates.sort((a, b) => a - b);
      }
      for (const r of this.quoteIndex.search(query, range, accept, limit, candidates)) hits.push({ id: `q:${this.quoteList[r.n]!.id}`, kind: 'quote', score: r.score, phrase: r.phrase });
    }
    if (filter.kind !== 'quote' && !filter.speakerIds) {
      const accept = (n: number): boolean => inRange(this.passageArticle[n]!.article.published);
      const passages = this.passageCollection().search(query, range, accept, limit).map(
        (r): Hit => ({ id: `p:${this.passageArticle[r.n]!.article.id}:${this.passageSentence[r.n]}`, kind: 'passage', score: r.score, phrase: r.phrase }),
      );
      if (filter.kind === 'passage') return passages;
      // Both kinds: the scores of two indexes do not compare, so the lists take turns (exact phrases first).
      const merged: Hit[] = [];
      for (const phrase of [true, false]) {
        const a = hits.filter((h) => h.phrase === phrase);
        const b = passages.filter((h) => h.phrase === phrase);
        for (let i = 0; i < Math.max(a.length, b.length); i += 1) merged.push(...(a[i] ? [a[i]!] : []), ...(b[i] ? [b[i]!] : []));
      }
      return merged.slice(0, limit);
    }
    return hits.slice(0, limit);
  }

  /**
   * Completions of the word being typed (the last one), most frequent in the quotations first, each
   * after the words before it: "rose tinted gla" → "rose tinted glasses". A misspelled word gets its
   * nearest spellings.
   */
  suggest(query: string, limit = 10): string[] {
    const words = tokenize(query.toLowerCase()).filter(Boolean);
    const last = words.pop();
    if (!last) return [];
    const before = words.join(' ');
    const vocabulary = this.quoteIndex.vocabulary;
    let completions = vocabulary.completions(last, limit).map((c) => c.term);
    if (completions.length === 0 && last.length >= MIN_FUZZY) {
      completions = vocabulary
        .fuzzy(last, fuzzyDistance(last))
        .sort((a, b) => a.distance - b.distance || b.df - a.df)
        .slice(0, limit)
        .map((f) => f.term);
    }
    return completions.map((c) => (before ? `${before} ${c}` : c));
  }
}

/** The shards and vocabulary of `count` documents in order: restored from `data`, else built; one step per shard. */
function* collectionSteps<T>(
  data: CollectionData | undefined,
  shardSize: number,
  count: number,
  options: Options<T>,
  docOf: (n: number) => T,
  publishedOf: (n: number) => string,
): Generator<void, { shards: Shard[]; vocabulary: Vocabulary }> {
  const shards: Shard[] = [];
  if (data) {
    for (const s of data.shards) {
      const mini = yield* loadSnapshotSteps(s.snapshot, options);
      shards.push({ start: s.start, end: s.end, from: s.from, to: s.to, mini: mini as unknown as MiniSearch<unknown> });
      yield;
    }
    return { shards, vocabulary: new Vocabulary(data.terms, data.df) };
  }
  const df = new Map<string, number>();
  for (let start = 0; start < count; start += shardSize) {
    const end = Math.min(count, start + shardSize);
    const mini = new MiniSearch<T>(options);
    for (let n = start; n < end; n += 1) mini.add(docOf(n));
    addFrequencies(mini as unknown as MiniSearch<unknown>, df);
    shards.push({ start, end, from: publishedOf(start), to: publishedOf(end - 1), mini: mini as unknown as MiniSearch<unknown> });
    yield;
  }
  return { shards, vocabulary: Vocabulary.from(df) };
}
