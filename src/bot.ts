/**
 * The Discord front end: `npm start`. Reads and validates the configuration (environment, with
 * `.env` loaded), loads the corpus, logs in to the gateway (intent Guilds only) and answers slash
 * commands until SIGINT or SIGTERM, which close the client and the database. Commands are
 * registered separately (`parley deploy-commands`), never here.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import dotenv from 'dotenv';
import { commands as allCommands } from '../commands';
import { openCorpus } from './app';
import { loadBotConfig, type BotConfig } from './config';
import { isUserError, UserError } from './errors';
import { createLogger, type Logger } from './logger';
import { systemClock, type Clock, type Timer } from './discord/clock';
import type { Command, CommandDeps } from './discord/command';
import { explainDiscordError, safeError } from './discord/errors';
import { createInteractionHandler } from './discord/interactions';
import { inviteUrl } from './discord/invite';
import { Pager } from './discord/pager';

/** How long to wait for Discord's READY after logging in. */
export const READY_TIMEOUT_MS = 30_000;
/** After shutdown (or a failed start), how long the process may take to exit on its own before it is made to. */
export const EXIT_GRACE_MS = 3_000;

export interface StartBotOptions {
  config: BotConfig;
  logger: Logger;
  clock?: Clock;
  /** Default: every command of `commands/index.ts`. */
  commands?: readonly Command[];
  /** Article folders besides the database (default: the project's seeds/). */
  seedDirs?: readonly string[];
}

export interface RunningBot {
  client: Client<true>;
  deps: CommandDeps;
  /** Closes the gateway connection and the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Loads the corpus and logs in; resolves once Discord has said READY. Known failures are UserErrors. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const { store, corpus, index, timings } = await openCorpus({
    dataDir: config.dataDir,
    logger,
    ...(options.seedDirs ? { seedDirs: options.seedDirs } : {}),
  });
  logger.info(
    { articles: corpus.articles.length, quotes: index.quotes.size, speakers: index.speakers.length, ...timings },
    `corpus loaded in ${timings.loadMs} ms, indexed in ${timings.indexMs} ms`,
  );

  const pager = new Pager({ clock, logger: logger.child({ module: 'pager' }) });
  const deps: CommandDeps = { index, store, clock, pager, logger };
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
    pager.dispose();
    try {
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
  return { client, deps, stop };
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
