/** Fakes of time and a logger that keeps what it logs, for the ingest and digest tests. */
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Logger } from '../../src/logger';

/** A clock that moves only when told; timers fire on `advance`. */
export class FakeClock {
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  constructor(public ms: number) {}

  static at(iso: string): FakeClock {
    return new FakeClock(Date.parse(iso));
  }

  now(): number {
    return this.ms;
  }

  iso(): string {
    return new Date(this.ms).toISOString();
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.ms + ms, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Move time forward, firing the timers that come due, in order. */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (;;) {
      const next = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.ms = Math.max(this.ms, next.at);
      next.cancelled = true;
      next.callback();
    }
    this.ms = end;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  set(iso: string): void {
    this.ms = Date.parse(iso);
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger at debug level whose lines are kept (parsed) for assertions. */
export function captureLogger(): { logger: Logger; lines: () => LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug', base: undefined }, stream), lines: () => lines };
}

/** Levels of pino, by name. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;
