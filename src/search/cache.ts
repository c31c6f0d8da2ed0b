/**
 * The cached corpus and index in the data folder (`<dataDir>/cache/`): the processed articles
 * (paragraphs, sentences, quotations, and any other field the processing adds, such as events),
 * the speakers, and the index (see ./snapshot.ts), together with a fingerprint of what they were
 * made from. A start whose fingerprint matches loads them instead of processing and indexing again.
 *
 * Files: `manifest.json` names the others and holds the fingerprint; it is written last, to a
 * temporary name then renamed, so a reader sees either the old cache or the new one, never half of
 * one. Anything missing, truncated or corrupt makes `loadCache` return null (the caller rebuilds).
 *
 * The fingerprint covers: CACHE_VERSION (bump it when the saved form or the processed article's
 * shape changes), the text processing and index options, MiniSearch's version, a digest of the code
 * that processes articles (src/corpus, src/quotes, src/timeline), and the articles themselves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../corpus/process';
import type { Article, Paragraph, ProcessedArticle, Quote, Sentence, Speaker } from '../corpus/types';
import { INDEX_OPTIONS, yieldToLoop, type CollectionData, type IndexData } from './index';
import type { Snapshot } from './snapshot';
import { STOP_WORDS, TEXT_VERSION } from './text';

/** Folder of the data folder that holds the cache. */
export const CACHE_DIR = 'cache';
/** Version of the saved form: bump when it, or the shape of a processed article, changes. */
export const CACHE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Articles per corpus file (each is parsed in one go: small files keep the event loop free). */
export const ARTICLES_PER_FILE = 400;

/** What a start needs to know about the articles to tell whether the cache is theirs. */
export interface ArticleStamp {
  id: string;
  /** Anything that changes when the article's text changes (a content hash, or the text itself). */
  content: string;
}

export interface CacheManifest {
  version: number;
  fingerprint: string;
  createdAt: string;
  articles: number;
  corpusFiles: string[];
  /** Per corpus file, the other fields of its articles (loaded after start, or when first read). */
  restFiles: string[];
  /** Names of those fields. */
  restKeys: string[];
  speakersFile: string;
  indexFile: string;
  dataFile: string;
}

/** A corpus and index restored from the cache. */
export interface CachedCorpus {
  corpus: Corpus;
  index: IndexData;
  /**
   * Loads the articles' other fields (e.g. events) a file at a time, handing the event loop back
   * in between; a field read before then loads its file at once. Its timers do not keep the
   * process alive. Never rejects: a file that cannot be read leaves its fields to be read (and
   * fail loudly) on first use.
   */
  loadRest: () => Promise<void>;
}

/** Why the cache was not used. */
export type CacheMiss = 'absent' | 'stale' | 'corrupt';

function sha256(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\u0000');
  return hash.digest('hex');
}

let codeDigestMemo: string | null = null;

/** Digest of the code that turns articles into the processed corpus (sources or compiled files). */
export function processingCodeDigest(): string {
  if (codeDigestMemo) return codeDigestMemo;
  const parts: string[] = [];
  for (const dir of ['corpus', 'quotes', 'timeline']) {
    const full = path.join(__dirname, '..', dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
      parts.push(`${dir}/${name}`, readFileSync(path.join(full, name), 'utf8'));
    }
  }
  codeDigestMemo = sha256(parts);
  return codeDigestMemo;
}

