/** Shared pieces of the Discord tests: a clock tests move by hand, a log that can be read, a bot against the fake. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIMessage } from 'discord.js';
import { openCorpus, type LoadedCorpus } from '../../src/app';
import { startBot, type RunningBot } from '../../src/bot';
import type { BotConfig } from '../../src/config';
import { createLogger, silentLogger, type Logger } from '../../src/logger';
import type { Clock, Timer } from '../../src/discord/clock';
import type { Command } from '../../src/discord/command';
import type { FakeDiscord } from '../support/fakeDiscord';

/** A clock that only moves when told to; due callbacks run inside `advance`. */
export class ManualClock implements Clock {
  private time = Date.UTC(2025, 9, 1);
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];

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

export function configFor(fake: FakeDiscord, dataDir: string): BotConfig {
  return { token: fake.token, applicationId: fake.applicationId, guildId: undefined, apiBase: fake.apiBase, dataDir, logLevel: 'debug' };
}

export interface TestBot {
  bot: RunningBot;
  clock: ManualClock;
  log: ReturnType<typeof captureLogger>;
  stop: () => Promise<void>;
}

/** The real bot (startBot), logged in to the fake, with a manual clock and a captured log. */
export async function startTestBot(fake: FakeDiscord, commands?: readonly Command[]): Promise<TestBot> {
  const { dir, remove } = await tempDir();
  const clock = new ManualClock();
  const log = captureLogger();
  const bot = await startBot({ config: configFor(fake, dir), logger: log.logger, clock, ...(commands ? { commands } : {}) });
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
