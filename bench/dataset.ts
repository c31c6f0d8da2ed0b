/**
 * The benchmark's data folders: a generated corpus ingested into the SQLite database of a data
 * folder, as the bot would hold it. A folder is made once per generator version and size and
 * reused by later runs (generation is not what is measured).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../src/storage/store';
import { articlesFor, generateArticles, GENERATOR_VERSION } from './generate';

/** Seed of the generated corpus. */
export const CORPUS_SEED = 20250912;
const READY = 'bench-ready.json';

export interface Dataset {
  dataDir: string;
  articles: number;
  /** Milliseconds spent generating and ingesting it now (0 when reused). */
  preparedMs: number;
}

/** Where generated corpora live: `$PARLEY_BENCH_DIR`, else a folder in the system's temp folder. */
export function benchRoot(): string {
  return process.env['PARLEY_BENCH_DIR'] ?? path.join(tmpdir(), 'parley-bench');
}

/** A data folder holding the generated corpus of about `passages` sentences. */
export function prepareDataset(passages: number, log: (line: string) => void): Dataset {
  const articles = articlesFor(passages);
  const dataDir = path.join(benchRoot(), `g${GENERATOR_VERSION}-s${CORPUS_SEED}-${articles}`);
  const marker = path.join(dataDir, READY);
  if (existsSync(marker)) {
    try {
      const ready = JSON.parse(readFileSync(marker, 'utf8')) as { articles?: unknown };
      if (ready.articles === articles) return { dataDir, articles, preparedMs: 0 };
    } catch {
      // fall through and make it again
    }
  }
  const started = performance.now();
  rmSync(dataDir, { recursive: true, force: true });
  const store = Store.open(dataDir);
  try {
    let batch = [];
    let done = 0;
    for (const article of generateArticles(CORPUS_SEED, articles)) {
      const { sentenceCount: _s, ...plain } = article;
      batch.push(plain);
      if (batch.length === 1000) {
        store.ingest(batch);
        done += batch.length;
        batch = [];
        if (done % 10_000 === 0) log(`  generated ${done}/${articles} articles`);
      }
    }
    if (batch.length > 0) store.ingest(batch);
  } finally {
    store.close();
  }
  writeFileSync(marker, JSON.stringify({ articles, generator: GENERATOR_VERSION, seed: CORPUS_SEED }));
  return { dataDir, articles, preparedMs: performance.now() - started };
}