function miniSearchVersion(): string {
  try {
    const pkg = path.join(path.dirname(require.resolve('minisearch')), '..', '..', 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The fingerprint of a corpus made from these articles (in this order) by this code with these options. */
export function fingerprint(articles: readonly ArticleStamp[], options: { codeDigest?: string } = {}): string {
  return sha256([
    `cache:${CACHE_VERSION}`,
    `text:${TEXT_VERSION}:${[...STOP_WORDS].join(',')}`,
    `index:${JSON.stringify(INDEX_OPTIONS)}`,
    `minisearch:${miniSearchVersion()}`,
    `code:${options.codeDigest ?? processingCodeDigest()}`,
    ...articles.map((a) => `${a.id}:${a.content}`),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The processed corpus, compactly: sentences and passages as offsets into their paragraph.

/** Where a string sits in a paragraph: [paragraph, start, end], or the string itself when it is not a slice of one. */
type TextRef = [number, number, number] | string;

interface SavedQuote {
  id: string;
  text: TextRef;
  speaker: Quote['speaker'];
  passage: TextRef;
  paragraph: number;
  sentence: number;
  partial: boolean;
}

interface SavedArticle {
  article: Omit<Article, 'body'>;
  paragraphs: string[];
  /** Per sentence: [paragraph, start, end] or its text. */
  sentences: TextRef[];
  quotes: SavedQuote[];
}

/** Every other field of a processed article (e.g. events), long strings as references to its text. */
type SavedRest = Record<string, unknown>;

function refOf(paragraphs: readonly string[], text: string, hint: number): TextRef {
  const order = hint >= 0 && hint < paragraphs.length ? [hint, ...paragraphs.keys()] : [...paragraphs.keys()];
  for (const p of order) {
    const at = paragraphs[p]!.indexOf(text);
    if (at >= 0) return [p, at, at + text.length];
  }
  return text;
}

function textOf(paragraphs: readonly string[], ref: TextRef): string {
  if (typeof ref === 'string') return ref;
  const [p, start, end] = ref;
  const para = paragraphs[p];
  if (para === undefined || end > para.length || start < 0 || start > end) throw new Error('search: corrupt text reference in the cache');
  return para.slice(start, end);
}

/** Key of a reference to article text inside other fields (a key no field of ours uses). */
const REF = '\u0000ref';
/** Strings shorter than this are kept as they are. */
const MIN_REF_LENGTH = 40;

/** `value` with every long string that is a slice of a paragraph replaced by a reference to it. */
function withRefs(value: unknown, paragraphs: readonly string[]): unknown {
  if (typeof value === 'string') {
    if (value.length < MIN_REF_LENGTH) return value;
    const ref = refOf(paragraphs, value, -1);
    return typeof ref === 'string' ? value : { [REF]: ref };
  }
  if (Array.isArray(value)) return value.map((v) => withRefs(v, paragraphs));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withRefs(v, paragraphs);
    return out;
  }
  return value;
}

/** `value` with its references to article text resolved, in place (the parsed JSON is ours to change). */
function withoutRefs(value: unknown, paragraphs: readonly string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') value[i] = withoutRefs(v, paragraphs);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const ref = record[REF];
  if (ref !== undefined) return textOf(paragraphs, ref as TextRef);
  for (const k in record) {
    const v = record[k];
    if (v !== null && typeof v === 'object') record[k] = withoutRefs(v, paragraphs);
  }
  return record;
}

function saveRest(doc: ProcessedArticle): SavedRest {
  const { article: _a, paragraphs, sentences: _s, quotes: _q, ...rest } = doc;
  return withRefs(rest, paragraphs.map((p) => p.text)) as SavedRest;
}

function saveArticle(doc: ProcessedArticle): SavedArticle {
  const { article, paragraphs, sentences, quotes } = doc;
  const { body: _body, ...meta } = article;
  const texts = paragraphs.map((p) => p.text);
  return {
    article: meta,
    paragraphs: texts,
    sentences: sentences.map((s) => refOf(texts, s.text, s.paragraph)),
    quotes: quotes.map((q) => ({
      id: q.id,
      text: refOf(texts, q.text, q.paragraph),
      speaker: q.speaker,
      passage: refOf(texts, q.passage, q.paragraph),
      paragraph: q.paragraph,
      sentence: q.sentence,
      partial: q.partial,
    })),
  };
}

function restoreArticle(saved: SavedArticle, body: (meta: Omit<Article, 'body'>) => () => string): ProcessedArticle {
  const texts = saved.paragraphs;
  const sentences: Sentence[] = saved.sentences.map((ref, index) => ({
    index,
    paragraph: typeof ref === 'string' ? -1 : ref[0],
    text: textOf(texts, ref),
  }));
  // A sentence saved as text (not found in a paragraph) takes the paragraph of the one before it.
  sentences.forEach((s, i) => {
    if (s.paragraph < 0) s.paragraph = i > 0 ? sentences[i - 1]!.paragraph : 0;
  });
  const paragraphs: Paragraph[] = texts.map((text, index) => ({ index, text, sentences: [] }));
  for (const s of sentences) paragraphs[s.paragraph]?.sentences.push(s);
  const quotes: Quote[] = saved.quotes.map((q) => ({
    id: q.id,
    articleId: saved.article.id,
    text: textOf(texts, q.text),
    speaker: q.speaker,
    passage: textOf(texts, q.passage),
    paragraph: q.paragraph,
    sentence: q.sentence,
    partial: q.partial,
  }));
  const article = { ...saved.article } as Article;
  const load = body(saved.article);
  let loaded: string | null = null;
  // The raw page text is not needed once processed; it is read from its source on first use.
  Object.defineProperty(article, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (loaded ??= load()),
    set: (value: string) => {
      loaded = value;
    },
  });
  return { article, paragraphs, sentences, quotes } as ProcessedArticle;
}

// ---------------------------------------------------------------------------------------------
// The index: JSON for terms and shard metadata, one binary file for all numbers.

interface SavedSnapshot extends Omit<Snapshot, 'terms' | 'data'> {
  terms: string;
  /** Offset and length in Int32 units in the data file. */
  offset: number;
  length: number;
}

interface SavedCollection {
  count: number;
  shards: { start: number; end: number; from: string; to: string; snapshot: SavedSnapshot }[];
  terms: string;
  dfOffset: number;
  dfLength: number;
}

interface SavedIndex {
  quotes: SavedCollection;
  passages: SavedCollection;
}

function saveIndex(index: IndexData): { json: SavedIndex; data: Buffer } {
  const chunks: Int32Array[] = [];
  let offset = 0;
  const put = (array: Int32Array): { offset: number; length: number } => {
    chunks.push(array);
    const at = { offset, length: array.length };
    offset += array.length;
    return at;
  };
  const collection = (c: CollectionData): SavedCollection => {
    const shards = c.shards.map((s) => {
      const { terms, data, ...rest } = s.snapshot;
      const at = put(data);
      return { start: s.start, end: s.end, from: s.from, to: s.to, snapshot: { ...rest, terms: terms.join('\n'), ...at } };
    });
    const df = put(c.df);
    return { count: c.count, shards, terms: c.terms.join('\n'), dfOffset: df.offset, dfLength: df.length };
  };
  const json = { quotes: collection(index.quotes), passages: collection(index.passages) };
  return { json, data: Buffer.concat(chunks.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))) };
}

function splitTerms(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}

function restoreIndex(json: SavedIndex, data: Int32Array): IndexData {
  const slice = (offset: number, length: number): Int32Array => {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > data.length) {
      throw new Error('search: the cached index is truncated');
    }
    return data.subarray(offset, offset + length);
  };
  const collection = (c: SavedCollection): CollectionData => {
    const terms = splitTerms(c.terms);
    const df = slice(c.dfOffset, c.dfLength);
    if (df.length !== terms.length) throw new Error('search: the cached vocabulary is corrupt');
    return {
      count: c.count,
      terms,
      df,
      shards: c.shards.map((s) => {
        const { terms: shardTerms, offset, length, ...rest } = s.snapshot;
        return { start: s.start, end: s.end, from: s.from, to: s.to, snapshot: { ...rest, terms: splitTerms(shardTerms), data: slice(offset, length) } };
      }),
    };
  };
  return { quotes: collection(json.quotes), passages: collection(json.passages) };
}

// ---------------------------------------------------------------------------------------------
// Saving and loading.

async function writeAtomically(file: string, content: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

export function readManifest(dir: string): CacheManifest | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, CACHE_DIR, MANIFEST_FILE), 'utf8')) as CacheManifest;
  } catch {
    return null;
  }
}

