/**
 * Polling the configured feeds, politely: one request at a time, conditional GET with the ETag and
 * Last-Modified the feed last sent, a timeout, and on failure a backoff that doubles per failure
 * (honouring Retry-After). A feed that keeps failing is logged as an error at every failure from
 * the FAILING_AFTER-th on, and `parley feeds` shows its last error; it is never dropped.
 *
 * A feed's first successful poll records the items already there without reading or announcing
 * them. Later polls read each new item (its page once), keep it if it is about the negotiations
 * and has a date, and store it unless the corpus has it already (same URL without tracking
 * parameters, or the same cleaned text). When some items could not be read yet (a page timed out),
 * the feed's validators are not updated, so the next poll sees those items again.
 */
import { canonicalUrl } from '../corpus/load';
import type { Article } from '../corpus/types';
import type { Logger } from '../logger';
import type { Clock } from '../digest/scheduler';
import type { FeedStore, ItemOutcome } from '../storage/feeds';
import type { Store } from '../storage/store';
import { parseFeedXml } from './feed';
import { FetchError, fetchText, type FetchLike } from './fetch';
import { readFeedItem, type ReadResult } from './read';
import { defaultTopicFilter, type TopicFilter } from './topic';

/** Default poll interval (minutes), as PARLEY_FEED_INTERVAL. */
export const DEFAULT_FEED_INTERVAL_MINUTES = 15;
/** Longest wait between polls of a failing feed. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/** Longest Retry-After honoured. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
/** From this many failures in a row, a feed is reported as failing (log level error). */
export const FAILING_AFTER = 3;
/** Pages fetched per feed and poll at most; the rest wait for the next poll. */
export const MAX_PAGES_PER_POLL = 20;

export interface PollerDeps {
  store: Store;
  feeds: FeedStore;
  /** Articles besides the database (the seeds), so they are not stored again. */
  seeds: readonly Article[];
  clock: Clock;
  logger: Logger;
  /** Minutes between polls of a healthy feed. */
  intervalMinutes: number;
  fetch?: FetchLike;
  timeoutMs?: number;
  topic?: TopicFilter | null;
  maxPagesPerPoll?: number;
  /** Called with the articles a poll stored (e.g. to refresh the index). */
  onAdded?: (articles: Article[]) => void;
}

export interface PollResult {
  feed: string;
  status: 'baseline' | 'updated' | 'not-modified' | 'failed';
  /** Articles stored by this poll. */
  added: Article[];
  /** Items new to Parley in this poll, by outcome. */
  outcomes: Partial<Record<ItemOutcome | 'retry', number>>;
  error?: string;
  /** Polls in a row that failed, after this one. */
  failures: number;
}

export class FeedPoller {
  private readonly log: Logger;
  private timer: { cancel(): void } | null = null;
  private running: Promise<PollResult[]> | null = null;
  private stopped = true;

  constructor(private readonly deps: PollerDeps) {
    this.log = deps.logger.child({ module: 'feeds' });
  }

  private get intervalMs(): number {
    return this.deps.intervalMinutes * 60 * 1000;
  }

  private iso(ms: number = this.deps.clock.now()): string {
    return new Date(ms).toISOString();
  }

  /** Poll one feed now, whatever its schedule. Never throws. */
  async pollFeed(url: string): Promise<PollResult> {
    const { feeds, clock } = this.deps;
    const log = this.log.child({ feed: url });
    const state = feeds.state(url);
    try {
      const res = await fetchText(url, {
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
        ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
        validators: state.firstPolledAt ? { etag: state.etag, lastModified: state.lastModified } : null,
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
      });
      const next = this.iso(clock.now() + this.intervalMs);
      if (res.status === 'not-modified') {
        feeds.recordSuccess(url, { now: this.iso(), validators: null, items: [], nextPollAt: next });
        log.debug('feed not modified');
        return { feed: url, status: 'not-modified', added: [], outcomes: {}, failures: 0 };
      }
      const parsed = parseFeedXml(res.body);
      const unique = parsed.items.filter((item, i) => parsed.items.findIndex((o) => o.key === item.key) === i);
      const seen = feeds.seen(url, unique.map((i) => i.key));
      const fresh = unique.filter((i) => !seen.has(i.key));
      if (!state.firstPolledAt) {
        feeds.recordSuccess(url, { now: this.iso(), validators: res.validators, items: fresh.map((i) => ({ key: i.key, outcome: 'baseline', articleId: null })), nextPollAt: next });
        log.info({ items: fresh.length }, 'feed: first poll; items already there recorded, not announced');
        return { feed: url, status: 'baseline', added: [], outcomes: { baseline: fresh.length }, failures: 0 };
      }
      return await this.readItems(url, parsed, fresh, res.validators, next, log);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failures = state.consecutiveFailures + 1;
      let wait = Math.min(this.intervalMs * 2 ** failures, MAX_BACKOFF_MS);
      if (error instanceof FetchError && error.retryAfterMs !== null) wait = Math.min(Math.max(wait, error.retryAfterMs), MAX_RETRY_AFTER_MS);
      const nextPollAt = this.iso(clock.now() + wait);
      const count = feeds.recordFailure(url, this.iso(), message, nextPollAt);
      const fields = { error: message, failures: count, nextPollAt };
      if (count >= FAILING_AFTER) log.error(fields, 'feed keeps failing');
      else log.warn(fields, 'feed poll failed; will retry later');
      if (!(error instanceof FetchError) && !message.startsWith('feed:')) log.error({ err: error }, 'feed: unexpected error');
      return { feed: url, status: 'failed', added: [], outcomes: {}, error: message, failures: count };
    }
  }

