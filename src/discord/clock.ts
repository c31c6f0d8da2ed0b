/**
 * Time, passed in rather than read from globals, so tests can move it forward (e.g. to expire a
 * paged answer) without fake timers in the discord.js client.
 */

/** A pending callback; `cancel` is safe to call more than once. */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds. The timer never keeps the process alive. */
  setTimeout(callback: () => void, ms: number): Timer;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
