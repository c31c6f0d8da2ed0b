/**
 * What Parley remembers of each feed (validators for conditional GET, the last poll, the last new
 * article, the last error and how many polls in a row failed, when to poll next) and the items it
 * has seen, so an item is read once and a feed's back catalogue is recorded, not announced.
 * Also: when each ingested article arrived, which decides what is new to a digest.
 *
 * Times are ISO timestamps.
 */
import type Database from 'better-sqlite3';

/** What became of a feed item. */
export type ItemOutcome =
  /** There at the feed's first poll: recorded, not read. */
  | 'baseline'
  | 'added'
  /** Already in the corpus (same URL without tracking parameters, or same text). */
  | 'duplicate'
  | 'off-topic'
  /** Neither the page nor the item gives a date. */
  | 'no-date'
  /** No text or title could be read. */
  | 'unreadable';

export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** The first successful poll (which recorded the items already there); null before it. */
  firstPolledAt: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastNewArticleAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Polls in a row that failed (0 after a success). */
  consecutiveFailures: number;
  /** When the feed is due next; null: now. */
  nextPollAt: string | null;
}

interface FeedRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  first_polled_at: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_new_article_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_poll_at: string | null;
}

function toState(r: FeedRow): FeedState {
  return {
    url: r.url,
    etag: r.etag,
    lastModified: r.last_modified,
    firstPolledAt: r.first_polled_at,
    lastPolledAt: r.last_polled_at,
    lastSuccessAt: r.last_success_at,
    lastNewArticleAt: r.last_new_article_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    consecutiveFailures: r.consecutive_failures,
    nextPollAt: r.next_poll_at,
  };
}

/** The state of a feed never polled. */
export function newFeedState(url: string): FeedState {
  return {
    url,
    etag: null,
    lastModified: null,
    firstPolledAt: null,
    lastPolledAt: null,
    lastSuccessAt: null,
    lastNewArticleAt: null,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    nextPollAt: null,
  };
}

export interface PollSuccess {
  now: string;
  /** Validators to send next time; null to keep the previous ones (when some items still need reading). */
  validators: { etag: string | null; lastModified: string | null } | null;
  /** Items read in this poll and what became of them. */
  items: { key: string; outcome: ItemOutcome; articleId: string | null }[];
  nextPollAt: string;
}

export class FeedStore {
  constructor(private readonly db: Database.Database) {}

  state(url: string): FeedState {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
    return row ? toState(row) : newFeedState(url);
  }

  private ensure(url: string): void {
    this.db.prepare('INSERT OR IGNORE INTO feeds (url) VALUES (?)').run(url);
  }

  /** Keys of the given items already seen in this feed. */
  seen(url: string, keys: readonly string[]): Set<string> {
    const stmt = this.db.prepare('SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?');
    return new Set(keys.filter((k) => stmt.get(url, k) !== undefined));
  }

  /** A successful poll (200 or 304): items recorded, failures reset, next poll scheduled. */
  recordSuccess(url: string, poll: PollSuccess): void {
    const run = this.db.transaction(() => {
      this.ensure(url);
      const insert = this.db.prepare('INSERT OR IGNORE INTO feed_items (feed_url, item_key, seen_at, outcome, article_id) VALUES (?, ?, ?, ?, ?)');
      for (const item of poll.items) insert.run(url, item.key, poll.now, item.outcome, item.articleId);
      const added = poll.items.some((i) => i.outcome === 'added');
      this.db
        .prepare(
          `UPDATE feeds SET first_polled_at = COALESCE(first_polled_at, @now), last_polled_at = @now, last_success_at = @now,
             last_new_article_at = CASE WHEN @added THEN @now ELSE last_new_article_at END,
             consecutive_failures = 0, next_poll_at = @next,
             etag = CASE WHEN @keep THEN etag ELSE @etag END,
             last_modified = CASE WHEN @keep THEN last_modified ELSE @last_modified END
           WHERE url = @url`,
        )
        .run({
          url,
          now: poll.now,
          added: added ? 1 : 0,
          next: poll.nextPollAt,
          keep: poll.validators === null ? 1 : 0,
          etag: poll.validators?.etag ?? null,
          last_modified: poll.validators?.lastModified ?? null,
        });
    });
    run();
  }

  /** A failed poll: the error kept for `parley feeds`; returns how many polls in a row failed. */
  recordFailure(url: string, now: string, error: string, nextPollAt: string): number {
    const run = this.db.transaction(() => {
      this.ensure(url);
      this.db
        .prepare(
          `UPDATE feeds SET last_polled_at = ?, last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1, next_poll_at = ?
           WHERE url = ?`,
        )
        .run(now, error, now, nextPollAt, url);
      return this.state(url).consecutiveFailures;
    });
    return run();
  }

  /** True when an article with this canonical URL is stored. */
  hasArticleUrl(canonical: string): boolean {
    return this.db.prepare('SELECT 1 FROM articles WHERE canonical_url = ?').get(canonical) !== undefined;
  }

  /** When each ingested article arrived (stored), by article id. */
  arrivals(): Map<string, string> {
    const rows = this.db.prepare('SELECT id, ingested_at FROM articles').all() as { id: string; ingested_at: string }[];
    return new Map(rows.map((r) => [r.id, r.ingested_at]));
  }

  /** A cheap fingerprint of the stored articles, to notice that another process ingested some. */
  articlesVersion(): string {
    const row = this.db.prepare('SELECT COUNT(*) AS n, MAX(ingested_at) AS t FROM articles').get() as { n: number; t: string | null };
    return `${row.n}:${row.t ?? ''}`;
  }
}
