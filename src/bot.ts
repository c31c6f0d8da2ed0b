/**
 * The Discord front end: `npm start`. Reads and validates the configuration (environment, with
 * `.env` loaded), loads the corpus, logs in to the gateway (intent Guilds only) and answers slash
 * commands until SIGINT or SIGTERM, which close the client and the database. Commands are
 * registered separately (`parley deploy-commands`), never here.
 *
 * Once logged in it also polls the feeds of PARLEY_FEEDS (new articles go into the database and
 * the live index that commands and digests read) and runs the digest scheduler, which posts each
 * subscribed channel's digest at its time through Discord's REST API. Both run on the injected
 * clock, so a test can move time to a digest's hour.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import dotenv from 'dotenv';
import { commands as allCommands } from '../commands';
import { openCorpus } from './app';
import { loadBotConfig, type BotConfig } from './config';
import { DeliveryError, type Deliver } from './digest/deliver';
import { DigestScheduler } from './digest/scheduler';
import { composeDigest } from './digest/service';
import { isUserError, UserError } from './errors';
import { LiveCorpus } from './ingest/live';
import { FeedPoller } from './ingest/poller';
import { createLogger, type Logger } from './logger';
import { FeedStore } from './storage/feeds';
import { SubscriptionStore } from './storage/subscriptions';
import { systemClock, type Clock, type Timer } from './discord/clock';
import type { Command, CommandDeps } from './discord/command';
import { createDiscordDeliver } from './discord/deliver';
import { explainDiscordError, safeError } from './discord/errors';
import { createInteractionHandler } from './discord/interactions';
import { inviteUrl } from './discord/invite';
import { Pager } from './discord/pager';

/** How long to wait for Discord's READY after logging in. */
export const READY_TIMEOUT_MS = 30_000;
/** After shutdown (or a failed start), how long the process may take to exit on its own before it is made to. */
export const EXIT_GRACE_MS = 3_000;
/** At shutdown, how long a feed poll or a digest message under way may take to finish before the database closes. */
export const DRAIN_MS = 5_000;

export interface StartBotOptions {
  config: BotConfig;
  logger: Logger;
  clock?: Clock;
  /** Default: every command of `commands/index.ts`. */
  commands?: readonly Command[];
  /** Article folders besides the database (default: the project's seeds/). */
  seedDirs?: readonly string[];
  /** How digests are posted (default: Discord's REST API at `config.apiBase`). */
  deliver?: Deliver;
}