/**
 * Saves a corpus and its index under `dataDir/cache`, replacing the previous cache atomically.
 * Yields to the event loop between files.
 */
export async function saveCache(dataDir: string, print: string, corpus: Corpus, index: IndexData): Promise<CacheManifest> {
  const dir = path.join(dataDir, CACHE_DIR);
  await mkdir(dir, { recursive: true });
  const tag = `${print.slice(0, 12)}-${randomBytes(3).toString('hex')}`;
  const corpusFiles: string[] = [];
  const restFiles: string[] = [];
  const restKeys = new Set<string>();
  for (let start = 0; start < corpus.articles.length || start === 0; start += ARTICLES_PER_FILE) {
    const chunk = corpus.articles.slice(start, start + ARTICLES_PER_FILE);
    const name = `corpus-${tag}-${corpusFiles.length}.json`;
    await writeAtomically(path.join(dir, name), JSON.stringify(chunk.map(saveArticle)));
    corpusFiles.push(name);
    const rest = chunk.map(saveRest);
    for (const r of rest) for (const k of Object.keys(r)) restKeys.add(k);
    const restName = `rest-${tag}-${restFiles.length}.json`;
    await writeAtomically(path.join(dir, restName), JSON.stringify(rest));
    restFiles.push(restName);
    await yieldToLoop();
    if (start + ARTICLES_PER_FILE >= corpus.articles.length) break;
  }
  const speakersFile = `speakers-${tag}.json`;
  await writeAtomically(path.join(dir, speakersFile), JSON.stringify(corpus.speakers));
  const saved = saveIndex(index);
  const indexFile = `index-${tag}.json`;
  const dataFile = `index-${tag}.bin`;
  await writeAtomically(path.join(dir, indexFile), JSON.stringify(saved.json));
  await writeAtomically(path.join(dir, dataFile), saved.data);
  const manifest: CacheManifest = {
    version: CACHE_VERSION,
    fingerprint: print,
    createdAt: new Date().toISOString(),
    articles: corpus.articles.length,
    corpusFiles,
    restFiles,
    restKeys: [...restKeys],
    speakersFile,
    indexFile,
    dataFile,
  };
  await writeAtomically(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
  await removeUnreferenced(dir);
  return manifest;
}

/** Removes the files of earlier caches (those the manifest on disk does not name). */
async function removeUnreferenced(dir: string): Promise<void> {
  const current = readManifest(path.dirname(dir));
  if (!current) return;
  const keep = new Set([MANIFEST_FILE, ...current.corpusFiles, ...(current.restFiles ?? []), current.speakersFile, current.indexFile, current.dataFile]);
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (keep.has(name)) continue;
    const file = path.join(dir, name);
    // Another process may be writing its own cache right now: leave its fresh temporary files alone.
    if (name.endsWith('.tmp') && now - statSync(file).mtimeMs < 10 * 60_000) continue;
    await rm(file, { force: true });
  }
}