  private async readItems(
    url: string,
    parsed: ReturnType<typeof parseFeedXml>,
    fresh: ReturnType<typeof parseFeedXml>['items'],
    validators: { etag: string | null; lastModified: string | null },
    next: string,
    log: Logger,
  ): Promise<PollResult> {
    const { store, feeds, seeds } = this.deps;
    const seedCanonical = new Set(seeds.map((s) => s.url).filter((u): u is string => u !== null).map(canonicalUrl));
    const topic = this.deps.topic === undefined ? defaultTopicFilter : this.deps.topic;
    const budget = this.deps.maxPagesPerPoll ?? MAX_PAGES_PER_POLL;
    const outcomes: PollResult['outcomes'] = {};
    const count = (k: ItemOutcome | 'retry'): void => {
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    };
    const recorded: { key: string; outcome: ItemOutcome; articleId: string | null }[] = [];
    const candidates: { key: string; article: Article }[] = [];
    let complete = true;
    let fetched = 0;
    for (const item of fresh) {
      if (item.url && fetched >= budget) {
        complete = false;
        continue;
      }
      if (item.url) fetched += 1;
      let result: ReadResult;
      try {
        result = await readFeedItem(item, parsed, {
          topic,
          ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
          ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
          knownUrl: (c) => seedCanonical.has(c) || feeds.hasArticleUrl(c),
        });
      } catch (error) {
        // A page that breaks the reader is that item's problem, not the feed's.
        log.error({ err: error, item: item.url }, 'feed item could not be read (a bug?)');
        result = { kind: 'skipped', outcome: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
      }
      if (result.kind === 'retry') {
        complete = false;
        count('retry');
        log.warn({ item: item.url, reason: result.reason }, 'feed item not read; will try again');
      } else if (result.kind === 'skipped') {
        recorded.push({ key: item.key, outcome: result.outcome, articleId: null });
        count(result.outcome);
        log.info({ item: item.url ?? item.title, reason: result.reason }, 'feed item skipped');
      } else candidates.push({ key: item.key, article: result.article });
    }
    const ingested = store.ingest(
      candidates.map((c) => c.article),
      seeds,
      new Date(this.deps.clock.now()),
    );
    const addedIds = new Set(ingested.added.map((a) => a.id));
    for (const c of candidates) {
      const added = addedIds.delete(c.article.id);
      recorded.push({ key: c.key, outcome: added ? 'added' : 'duplicate', articleId: c.article.id });
      count(added ? 'added' : 'duplicate');
    }
    feeds.recordSuccess(url, { now: this.iso(), validators: complete ? validators : null, items: recorded, nextPollAt: next });
    if (ingested.added.length > 0) {
      log.info({ added: ingested.added.length, titles: ingested.added.map((a) => a.title) }, 'feed: new articles');
      try {
        this.deps.onAdded?.(ingested.added);
      } catch (error) {
        log.error({ err: error }, 'feed: onAdded failed');
      }
    }
    return { feed: url, status: 'updated', added: ingested.added, outcomes, failures: 0 };
  }

  /** Poll, one after the other, the feeds that are due now. Never throws. */
  pollDue(urls: readonly string[]): Promise<PollResult[]> {
    this.running ??= (async () => {
      const results: PollResult[] = [];
      for (const url of urls) {
        const next = this.deps.feeds.state(url).nextPollAt;
        if (next !== null && Date.parse(next) > this.deps.clock.now()) continue;
        results.push(await this.pollFeed(url));
      }
      return results;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Milliseconds until the next feed is due (at most one interval, at least one second). */
  sleepMs(urls: readonly string[]): number {
    const now = this.deps.clock.now();
    const waits = urls.map((u) => {
      const next = this.deps.feeds.state(u).nextPollAt;
      return next === null ? 0 : Date.parse(next) - now;
    });
    return Math.max(1000, Math.min(this.intervalMs, ...waits));
  }

  /** Poll the feeds on a timer until `stop()`; the first poll is immediate. */
  start(urls: readonly string[]): void {
    if (!this.stopped || urls.length === 0) return;
    this.stopped = false;
    const tick = (): void => {
      void this.pollDue(urls).then(() => {
        if (!this.stopped) this.timer = this.deps.clock.setTimeout(tick, this.sleepMs(urls));
      });
    };
    this.timer = this.deps.clock.setTimeout(tick, 0);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }
}
