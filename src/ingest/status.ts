/** The configured feeds with what Parley remembers of them, for `parley feeds`. */
import type { FeedState, FeedStore } from '../storage/feeds';
import { FAILING_AFTER } from './poller';

export interface FeedStatus {
  url: string;
  /** Last poll (successful or not), ISO timestamp, or null when never polled. */
  lastPoll: string | null;
  /** Last poll that stored a new article. */
  lastNewArticle: string | null;
  /** The last error and when it happened, or null; `failures` counts the failed polls in a row. */
  lastError: { at: string; message: string } | null;
  failures: number;
  /** True when the feed has failed FAILING_AFTER polls in a row or more. */
  failing: boolean;
  nextPoll: string | null;
}

export function feedStatus(state: FeedState): FeedStatus {
  return {
    url: state.url,
    lastPoll: state.lastPolledAt,
    lastNewArticle: state.lastNewArticleAt,
    lastError: state.lastError && state.lastErrorAt ? { at: state.lastErrorAt, message: state.lastError } : null,
    failures: state.consecutiveFailures,
    failing: state.consecutiveFailures >= FAILING_AFTER,
    nextPoll: state.nextPollAt,
  };
}

export function feedStatuses(urls: readonly string[], feeds: FeedStore): FeedStatus[] {
  return urls.map((u) => feedStatus(feeds.state(u)));
}

function t(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'never';
}

export function formatFeeds(statuses: readonly FeedStatus[]): string {
  if (statuses.length === 0) return 'No feeds configured: list feed URLs in PARLEY_FEEDS (comma- or space-separated).\n';
  return `${statuses
    .map((s) => {
      const lines = [s.url, `    last poll: ${t(s.lastPoll)}`, `    last new article: ${t(s.lastNewArticle)}`];
      if (s.lastError) {
        const state = s.failures === 0 ? 'recovered since' : s.failing ? `FAILING, ${s.failures} polls in a row` : `${s.failures} failed in a row`;
        lines.push(`    last error: ${t(s.lastError.at)}: ${s.lastError.message} (${state})`);
      } else lines.push('    last error: none');
      return lines.join('\n');
    })
    .join('\n\n')}\n`;
}