/** The other fields of restored articles: getters that load their file on first use, and a background loader. */
class RestLoader {
  private readonly chunks: ProcessedArticle[][] = [];
  private readonly loaded: boolean[] = [];

  constructor(
    private readonly dir: string,
    private readonly files: readonly string[],
    private readonly keys: readonly string[],
  ) {}

  attach(k: number, chunk: ProcessedArticle[]): void {
    this.chunks[k] = chunk;
    this.loaded[k] = false;
    for (const doc of chunk) {
      for (const key of this.keys) {
        Object.defineProperty(doc, key, {
          enumerable: true,
          configurable: true,
          get: () => {
            this.load(k, readFileSync(path.join(this.dir, this.files[k]!), 'utf8'));
            return (doc as unknown as Record<string, unknown>)[key];
          },
          set: (value: unknown) => Object.defineProperty(doc, key, { value, enumerable: true, configurable: true, writable: true }),
        });
      }
    }
  }

  private load(k: number, text: string): void {
    if (this.loaded[k]) return;
    const rest = JSON.parse(text) as SavedRest[];
    const chunk = this.chunks[k]!;
    if (rest.length !== chunk.length) throw new Error(`search: the cached fields of ${this.files[k]} do not match its articles`);
    chunk.forEach((doc, i) => {
      const fields = withoutRefs(rest[i], doc.paragraphs.map((p) => p.text)) as Record<string, unknown>;
      for (const key of this.keys) Object.defineProperty(doc, key, { value: fields[key], enumerable: true, configurable: true, writable: true });
    });
    this.loaded[k] = true;
  }

