/**
 * The terminal front end: `parley <command> [options]`. It prints the same answers the bot gives,
 * as text for a person or `--json` for scripts. Logs go to stderr; stdout carries only the answer.
 * Bad input prints one line on stderr and exits with 2; a bug exits with 1.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import dotenv from 'dotenv';
import { allQuotes, whosaid } from './answers/whosaid';
import { parseDateOption, parseDateRange, parseLimit, parseQuery } from './answers/options';
import { openCorpus, loadSeeds } from './app';
import { formatQuote, formatTimeline, formatWhoSaid } from './cli/format';
import { timeline } from './answers/timeline';
import { loadBotConfig, loadCliConfig } from './config';
import { digest } from './answers/digest';
import { formatDigest } from './digest/text';
import { FeedPoller } from './ingest/poller';
import { collectSources } from './ingest/sources';
import { feedStatuses, formatFeeds } from './ingest/status';
import { createTopicFilter, defaultTopicFilter, parseTerms } from './ingest/topic';
import { FeedStore } from './storage/feeds';
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
  parley timeline [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--query TEXT] [--speaker NAME] [--json]
  parley ingest <file|folder|.html|feed|http(s) URL>... [--topic "talks, ceasefire, …"] [--any-topic]
  parley digest --since YYYY-MM-DD [--query WORDS] [--speaker NAME] [--json]
  parley feeds [--poll] [--json]   the feeds of PARLEY_FEEDS: last poll, last new article, last error (--poll: poll them all now)
  parley deploy-commands [--guild ID]   register the slash commands for one server (instant) or, without --guild, globally
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
      case 'timeline': {
        const { values, positionals } = parse(rest, {
          from: { type: 'string' },
          to: { type: 'string' },
          query: { type: 'string' },
          speaker: { type: 'string' },
        });
        if (values.help) return usage(out);
        if (positionals.length > 0) throw new UserError(`timeline takes no arguments; filter with --query "${positionals.join(' ')}"`);
        parseDateRange(values.from ?? null, values.to ?? null);
        const { index, store } = await openCorpus({ dataDir: values['data-dir'] ?? config.dataDir, logger });
        try {
          const answer = timeline(index, { from: values.from ?? null, to: values.to ?? null, query: values.query ?? null, speaker: values.speaker ?? null });
          if (values.json) out(`${JSON.stringify(answer)}\n`);
          else out(formatTimeline(answer));
        } finally {
          store.close();
        }
        return 0;
      }
      case 'ingest': {
        const { values, positionals } = parse(rest, { topic: { type: 'string' }, 'any-topic': { type: 'boolean' } });
        if (values.help) return usage(out);
        if (positionals.length === 0) throw new UserError('ingest needs at least one article file, folder, page or feed');
        const topic = values['any-topic'] ? null : values.topic !== undefined ? createTopicFilter({ terms: parseTerms(values.topic) }) : defaultTopicFilter;
        // Read everything first (files, pages, feeds): one bad input means nothing is written.
        const collected = await collectSources(positionals, { topic });
        if (collected.articles.length === 0 && collected.skipped.length === 0) throw new UserError(`no article files (.md, .txt, .html) in ${positionals.join(', ')}`);
        const seeds = await loadSeeds();
        const store = Store.open(values['data-dir'] ?? config.dataDir);
        try {
          const result = store.ingest(collected.articles, seeds);
          const summary = {
            added: result.added.map((a) => ({ title: a.title, source: a.source, published: a.published })),
            skipped: [
              ...collected.skipped.map((s) => ({ title: s.title, file: s.name, reason: s.reason })),
              ...result.skipped.map((s) => ({ title: s.article.title, file: s.article.origin, reason: s.reason })),
            ],
          };
          for (const s of collected.skipped) logger.info({ source: s.name, reason: s.reason }, 'ingest: skipped');
          if (values.json) out(`${JSON.stringify(summary)}\n`);
          else {
            for (const a of result.added) out(`added: ${a.title} (${a.source}, ${a.published})\n`);
            for (const s of summary.skipped) out(`skipped: ${s.file}: ${s.reason}\n`);
            out(`${result.added.length} added, ${result.skipped.length} already in the corpus${collected.skipped.length ? `, ${collected.skipped.length} not kept` : ''}\n`);
          }
        } finally {
          store.close();
        }
        return 0;
      }
      case 'deploy-commands': {
        const { values, positionals } = parse(rest, { guild: { type: 'string' } });
        if (values.help) return usage(out);
        if (positionals.length > 0) throw new UserError(`deploy-commands takes no arguments (got "${positionals.join(' ')}")`);
        const guildId = values.guild?.trim();
        if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw new UserError(`--guild must be a server id (17 to 20 digits), got "${values.guild ?? ''}"`);
        const botConfig = loadBotConfig(env);
        // discord.js is loaded only for this command: it takes half a second to load.
        const { deployCommands } = await import('./discord/deploy');
        const result = await deployCommands({ config: botConfig, ...(guildId ? { guildId } : {}) });
        const names = result.names.map((n) => `/${n}`).join(', ');
        if (values.json) out(`${JSON.stringify(result)}\n`);
        else if (result.scope === 'guild') out(`Registered ${names} in server ${guildId ?? ''}: usable there now.\n`);
        else out(`Registered ${names} globally: in every server the bot is in (Discord may take a few minutes to show them).\n`);
        return 0;
      }
      case 'digest': {
        const { values, positionals } = parse(rest, { since: { type: 'string' }, query: { type: 'string' }, speaker: { type: 'string' } });
        if (values.help) return usage(out);
        if (positionals.length > 0) throw new UserError(`digest takes no arguments (got "${positionals.join(' ')}"); use --query to filter`);
        if (values.since === undefined) throw new UserError('digest needs --since YYYY-MM-DD');
        const since = parseDateOption('since', values.since) ?? '';
        if (!since) throw new UserError('digest needs --since YYYY-MM-DD');
        if (values.query !== undefined) parseQuery(values.query);
        const { index, store } = await openCorpus({ dataDir: values['data-dir'] ?? config.dataDir, logger });
        try {
          // An article is new from when it was ingested; seeds count from their publication date.
          const arrivals = new FeedStore(store.db).arrivals();
          const answer = digest(index, {
            since,
            query: values.query ?? null,
            speaker: values.speaker ?? null,
            arrivedAt: (a) => arrivals.get(a.id) ?? `${a.published}T00:00:00.000Z`,
          });
          out(values.json ? `${JSON.stringify(answer)}\n` : formatDigest(answer));
        } finally {
          store.close();
        }
        return 0;
      }
      case 'feeds': {
        const { values, positionals } = parse(rest, { poll: { type: 'boolean' } });
        if (values.help) return usage(out);
        if (positionals.length > 0) throw new UserError(`feeds takes no arguments (got "${positionals.join(' ')}"); list feeds in PARLEY_FEEDS`);
        const store = Store.open(values['data-dir'] ?? config.dataDir);
        try {
          const feeds = new FeedStore(store.db);
          if (values.poll) {
            const clock = { now: () => Date.now(), setTimeout: () => ({ cancel: () => undefined }) };
            const poller = new FeedPoller({ store, feeds, seeds: await loadSeeds(), clock, logger, intervalMinutes: config.feedIntervalMinutes });
            for (const url of config.feeds) await poller.pollFeed(url);
          }
          const statuses = feedStatuses(config.feeds, feeds);
          out(values.json ? `${JSON.stringify({ feeds: statuses })}\n` : formatFeeds(statuses));
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
        throw new UserError(`unknown command "${command}" (try: whosaid, quotes, ingest, digest, feeds)`);
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
