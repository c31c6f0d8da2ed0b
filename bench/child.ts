/**
 * One measured process of the benchmark. The parent (bench/run.ts) starts it with a JSON request as
 * its only argument; it prints one line `@@result <json>` on stdout as soon as its figures are in
 * (for start-up: the moment the first answer is there) and exits. Logs stay silent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { whosaid } from '../src/answers/whosaid';
import { openCorpus, type LoadedCorpus } from '../src/app';
import { loadBotConfig } from '../src/config';
import { isUserError } from '../src/errors';
import { silentLogger } from '../src/logger';
import type { CorpusIndex } from '../src/search/index';
import { latency, peakRssMiB, timeEach, watchEventLoop, type Latency } from './stats';
import { Workload, WHOSAID_KINDS, type AutocompleteCase, type WhoSaidCase } from './workload';

export type ChildRequest =
  | { mode: 'open'; dataDir: string; cache: boolean }
  | { mode: 'serve'; dataDir: string; queries: number; seed: number }
  | { mode: 'discord'; dataDir: string; queries: number; seed: number };

export interface OpenResult {
  /** Milliseconds from the process' start (Node's time origin) to the first answer. */
  firstAnswerMs: number;
  openMs: number;
  timings: Record<string, number>;
  articles: number;
  passages: number;
  quotes: number;
  peakRssMiB: number;
  /** Longest stall of the event loop while loading. */
  loopBlockMs: number;
}

export interface ServeResult {
  whosaid: Record<string, Latency>;
  autocomplete: { query: Latency; speaker: Latency; engine: string };
  scan: Latency & { texts: number; megabytes: number };
  timeline: Latency | null;
  digest: Latency | null;
  peakRssMiB: number;
  /** The slowest single whosaid query, for the notes. */
  slowest: { ms: number; query: WhoSaidCase }[];
}

export interface DiscordResult {
  roundTrip: Latency | null;
  note?: string;
}

function send(result: unknown): void {
  process.stdout.write(`@@result ${JSON.stringify(result)}\n`);
}

/** The first question asked after start-up. */
export const FIRST_QUESTION = 'ceasefire talks';

async function open(dataDir: string, cache: boolean): Promise<{ loaded: LoadedCorpus; openMs: number; loopBlockMs: number }> {
  const watch = watchEventLoop();
  const started = performance.now();
  const loaded = await openCorpus({ dataDir, logger: silentLogger(), seedDirs: [], cache, saveInBackground: true });
  const openMs = performance.now() - started;
  return { loaded, openMs, loopBlockMs: watch.stop() };
}

function answer(index: CorpusIndex, c: WhoSaidCase): void {
  try {
    whosaid(index, c.query, { speaker: c.speaker ?? null, from: c.from ?? null, to: c.to ?? null });
  } catch (error) {
    if (!isUserError(error)) throw error;
  }
}

/** A module of the project that may not be written yet: its exports, or null. */
function optionalModule(relative: string): Record<string, unknown> | null {
  const file = path.join(__dirname, relative);
  if (!existsSync(`${file}.js`)) return null;
  return require(file) as Record<string, unknown>;
}

type Autocomplete = (index: CorpusIndex, c: AutocompleteCase) => unknown;

function autocompleteEngine(): { name: string; query: Autocomplete; speaker: Autocomplete } {
  const mod = optionalModule('../src/discord/autocomplete');
  const suggestQueries = mod?.['suggestQueries'];
  const suggestSpeakers = mod?.['suggestSpeakers'];
  if (typeof suggestQueries === 'function' && typeof suggestSpeakers === 'function') {
    return {
      name: 'src/discord/autocomplete (suggestQueries, suggestSpeakers)',
      query: (index, c) => (suggestQueries as (i: CorpusIndex, t: string, s: string | null) => unknown)(index, c.typed, c.speaker ?? null),
      speaker: (index, c) => (suggestSpeakers as (i: CorpusIndex, t: string) => unknown)(index, c.typed),
    };
  }
  return {
    name: 'CorpusIndex.suggest and matchSpeakers',
    query: (index, c) => index.suggest(c.typed, 5),
    speaker: (index, c) => index.matchSpeakers(c.typed),
  };
}

/** Runs `fn` on the cases until they run out or `budgetMs` has passed. */
function timeWithin<T>(cases: readonly T[], budgetMs: number, fn: (c: T) => unknown): number[] {
  const samples: number[] = [];
  const started = performance.now();
  for (const c of cases) {
    const t = performance.now();
    fn(c);
    samples.push(performance.now() - t);
    if (performance.now() - started > budgetMs) break;
  }
  return samples;
}

