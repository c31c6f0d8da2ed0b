/**
 * `npm run bench` (10k, 100k and 1M passages) and `npm run bench -- --quick` (10k only, under a
 * minute): builds a generated corpus at each size, measures build, start-up (rebuilt and cached),
 * memory, whosaid and autocomplete latency, the Discord round trip and a linear-scan baseline, each
 * in its own process, prints a table and writes the same figures to BENCHMARKS.md.
 * Options: `--quick`, `--sizes 10000,100000`, `--queries N`, `--no-write`.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/paths';
import { CACHE_DIR } from '../src/search/cache';
import type { ChildRequest, DiscordResult, OpenResult, ServeResult } from './child';
import { CORPUS_SEED, prepareDataset } from './dataset';
import { round } from './stats';

interface SizeResult {
  /** One-minute load average of the machine before and after this size (2 cores: above 2 means other work competed). */
  load: [number, number];
  passages: number;
  articles: number;
  quotes: number;
  rebuilt: OpenResult & { wallMs: number };
  cached: OpenResult & { wallMs: number };
  cacheBytes: number;
  serve: ServeResult;
  discord: DiscordResult;
}

function parseFlags(argv: readonly string[]): { sizes: number[]; queries: number; write: boolean; quick: boolean } {
  const quick = argv.includes('--quick');
  let sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
  let queries = 1000;
  const at = argv.indexOf('--sizes');
  if (at >= 0) sizes = (argv[at + 1] ?? '').split(',').map(Number).filter((n) => n > 0);
  const q = argv.indexOf('--queries');
  if (q >= 0) queries = Number(argv[q + 1]) || queries;
  return { sizes, queries, write: !argv.includes('--no-write'), quick };
}

