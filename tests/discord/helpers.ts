/** Shared pieces of the Discord tests: a clock tests move by hand, a log that can be read, a bot against the fake. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, MessageFlags, type APIApplicationCommandInteractionDataOption, type APIMessage } from 'discord.js';
import { openCorpus, type LoadedCorpus } from '../../src/app';
import { startBot, type RunningBot } from '../../src/bot';
import type { BotConfig } from '../../src/config';
import { createLogger, silentLogger, type Logger } from '../../src/logger';
import type { Clock, Timer } from '../../src/discord/clock';
import type { Command } from '../../src/discord/command';
import type { FakeDiscord } from '../support/fakeDiscord';

/** A clock that only moves when told to; due callbacks run inside `advance`. */
export class ManualClock implements Clock {
  private time: number;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];

  /** Starts at `start` (ms since the epoch, or an ISO timestamp); default 2025-10-01T00:00Z. */
  constructor(start: number | string = Date.UTC(2025, 9, 1)) {
    this.time = typeof start === 'string' ? Date.parse(start) : start;
  }

  /** The time as an ISO timestamp. */
  iso(): string {
    return new Date(this.time).toISOString();
  }

  /** Moves forward to `iso` (firing what comes due); never backwards. */
  advanceTo(iso: string): void {
    const target = Date.parse(iso);
    if (target < this.time) throw new Error(`ManualClock: ${iso} is before ${this.iso()}`);
    this.advance(target - this.time);
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  advance(ms: number): void {
    this.time += ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= this.time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      due.callback();
    }
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  /** Timers still to run. */
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

export interface LogRecord {
  level: number;
  msg?: string;
  err?: { message?: string; stack?: string; type?: string };
  [key: string]: unknown;
}

/** A real pino logger (same redaction as production) whose lines are kept in `lines` and `records`. */
export function captureLogger(level: 'debug' | 'info' = 'debug'): { logger: Logger; lines: string[]; records: () => LogRecord[] } {
  const lines: string[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      lines.push(chunk);
    },
  });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as LogRecord) };
}

export async function tempDir(prefix = 'parley-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The corpus (seeds only) over an empty temporary data folder. */
export async function openTestCorpus(): Promise<LoadedCorpus & { cleanup: () => Promise<void> }> {
  const { dir, remove } = await tempDir();
  const loaded = await openCorpus({ dataDir: dir, logger: silentLogger() });
  return {
    ...loaded,
    cleanup: async () => {
      loaded.store.close();
      await remove();
    },
  };
}

export function configFor(fake: FakeDiscord, dataDir: string, feeds: string[] = []): BotConfig {
  return { token: fake.token, applicationId: fake.applicationId, guildId: undefined, apiBase: fake.apiBase, dataDir, logLevel: 'debug', feeds, feedIntervalMinutes: 15 };
}

export interface TestBot {
  bot: RunningBot;
  clock: ManualClock;
  log: ReturnType<typeof captureLogger>;
  stop: () => Promise<void>;
}

export interface TestBotOptions {
  /** Default: a new ManualClock. Pass the previous bot's clock to restart on the same time line. */
  clock?: ManualClock;
  /** The data folder; default a temporary one, removed by `stop`. A folder given here is kept (restart on the same data). */
  dataDir?: string;
  /** Feed URLs to poll (PARLEY_FEEDS). */
  feeds?: string[];
  /** Default: a log captured at debug level. */
  log?: ReturnType<typeof captureLogger>;
}

/** The real bot (startBot), logged in to the fake, with a manual clock and a captured log. */
export async function startTestBot(fake: FakeDiscord, commands?: readonly Command[], options: TestBotOptions = {}): Promise<TestBot> {
  const { dir, remove } = options.dataDir === undefined ? await tempDir() : { dir: options.dataDir, remove: async () => undefined };
  const clock = options.clock ?? new ManualClock();
  const log = options.log ?? captureLogger();
  const bot = await startBot({ config: configFor(fake, dir, options.feeds), logger: log.logger, clock, ...(commands ? { commands } : {}) });
  return {
    bot,
    clock,
    log,
    stop: async () => {
      await bot.stop();
      await remove();
    },
  };
}

/** Every custom_id of a message's buttons. */
export function customIds(message: APIMessage | null | undefined): string[] {
  const ids: string[] = [];
  for (const row of message?.components ?? []) {
    if (!('components' in row)) continue;
    for (const c of row.components) if ('custom_id' in c && typeof c.custom_id === 'string') ids.push(c.custom_id);
  }
  return ids;
}

/** The custom_id of the button labelled like `label` (e.g. /Next/). */
export function buttonId(message: APIMessage | null | undefined, label: RegExp): string {
  for (const row of message?.components ?? []) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      if ('label' in c && typeof c.label === 'string' && label.test(c.label) && 'custom_id' in c && typeof c.custom_id === 'string') return c.custom_id;
    }
  }
  throw new Error(`no button labelled ${String(label)}`);
}

/** True when only the person who asked sees the message. */
export function isEphemeral(message: APIMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** The options of `/<command> <subcommand> name:value…` as Discord sends them (the subcommand holds its options). */
export function subcommandOptions(subcommand: string, values: Record<string, string> = {}): APIApplicationCommandInteractionDataOption[] {
  return [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: subcommand,
      options: Object.entries(values).map(([name, value]) => ({ type: ApplicationCommandOptionType.String, name, value })),
    },
  ];
}