  async loadAll(): Promise<void> {
    for (let k = 0; k < this.files.length; k += 1) {
      if (this.loaded[k]) continue;
      try {
        this.load(k, await readFile(path.join(this.dir, this.files[k]!), 'utf8'));
      } catch {
        // Left to the getters, which read it again and throw where the field is used.
      }
      await new Promise((resolve) => setTimeout(resolve, 0).unref());
    }
  }
}

export interface LoadCacheResult {
  cached: CachedCorpus | null;
  miss?: CacheMiss;
  /** What was wrong with a corrupt cache. */
  reason?: string;
}

/**
 * The cached corpus and index when the cache's fingerprint is `print`; otherwise null and why.
 * `body(meta)` gives, for an article, a function that reads its raw text when someone asks for it.
 */
export async function loadCache(dataDir: string, print: string, body: (meta: Omit<Article, 'body'>) => () => string): Promise<LoadCacheResult> {
  const dir = path.join(dataDir, CACHE_DIR);
  if (!existsSync(path.join(dir, MANIFEST_FILE))) return { cached: null, miss: 'absent' };
  const manifest = readManifest(dataDir);
  if (!manifest || typeof manifest !== 'object') return { cached: null, miss: 'corrupt', reason: 'unreadable manifest' };
  if (manifest.version !== CACHE_VERSION || manifest.fingerprint !== print) return { cached: null, miss: 'stale' };
  try {
    const articles: ProcessedArticle[] = [];
    if (!Array.isArray(manifest.restFiles) || manifest.restFiles.length !== manifest.corpusFiles.length || !Array.isArray(manifest.restKeys)) {
      throw new Error('the manifest does not name the files of the other fields');
    }
    const rest = new RestLoader(dir, manifest.restFiles, manifest.restKeys);
    for (const [k, name] of manifest.corpusFiles.entries()) {
      const saved = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as SavedArticle[];
      const chunk = saved.map((s) => restoreArticle(s, body));
      rest.attach(k, chunk);
      articles.push(...chunk);
      await yieldToLoop();
    }
    if (articles.length !== manifest.articles) throw new Error(`expected ${manifest.articles} articles, found ${articles.length}`);
    const speakers = JSON.parse(await readFile(path.join(dir, manifest.speakersFile), 'utf8')) as Speaker[];
    const json = JSON.parse(await readFile(path.join(dir, manifest.indexFile), 'utf8')) as SavedIndex;
    const buffer = await readFile(path.join(dir, manifest.dataFile));
    if (buffer.byteLength % 4 !== 0) throw new Error('the index data is truncated');
    const aligned = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(buffer);
    const data = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
    await yieldToLoop();
    return { cached: { corpus: { articles, speakers }, index: restoreIndex(json, data), loadRest: () => rest.loadAll() } };
  } catch (error) {
    return { cached: null, miss: 'corrupt', reason: (error as Error).message };
  }
}