/** Runs bench/child.js with a request; resolves with its result and the wall time until it arrived. */
function child<T>(request: ChildRequest, maxOldSpaceMiB: number): Promise<T & { wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMiB}`, path.join(__dirname, 'child.js'), JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    let result: (T & { wallMs: number }) | null = null;
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.startsWith('@@result '));
      if (line && !result) result = { ...(JSON.parse(line.slice('@@result '.length)) as T), wallMs: performance.now() - started };
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`bench: the ${request.mode} process exited with ${code} and no result`));
    });
  });
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

async function measure(passages: number, queries: number, log: (line: string) => void): Promise<SizeResult> {
  const loadBefore = os.loadavg()[0]!;
  log(`${label(passages)} passages: preparing the generated corpus…`);
  const dataset = prepareDataset(passages, log);
  if (dataset.preparedMs > 0) log(`  generated and ingested ${dataset.articles} articles in ${round(dataset.preparedMs / 1000)} s`);
  const heap = passages >= 1_000_000 ? 6144 : 3072;
  const cacheDir = path.join(dataset.dataDir, CACHE_DIR);
  rmSync(cacheDir, { recursive: true, force: true });
  log('  start-up with a rebuilt index…');
  const rebuilt = await child<OpenResult>({ mode: 'open', dataDir: dataset.dataDir, cache: true }, heap);
  log('  start-up with the cached index…');
  const cached = await child<OpenResult>({ mode: 'open', dataDir: dataset.dataDir, cache: true }, heap);
  const cacheBytes = folderBytes(cacheDir);
  log('  queries…');
  const serve = await child<ServeResult>({ mode: 'serve', dataDir: dataset.dataDir, queries, seed: 7 }, heap);
  log('  Discord round trips…');
  const discord = await child<DiscordResult>({ mode: 'discord', dataDir: dataset.dataDir, queries, seed: 11 }, heap).catch(
    (error: unknown): DiscordResult => ({ roundTrip: null, note: `failed: ${(error as Error).message}` }),
  );
  return { load: [round(loadBefore, 1), round(os.loadavg()[0]!, 1)], passages: rebuilt.passages, articles: rebuilt.articles, quotes: rebuilt.quotes, rebuilt, cached, cacheBytes, serve, discord };
}

function label(n: number): string {
  return n >= 1_000_000 ? `${round(n / 1_000_000, 1)}M` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
}

const ms = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? 'n/a' : n >= 1000 ? `${round(n / 1000, 2)} s` : n >= 10 ? `${Math.round(n)} ms` : `${round(n, 2)} ms`);
const mib = (n: number): string => (n >= 1024 ? `${round(n / 1024, 2)} GiB` : `${Math.round(n)} MiB`);

interface Row {
  name: string;
  values: (r: SizeResult) => string;
  target?: string;
}

function rows(): Row[] {
  const perK = (r: SizeResult, key: string): string => ms((r.rebuilt.timings[key] ?? r.rebuilt.timings['loadMs'] ?? Number.NaN) / (r.articles / 1000));
  const lat = (get: (r: SizeResult) => { p50: number; p99: number } | null | undefined, note?: (r: SizeResult) => string | undefined) => (r: SizeResult) => {
    const l = get(r);
    return l ? `${ms(l.p50)} / ${ms(l.p99)}` : (note?.(r) ?? 'n/a (not built yet)');
  };
  return [
    { name: 'articles / quotes', values: (r) => `${r.articles} / ${r.quotes}` },
    { name: 'machine load before / after (1-min avg)', values: (r) => `${r.load[0]} / ${r.load[1]}` },
    { name: 'build corpus, per 1k articles', values: (r) => perK(r, 'corpusMs') },
    { name: 'build index, per 1k articles', values: (r) => perK(r, 'indexMs') },
    { name: 'start-up to first answer, rebuilt', values: (r) => ms(r.rebuilt.wallMs) },
    { name: 'start-up to first answer, cached', values: (r) => ms(r.cached.wallMs), target: '≤ 1.5 s at 100k' },
    { name: 'longest event-loop stall while loading (cached)', values: (r) => ms(r.cached.loopBlockMs) },
    { name: 'peak memory: rebuild / cached start / serving', values: (r) => `${mib(r.rebuilt.peakRssMiB)} / ${mib(r.cached.peakRssMiB)} / ${mib(r.serve.peakRssMiB)}`, target: 'serving ≤ 400 MB at 100k, ≤ 4 GB at 1M' },
    { name: 'cached index on disk', values: (r) => mib(r.cacheBytes / 1048576) },
    { name: 'whosaid p50 / p99, all 1000', values: lat((r) => r.serve.whosaid['all']), target: 'p99 ≤ 5 ms at 100k, ≤ 50 ms at 1M' },
    ...['phrase', 'words', 'prefix', 'fuzzy', 'speaker', 'dates'].map((kind) => ({ name: `  whosaid: ${kind}`, values: lat((r) => r.serve.whosaid[kind]) })),
    { name: 'autocomplete p50 / p99, query', values: lat((r) => r.serve.autocomplete.query), target: 'p99 ≤ 5 ms at 100k' },
    { name: 'autocomplete p50 / p99, speaker', values: lat((r) => r.serve.autocomplete.speaker), target: 'p99 ≤ 5 ms at 100k' },
    { name: 'timeline with a filter p50 / p99', values: lat((r) => r.serve.timeline) },
    { name: 'digest, per subscription of 1000 p50 / p99', values: (r) => (r.serve.digest ? `${ms(r.serve.digest.p50)} / ${ms(r.serve.digest.p99)} (${r.serve.digest.count} run)` : 'n/a (not built yet)') },
    { name: '/whosaid round trip, fake Discord p50 / p99', values: lat((r) => r.discord.roundTrip, (r) => r.discord.note), target: 'p99 ≤ 20 ms at 100k' },
    { name: 'baseline: linear scan p50 / p99', values: lat((r) => r.serve.scan) },
    { name: 'scan p50 ÷ whosaid p99', values: (r) => `${round(r.serve.scan.p50 / (r.serve.whosaid['all']?.p99 ?? Number.NaN), 1)}×`, target: '≥ 4× at 100k' },
    { name: 'scan p50 ÷ whosaid p50', values: (r) => `${round(r.serve.scan.p50 / (r.serve.whosaid['all']?.p50 ?? Number.NaN), 0)}×` },
  ];
}

function table(results: readonly SizeResult[]): string {
  const header = ['', ...results.map((r) => `${label(r.passages)} passages`), 'target'];
  const body = rows().map((row) => [row.name, ...results.map((r) => row.values(r)), row.target ?? '']);
  const all = [header, ...body];
  const widths = header.map((_, c) => Math.max(...all.map((line) => line[c]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${round(os.totalmem() / 2 ** 30, 1)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const started = performance.now();
  const results: SizeResult[] = [];
  for (const size of flags.sizes) {
    results.push(await measure(size, flags.queries, log));
    log(table(results));
  }
  const text = table(results);
  process.stdout.write(`\n${text}\n\nMachine: ${machine()}\n`);
  const slow = results.map((r) => `- ${label(r.passages)}: ${r.serve.slowest.map((s) => `${ms(s.ms)} ${JSON.stringify(s.query)}`).join('; ')}`).join('\n');
  process.stdout.write(`Slowest whosaid queries:\n${slow}\n`);
  if (flags.write) {
    const file = path.join(packageRoot(), 'BENCHMARKS.md');
    writeFileSync(file, benchmarksMarkdown(text, slow, flags.quick, performance.now() - started));
    process.stdout.write(`wrote ${file}\n`);
  }
}

function benchmarksMarkdown(text: string, slow: string, quick: boolean, elapsedMs: number): string {
  return `# Benchmarks

