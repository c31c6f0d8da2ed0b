/**
 * From pages and feed items to articles: what the terminal's `ingest` and the feed poller share.
 * A feed item is read from its page (fetched once, politely) with the item's own title, date and
 * text as fallbacks; an article without any date is skipped, with the reason.
 */
import { articleId, canonicalUrl } from '../corpus/load';
import type { Article, ArticleMeta } from '../corpus/types';
import type { ItemOutcome } from '../storage/feeds';
import type { FeedEntry, ParsedFeed } from './feed';
import { FetchError, fetchText, type FetchLike } from './fetch';
import { parsePage, type ParsedPage } from './page';
import type { TopicFilter } from './topic';

/** An item's own text is used (when its page cannot be read) only if it is at least this long. */
export const MIN_ITEM_TEXT = 300;
/** A page whose article text is shorter than this is taken as unreadable (the item's text is used if longer). */
export const MIN_PAGE_TEXT = 200;

export type ReadResult =
  | { kind: 'article'; article: Article }
  /** Not kept, for good: the outcome is recorded and the item not read again. */
  | { kind: 'skipped'; outcome: Exclude<ItemOutcome, 'baseline' | 'added'>; reason: string }
  /** Not read now (a timeout, a 5xx): try again at a later poll. */
  | { kind: 'retry'; reason: string };

export interface Fallback {
  title?: string | null;
  published?: string | null;
  source?: string | null;
  url?: string | null;
  author?: string | null;
  /** Text to use when the page's is missing or shorter. */
  text?: string | null;
}

function hostName(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** A parsed page (or only an item's data) as an article, or why it cannot be one. */
export function toArticle(page: ParsedPage | null, fallback: Fallback, origin: string, topic: TopicFilter | null): ReadResult {
  const pageText = page?.text ?? '';
  const itemText = fallback.text ?? '';
  const body = pageText.length >= MIN_PAGE_TEXT || pageText.length >= itemText.length ? pageText : itemText;
  const title = page?.title ?? fallback.title ?? null;
  const published = page?.published ?? fallback.published ?? null;
  if (!body.trim()) return { kind: 'skipped', outcome: 'unreadable', reason: 'no article text' };
  if (!title) return { kind: 'skipped', outcome: 'unreadable', reason: 'no title' };
  if (!published) return { kind: 'skipped', outcome: 'no-date', reason: 'no date: neither the page nor the feed item gives one' };
  const url = page?.url ?? fallback.url ?? null;
  const meta: ArticleMeta = {
    title,
    source: page?.source ?? fallback.source ?? hostName(url) ?? 'Unknown outlet',
    url,
    published,
    author: page?.author ?? fallback.author ?? null,
  };
  if (topic && !topic({ title, body })) return { kind: 'skipped', outcome: 'off-topic', reason: 'not about the peace negotiations (topic filter)' };
  return { kind: 'article', article: { ...meta, id: articleId(meta, body), body, origin } };
}

export interface ReadItemDeps {
  fetch?: FetchLike;
  timeoutMs?: number;
  topic: TopicFilter | null;
  /** True when an article with this canonical URL is already in the corpus (its page is not fetched again). */
  knownUrl?: (canonical: string) => boolean;
  /** False: use the item's own text only, fetch no page. Default true. */
  fetchPages?: boolean;
}

/** Read one feed item: its page when it has a link, else (or when the page is gone) its own text. */
export async function readFeedItem(entry: FeedEntry, feed: ParsedFeed, deps: ReadItemDeps): Promise<ReadResult> {
  const fallback: Fallback = {
    title: entry.title,
    published: entry.published,
    source: feed.title ?? hostName(feed.link),
    url: entry.url,
    author: entry.author,
    text: entry.text,
  };
  const origin = entry.url ?? `feed item ${entry.key}`;
  if (entry.url && deps.knownUrl?.(canonicalUrl(entry.url))) {
    return { kind: 'skipped', outcome: 'duplicate', reason: 'same URL as an article already in the corpus' };
  }
  if (!entry.url || deps.fetchPages === false) return toArticle(null, fallback, origin, deps.topic);
  try {
    const res = await fetchText(entry.url, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}), accept: 'text/html,application/xhtml+xml' });
    if (res.status !== 'ok') return toArticle(null, fallback, origin, deps.topic);
    return toArticle(parsePage(res.body, res.url), fallback, origin, deps.topic);
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    if ((fallback.text ?? '').length >= MIN_ITEM_TEXT) return toArticle(null, fallback, origin, deps.topic);
    if (error.permanent) return { kind: 'skipped', outcome: 'unreadable', reason: `the page could not be read (${error.message}) and the item has little text of its own` };
    return { kind: 'retry', reason: error.message };
  }
}
