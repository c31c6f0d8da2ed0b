/**
 * Putting the core together for a front end: the seeds plus what was ingested, processed and
 * indexed. Front ends (CLI, bot) call `openCorpus` once and hand the result around as `deps`.
 *
 * The processed corpus and its index are cached in the data folder (see src/search/cache.ts): a
 * start whose articles, processing code and index options are those of the cache loads it; any
 * other start (or a missing, stale or corrupt cache) processes and indexes the articles and
 * replaces the cache (in the background with `saveInBackground`, see `cacheSaved`). Loading hands the event loop back
 * between files and shards, so a bot connecting at the same time keeps its heartbeats.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { loadArticles } from './corpus/load';
import { buildCorpus, type Corpus } from './corpus/process';
import type { Article } from './corpus/types';
import type { Logger } from './logger';
import { seedsDir } from './paths';
import { fingerprint, loadCache, saveCache, type ArticleStamp, type CacheMiss } from './search/cache';
import { CorpusIndex } from './search/index';
import { DATABASE_FILE, Store } from './storage/store';
import { hashText } from './corpus/load';

export interface OpenCorpusOptions {
  dataDir: string;
  logger: Logger;
  /** Folders of article files loaded besides the database (default: the project's seeds/). */
  seedDirs?: readonly string[];
  /** Use and refresh the cache in the data folder (default true). */
  cache?: boolean;
  /**
   * After a rebuild, return before the cache is saved and save it in the background (`cacheSaved`
   * settles when done). Default false: the cache is saved before `openCorpus` returns, so a caller
   * that removes the data folder right after cannot race the save.
   */
  saveInBackground?: boolean;
}

export interface LoadedCorpus {
  store: Store;
  corpus: Corpus;
  index: CorpusIndex;
  /** The seed articles loaded besides the database. */
  seeds: Article[];
  /**
   * Milliseconds: `loadMs` reading the articles (or the cache), `corpusMs` processing them (0 from
   * the cache), `indexMs` building or restoring the index.
   */
  timings: { loadMs: number; indexMs: number; corpusMs: number };
  /** Whether the cache was used, and if not why. */
  cache: { used: boolean; miss?: CacheMiss | 'off'; reason?: string };
  /** Settles once a rebuilt corpus has been saved to the cache (at once when nothing is to be saved). Never rejects. */
  cacheSaved: Promise<void>;
}

/** The seed articles (files), loaded. */
export async function loadSeeds(dirs: readonly string[] = [seedsDir()]): Promise<Article[]> {
  return loadArticles(dirs);
}

/** What the cache's fingerprint covers of the articles: seeds by their text, stored articles by their content hash. */
function stamps(seeds: readonly Article[], store: Store): ArticleStamp[] {
  const rows = store.db.prepare('SELECT id, content_hash AS content FROM articles ORDER BY published, id').all() as ArticleStamp[];
  return [...seeds.map((a) => ({ id: a.id, content: hashText(`${a.title}\n${a.source}\n${a.url ?? ''}\n${a.published}\n${a.author ?? ''}\n${a.body}`) })), ...rows];
}

/** Reads the raw text of an article restored from the cache, when someone asks for it. */
function bodyReader(dataDir: string, store: Store, seeds: readonly Article[]): (meta: Omit<Article, 'body'>) => () => string {
  const seedBodies = new Map(seeds.map((a) => [a.id, a.body]));
  let readOnly: Database.Database | null = null;
  return (meta) => () => {
    const seeded = seedBodies.get(meta.id);
    if (seeded !== undefined) return seeded;
    const db = store.db.open ? store.db : (readOnly ??= new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true }));
    const row = db.prepare('SELECT body FROM articles WHERE id = ?').get(meta.id) as { body: string } | undefined;
    return row?.body ?? '';
  };
}

export async function openCorpus(options: OpenCorpusOptions): Promise<LoadedCorpus> {
  const started = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const seeds = await loadSeeds(options.seedDirs ?? [seedsDir()]);
  const store = Store.open(dataDir);
  const useCache = options.cache !== false;
  try {
    const print = useCache ? fingerprint(stamps(seeds, store)) : '';
    let miss: CacheMiss | 'off' = 'off';
    let reason: string | undefined;
    if (useCache) {
      const result = await loadCache(dataDir, print, bodyReader(dataDir, store, seeds));
      if (result.cached) {
        const loaded = performance.now();
        try {
          const index = await CorpusIndex.open(result.cached.corpus, result.cached.index);
          const timings = { loadMs: Math.round(loaded - started), corpusMs: 0, indexMs: Math.round(performance.now() - loaded) };
          options.logger.debug({ articles: index.articles.size, quotes: index.quotes.size, ...timings }, 'corpus loaded from the cache');
          void result.cached.loadRest().then(() => index.warmUp());
          return { store, corpus: result.cached.corpus, index, seeds, timings, cache: { used: true }, cacheSaved: Promise.resolve() };
        } catch (error) {
          miss = 'corrupt';
          reason = (error as Error).message;
        }
      } else {
        miss = result.miss ?? 'absent';
        reason = result.reason;
      }
      if (miss === 'corrupt') options.logger.warn({ reason }, 'the cached corpus is unreadable; rebuilding it');
      else options.logger.debug({ miss }, 'no usable cache; processing the articles');
    }
    const articles = [...seeds, ...store.articles()];
    const loaded = performance.now();
    const corpus = buildCorpus(articles);
    const processed = performance.now();
    const index = await CorpusIndex.open(corpus);
    const timings = { loadMs: Math.round(loaded - started), corpusMs: Math.round(processed - loaded), indexMs: Math.round(performance.now() - processed) };
    options.logger.debug({ articles: articles.length, quotes: index.quotes.size, ...timings }, 'corpus processed and indexed');
    const cacheSaved = useCache
      ? (async () => {
          const savedAt = performance.now();
          await saveCache(dataDir, print, corpus, await index.toData());
          options.logger.debug({ ms: Math.round(performance.now() - savedAt) }, 'corpus cached');
        })().catch((error: unknown) => options.logger.warn({ err: error }, 'could not save the corpus cache'))
      : Promise.resolve();
    void cacheSaved.then(() => index.warmUp());
    if (!options.saveInBackground) await cacheSaved;
    return { store, corpus, index, seeds, timings, cache: { used: false, miss, ...(reason ? { reason } : {}) }, cacheSaved };
  } catch (error) {
    store.close();
    throw error;
  }
}