async function serve(dataDir: string, queries: number, seed: number): Promise<ServeResult> {
  const { loaded } = await open(dataDir, true);
  const index = loaded.index;
  // Steady state: what a running bot has done in its first idle second (passages loaded, texts normalized).
  await index.passagesLoaded;
  await index.warmUp(true);
  const workload = new Workload(index, seed);
  const cases = workload.whosaid(queries);
  // Warm up the JIT on other queries of the same kinds.
  for (const c of new Workload(index, seed + 1).whosaid(100)) answer(index, c);
  const samples = timeEach(cases, (c) => answer(index, c));
  const byKind: Record<string, Latency> = { all: latency(samples) };
  for (const kind of WHOSAID_KINDS) byKind[kind] = latency(samples.filter((_, k) => cases[k]!.kind === kind));
  const slowest = samples
    .map((ms, k) => ({ ms, query: cases[k]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);

  const engine = autocompleteEngine();
  const typing = workload.autocomplete(2 * queries);
  const queryCases = typing.filter((c) => c.option === 'query');
  const speakerCases = typing.filter((c) => c.option === 'speaker');
  for (const c of queryCases.slice(0, 50)) engine.query(index, c);
  const autocomplete = {
    query: latency(timeWithin(queryCases, 60_000, (c) => engine.query(index, c))),
    speaker: latency(timeWithin(speakerCases, 60_000, (c) => engine.speaker(index, c))),
    engine: engine.name,
  };

  let timelineLatency: Latency | null = null;
  const timelineModule = optionalModule('../src/answers/timeline');
  const timelineFn = timelineModule?.['timeline'];
  if (typeof timelineFn === 'function') {
    const filters = cases
      .filter((c) => c.kind === 'dates')
      .map((c) => ({ from: c.from ?? null, to: c.to ?? null, query: c.query.split(' ')[0] ?? null }));
    timelineLatency = latency(timeWithin(filters, 30_000, (f) => (timelineFn as (i: CorpusIndex, f: unknown) => unknown)(index, f)));
  }
  let digestLatency: Latency | null = null;
  const digestFn = optionalModule('../src/answers/digest')?.['digest'];
  if (typeof digestFn === 'function') {
    // 1000 subscriptions due at once: the last week, a third with a query word, a third with a speaker.
    let newest = '';
    for (const doc of index.articles.values()) if (doc.article.published > newest) newest = doc.article.published;
    const since = new Date(Date.parse(`${newest}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const subscriptions = cases.slice(0, 1000).map((c, i) => ({
      since,
      query: i % 3 === 1 ? (c.query.split(' ').find((w) => w.length >= 4) ?? null) : null,
      speaker: i % 3 === 2 ? (index.speakers[i % index.speakers.length]?.name ?? null) : null,
    }));
    digestLatency = latency(
      timeWithin(subscriptions, 30_000, (o) => {
        try {
          return (digestFn as (i: CorpusIndex, o: unknown) => unknown)(index, o);
        } catch (error) {
          if (!isUserError(error)) throw error;
          return null;
        }
      }),
    );
  }
  const peak = peakRssMiB();

  // Baseline: every passage, lower-cased once beforehand, scanned for the query as a substring.
  const texts: string[] = [];
  let chars = 0;
  for (const p of index.passages.values()) {
    texts.push(p.text.toLowerCase());
    chars += p.text.length;
  }
  const needles = cases.map((c) => c.query.toLowerCase());
  const scanSamples = timeWithin(needles.slice(0, 200), 60_000, (needle) => {
    let found = 0;
    for (const t of texts) if (t.includes(needle)) found += 1;
    return found;
  });
  return {
    whosaid: byKind,
    autocomplete,
    scan: { ...latency(scanSamples), texts: texts.length, megabytes: chars / 1e6 },
    timeline: timelineLatency,
    digest: digestLatency,
    peakRssMiB: peak,
    slowest,
  };
}

async function discord(dataDir: string, queries: number, seed: number): Promise<DiscordResult> {
  const bot = optionalModule('../src/bot');
  const startBot = bot?.['startBot'];
  if (typeof startBot !== 'function') return { roundTrip: null, note: 'n/a (the bot is not built yet)' };
  // The fake Discord of the tests, compiled with the benchmark.
  const { startFakeDiscord } = await import('../tests/support/fakeDiscord');
  const fake = await startFakeDiscord({ token: 'bench.fake.token' });
  // The bot's configuration as `npm start` reads it, pointed at the fake and the benchmark's data folder.
  const config = loadBotConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    PARLEY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  const started = await (startBot as (o: unknown) => Promise<{ deps: { index: CorpusIndex | (() => CorpusIndex) }; stop: () => Promise<void> }>)({
    config,
    logger: silentLogger(),
    seedDirs: [],
  });
  try {
    const index = typeof started.deps.index === 'function' ? started.deps.index() : started.deps.index;
    await index.passagesLoaded;
    await index.warmUp(true);
    const cases = new Workload(index, seed).whosaid(queries);
    for (const c of cases.slice(0, 20)) await (await fake.sendCommand({ name: 'whosaid', options: { query: c.query } })).waitForCallback();
    const samples: number[] = [];
    for (const c of cases) {
      const options: Record<string, string> = { query: c.query };
      if (c.speaker) options['speaker'] = c.speaker;
      if (c.from) options['from'] = c.from;
      if (c.to) options['to'] = c.to;
      const t = performance.now();
      const ix = await fake.sendCommand({ name: 'whosaid', options });
      await ix.waitForCallback();
      samples.push(performance.now() - t);
    }
    return { roundTrip: latency(samples) };
  } finally {
    await started.stop();
    await fake.close();
  }
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  switch (request.mode) {
    case 'open': {
      const { loaded, openMs, loopBlockMs } = await open(request.dataDir, request.cache);
      whosaid(loaded.index, FIRST_QUESTION);
      const firstAnswerMs = performance.now();
      const passages = loaded.index.passages.size;
      const result: OpenResult = {
        firstAnswerMs,
        openMs,
        timings: loaded.timings,
        articles: loaded.index.articles.size,
        passages,
        quotes: loaded.index.quotes.size,
        peakRssMiB: peakRssMiB(),
        loopBlockMs,
      };
      send(result);
      await loaded.cacheSaved;
      loaded.store.close();
      break;
    }
    case 'serve': {
      send(await serve(request.dataDir, request.queries, request.seed));
      break;
    }
    case 'discord': {
      send(await discord(request.dataDir, request.queries, request.seed));
      break;
    }
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