Figures of the latest \`npm run bench${quick ? ' -- --quick' : ''}\` (written by it; ${round(elapsedMs / 60000, 1)} minutes, ${new Date().toISOString().slice(0, 10)}).

Machine: ${machine()}.

${text}

Slowest whosaid queries of the run:
${slow}

## How these are measured

- Corpus: \`bench/generate.ts\`, deterministic (seed ${CORPUS_SEED}): pages with appeals, captions and sign-offs
  around ~19 sentences of prose; named speakers with roles and several spellings, quotations in the usual
  frames (said-clauses before and after, split and partial quotations), relative and absolute dates, 16
  outlets; words drawn from a Zipf law over English function words (with their news frequencies), the
  negotiations' vocabulary, general news words and a long tail of rare words. It is ingested into the
  SQLite database of a data folder (in \`$PARLEY_BENCH_DIR\`, default the system's temp folder) and reused by
  later runs. "Passages" are the sentences of the processed corpus.
- Each figure comes from its own process: start-up is the wall time from spawning \`node\` to the first
  \`whosaid\` answer (rebuilt: no cache; cached: the cache the rebuild wrote); queries run in a process that
  opened the cache and let it finish loading passages and normalizing texts (what a running bot does in
  its first idle second), after 100 warm-up queries.
- whosaid: 1000 queries drawn from the quotations, in equal shares: an exact phrase (3–6 words), 2–3 words
  of one quotation, a prefix being typed (1–3 words, the last cut short), a misspelled word (one edit), a
  speaker filter (any of the speaker's spellings), a date range around the article's date.
- Autocomplete: what the bot's handlers (\`src/discord/autocomplete.ts\`) compute per keystroke, for the
  query option (prefixes of openings, some with a speaker filled in, 5 % empty) and the speaker option.
- Round trip: the real bot (\`startBot\`) logged in to the fake Discord of the tests on 127.0.0.1; from
  dispatching a \`/whosaid\` interaction to the interaction callback arriving.
- Baseline: every passage lower-cased once beforehand, then a case-insensitive substring scan of all of
  them for the query (200 queries).
- Peak memory is the process' maximum resident set: "serving" is the query process (cache loaded, every
  query run). Machine load is the 1-minute load average: above 2 (the core count), other work competed.
`;
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
