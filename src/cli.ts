/**
 * The terminal front end: `parley <command> [options]`. It prints the same answers the bot gives,
 * as text for a person or `--json` for scripts. Logs go to stderr; stdout carries only the answer.
 * Bad input prints one line on stderr and exits with 2; a bug exits with 1.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import dotenv from 'dotenv';
import { allQuotes, whosaid } from './answers/whosaid';
import { parseDateRange, parseLimit, parseQuery } from './answers/options';
import { openCorpus, loadSeeds } from './app';
import { formatQuote, formatWhoSaid } from './cli/format';
import { loadCliConfig } from './config';
import { loadArticles } from './corpus/load';
import { isUserError, UserError } from './errors';
import { createLogger, type Logger } from './logger';
import { Store } from './storage/store';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  logger?: Logger;
}

const USAGE = `Usage:
  parley whosaid "<query>" [--speaker NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json]
  parley quotes [--json]
  parley ingest <file|folder>...
Common options: --data-dir DIR (default $PARLEY_DATA_DIR or ./data)`;

const COMMON = {
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UserError(message.replace(/^Unknown option '([^']+)'.*/s, "unknown option '$1'"));
  }
}

export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const out = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = io.stderr ?? ((t: string) => void process.stderr.write(t));
  if (!io.env) dotenv.config({ quiet: true });
  const env = io.env ?? process.env;
  let logger: Logger | undefined = io.logger;
  const [command, ...rest] = argv;
  try {
    const config = loadCliConfig(env);
    logger ??= createLogger(config.logLevel);
    switch (command) {
      case 'whosaid': {
        const { values, positionals } = parse(rest, {
          speaker: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          limit: { type: 'string' },
        });
        if (values.help) return usage(out);
        if (positionals.length > 1) throw new UserError(`whosaid takes one query; quote it: parley whosaid "${positionals.join(' ')}"`);
        const limit = parseLimit(values.limit);
        // Validate everything the user typed before touching the data folder.
        const query = positionals[0] ?? '';
        const check = { speaker: values.speaker ?? null, from: values.from ?? null, to: values.to ?? null, ...(limit ? { limit } : {}) };
        validateWhoSaid(query, check);
        const { index, store } = await openCorpus({ dataDir: values['data-dir'] ?? config.dataDir, logger });
        try {
          const answer = whosaid(index, query, check);
          if (values.json) out(`${JSON.stringify({ query: answer.query, results: answer.results.map(({ quoteId: _q, speakerId: _s, ...r }) => r), ...(answer.suggestions ? { suggestions: answer.suggestions } : {}) })}\n`);
          else out(formatWhoSaid(answer));
        } finally {
          store.close();
        }
        return 0;
      }
      case 'quotes': {
        const { values, positionals } = parse(rest, {});
        if (values.help) return usage(out);
        if (positionals.length > 0) throw new UserError(`quotes takes no arguments (got "${positionals.join(' ')}")`);
        const { index, store } = await openCorpus({ dataDir: values['data-dir'] ?? config.dataDir, logger });
        try {
          const all = allQuotes(index);
          if (values.json) out(`${JSON.stringify(all)}\n`);
          else out(`${all.quotes.map((q) => formatQuote(q.quote, q.speaker, q.article)).join('\n\n')}\n`);
        } finally {
          store.close();
        }
        return 0;
      }
      case 'ingest': {
        const { values, positionals } = parse(rest, {});
        if (values.help) return usage(out);
        if (positionals.length === 0) throw new UserError('ingest needs at least one article file or folder');
        // Parse every file first: one bad file means nothing is written.
        const articles = await loadArticles(positionals);
        if (articles.length === 0) throw new UserError(`no article files (.md, .txt) in ${positionals.join(', ')}`);
        const seeds = await loadSeeds();
        const store = Store.open(values['data-dir'] ?? config.dataDir);
        try {
          const result = store.ingest(articles, seeds);
          const summary = {
            added: result.added.map((a) => ({ title: a.title, source: a.source, published: a.published })),
            skipped: result.skipped.map((s) => ({ title: s.article.title, file: s.article.origin, reason: s.reason })),
          };
          if (values.json) out(`${JSON.stringify(summary)}\n`);
          else {
            for (const a of result.added) out(`added: ${a.title} (${a.source}, ${a.published})\n`);
            for (const s of result.skipped) out(`skipped: ${s.article.origin}: ${s.reason}\n`);
            out(`${result.added.length} added, ${result.skipped.length} already in the corpus\n`);
          }
        } finally {
          store.close();
        }
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return usage(out, command === undefined ? 2 : 0, command === undefined ? err : out);
      default:
        throw new UserError(`unknown command "${command}" (try: whosaid, quotes, ingest)`);
    }
  } catch (error) {
    if (isUserError(error)) {
      err(`parley: ${error.message}\n`);
      return 2;
    }
    (logger ?? createLogger('error')).error({ err: error }, 'unexpected error');
    err('parley: something went wrong (a bug); the log above has the details\n');
    return 1;
  }
}

function usage(out: (t: string) => void, code = 0, to = out): number {
  to(`${USAGE}\n`);
  return code;
}

/** Check a whosaid request without the corpus (query, dates, range), so bad input never opens the data folder. */
function validateWhoSaid(query: string, options: { from: string | null; to: string | null }): void {
  parseQuery(query);
  parseDateRange(options.from, options.to);
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
