/**
 * Putting the core together for a front end: the seeds plus what was ingested, processed and
 * indexed. Front ends (CLI, bot) call `openCorpus` once and hand the result around as `deps`.
 */
import path from 'node:path';
import { loadArticles } from './corpus/load';
import { buildCorpus, type Corpus } from './corpus/process';
import type { Article } from './corpus/types';
import type { Logger } from './logger';
import { seedsDir } from './paths';
import { CorpusIndex } from './search/index';
import { Store } from './storage/store';

export interface OpenCorpusOptions {
  dataDir: string;
  logger: Logger;
  /** Folders of article files loaded besides the database (default: the project's seeds/). */
  seedDirs?: readonly string[];
}

export interface LoadedCorpus {
  store: Store;
  corpus: Corpus;
  index: CorpusIndex;
  /** Milliseconds spent loading and processing the articles, and building the index. */
  timings: { loadMs: number; indexMs: number };
}

/** The seed articles (files), loaded. */
export async function loadSeeds(dirs: readonly string[] = [seedsDir()]): Promise<Article[]> {
  return loadArticles(dirs);
}

export async function openCorpus(options: OpenCorpusOptions): Promise<LoadedCorpus> {
  const started = performance.now();
  const seeds = await loadSeeds(options.seedDirs ?? [seedsDir()]);
  const store = Store.open(path.resolve(options.dataDir));
  try {
    const articles = [...seeds, ...store.articles()];
    const corpus = buildCorpus(articles);
    const loaded = performance.now();
    const index = new CorpusIndex(corpus);
    const indexed = performance.now();
    const timings = { loadMs: Math.round(loaded - started), indexMs: Math.round(indexed - loaded) };
    options.logger.debug({ articles: articles.length, quotes: index.quotes.size, ...timings }, 'corpus loaded');
    return { store, corpus, index, timings };
  } catch (error) {
    store.close();
    throw error;
  }
}