export interface RunningBot {
  client: Client<true>;
  deps: CommandDeps;
  /** The corpus as it grows: the seeds plus every stored article. */
  live: LiveCorpus;
  /** Polls the configured feeds on the clock (`pollDue([])` joins a poll under way). */
  poller: FeedPoller;
  /** Posts due digests on the clock (`runDue()` joins a run under way). */
  scheduler: DigestScheduler;
  /** Stops polling and the scheduler, lets what is under way finish, closes the gateway connection and the database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A `deliver` that can be closed for shutdown: messages being sent finish (and get recorded);
 * once closed, sending fails as transient, so the scheduler keeps the digest for after the restart.
 */
function closableDeliver(inner: Deliver): Deliver & { close(waitMs: number): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };
  const deliver: Deliver & { close(waitMs: number): Promise<void> } = {
    send(channelId, message, nonce) {
      if (closed) return Promise.reject(new DeliveryError('transient', 'the bot is shutting down'));
      return track(inner.send(channelId, message, nonce));
    },
    async close(waitMs) {
      closed = true;
      const deadline = Date.now() + waitMs;
      // The scheduler records a message right after its send settles: let it, then look again.
      while (inFlight.size > 0 && Date.now() < deadline) {
        await settledWithin(Promise.allSettled([...inFlight]), deadline - Date.now());
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
  const findSent = inner.findSent?.bind(inner);
  if (findSent) {
    deliver.findSent = (channelId, footer, after) => {
      if (closed) return Promise.reject(new DeliveryError('transient', 'the bot is shutting down'));
      return track(findSent(channelId, footer, after));
    };
  }
  return deliver;
}

/** Resolves when `promise` settles or after `ms`, whichever is first; never rejects. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Loads the corpus and logs in; resolves once Discord has said READY. Known failures are UserErrors. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const { store, corpus, index, seeds, timings } = await openCorpus({
    dataDir: config.dataDir,
    logger,
    ...(options.seedDirs ? { seedDirs: options.seedDirs } : {}),
  });
  logger.info(
    { articles: corpus.articles.length, quotes: index.quotes.size, speakers: index.speakers.length, ...timings },
    `corpus loaded in ${timings.loadMs} ms, indexed in ${timings.indexMs} ms`,
  );

  const feeds = new FeedStore(store.db);
  const subscriptions = new SubscriptionStore(store.db);
  const live = new LiveCorpus({ store, feeds, seeds, logger: logger.child({ module: 'corpus' }) }, index);
  const compose = composeDigest({ index: () => live.index(), arrivals: () => live.arrivals() });
  const poller = new FeedPoller({
    store,
    feeds,
    seeds,
    clock,
    logger,
    intervalMinutes: config.feedIntervalMinutes,
    // Rebuild the index now rather than in the next interaction that needs it.
    onAdded: () => void live.index(),
  });
  const deliver = closableDeliver(options.deliver ?? createDiscordDeliver({ token: config.token, apiBase: config.apiBase, logger }));
  const scheduler = new DigestScheduler({ subscriptions, clock, logger, compose, deliver });

  const pager = new Pager({ clock, logger: logger.child({ module: 'pager' }) });
  const deps: CommandDeps = { index: () => live.index(), store, subscriptions, compose, clock, pager, logger };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiBase },
    allowedMentions: { parse: [] },
  });
  const handle = createInteractionHandler(options.commands ?? allCommands, deps);
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: safeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ module: 'discord.js' }, message));
  client.on(Events.ShardDisconnect, (event) => logger.warn({ code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, () => logger.info('gateway connection resumed'));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    poller.stop();
    scheduler.stop();
    pager.dispose();
    try {
      // A poll under way is joined (pollDue with no feeds starts nothing); messages being sent finish.
      await Promise.all([settledWithin(poller.pollDue([]), DRAIN_MS), deliver.close(DRAIN_MS)]);
      await client.destroy();
    } finally {
      store.close();
    }
  };

  let readyTimer: Timer | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyTimer = clock.setTimeout(() => reject(new UserError(`Discord did not confirm the log-in within ${READY_TIMEOUT_MS / 1000} s (no READY from ${config.apiBase})`)), READY_TIMEOUT_MS);
    client.once(Events.ClientReady, () => resolve());
  });
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await stop().catch(() => undefined);
    throw explainDiscordError(error, { apiBase: config.apiBase, applicationId: config.applicationId }) ?? error;
  } finally {
    readyTimer?.cancel();
  }
  if (!client.isReady()) throw new Error('bot: READY was received but the client is not ready');
  logger.info({ user: client.user.tag, guilds: client.guilds.cache.size, invite: inviteUrl(config.applicationId) }, 'logged in to Discord');
  poller.start(config.feeds);
  scheduler.start();
  logger.info(
    { feeds: config.feeds.length, feedIntervalMinutes: config.feedIntervalMinutes, subscriptions: subscriptions.list().length },
    config.feeds.length > 0 ? `polling ${config.feeds.length} feed(s) every ${config.feedIntervalMinutes} min; digests scheduled` : 'no feeds to poll (PARLEY_FEEDS is empty); digests scheduled',
  );
  return { client, deps, live, poller, scheduler, stop };
}

/** Makes sure the process ends: it normally exits on its own first (the timer does not keep it alive). */
function exitSoon(logger?: Logger): void {
  setTimeout(() => {
    logger?.warn('something kept the process alive after shutdown; exiting anyway');
    process.exit();
  }, EXIT_GRACE_MS).unref();
}

function fail(message: string, logger?: Logger): void {
  process.stderr.write(`parley: ${message}\n`);
  process.exitCode = 1;
  exitSoon(logger);
}

/** `npm start`. */
export async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: BotConfig;
  try {
    config = loadBotConfig(process.env);
  } catch (error) {
    if (!isUserError(error)) throw error;
    fail(error.message);
    return;
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: safeError(reason) }, 'unhandled promise rejection'));

  let bot: RunningBot;
  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    if (isUserError(error)) {
      fail(error.message, logger);
    } else {
      logger.fatal({ err: safeError(error) }, 'start-up failed');
      fail('start-up failed (a bug); the log above has the details', logger);
    }
    return;
  }

  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => {
        logger.info('stopped');
        process.exitCode = 0;
        exitSoon(logger);
      },
      (error: unknown) => {
        logger.error({ err: safeError(error) }, 'shutdown failed');
        process.exitCode = 1;
        exitSoon(logger);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) void main();
