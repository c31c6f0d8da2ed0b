/** Small measuring helpers for the benchmark: percentiles, peak memory, event-loop stalls. */

/** The p-th percentile (0–100) of the samples, by nearest rank; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function latency(samples: readonly number[]): Latency {
  return { count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: percentile(samples, 100) };
}

/** Times `fn` once per item, in milliseconds. */
export function timeEach<T>(items: readonly T[], fn: (item: T) => unknown): number[] {
  const out: number[] = [];
  for (const item of items) {
    const start = performance.now();
    fn(item);
    out.push(performance.now() - start);
  }
  return out;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Watches the event loop: a timer that should fire every `everyMs`; the longest delay seen beyond
 * that is the longest time the loop was blocked.
 */
export function watchEventLoop(everyMs = 5): { stop: () => number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - everyMs);
    last = now;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      worst = Math.max(worst, performance.now() - last - everyMs);
      return Math.max(0, worst);
    },
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
