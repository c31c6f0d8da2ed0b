/** RSS and Atom feeds (via @rowanmanning/feed-parser) as plain items. */
import { parseFeed } from '@rowanmanning/feed-parser';
import { canonicalUrl, hashText } from '../corpus/load';
import { htmlToText } from './page';

export interface FeedEntry {
  /** What identifies the item across polls: its canonical link, else its guid, else a hash of title and date. */
  key: string;
  title: string | null;
  /** The item's link (absolute), or null. */
  url: string | null;
  /** The item's date, YYYY-MM-DD, or null. */
  published: string | null;
  /** The item's own text (content, else description), one paragraph per line; may be a summary. */
  text: string;
  author: string | null;
}

export interface ParsedFeed {
  /** The feed's title (used as the outlet when a page does not name one). */
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  items: FeedEntry[];
}

/** Parse a feed's XML. Throws an Error (message starting "feed:") when it is not a feed. */
export function parseFeedXml(xml: string): ParsedFeed {
  let feed;
  try {
    feed = parseFeed(xml);
  } catch (error) {
    throw new Error(`feed: not an RSS or Atom feed (${(error as Error).message})`);
  }
  const items = feed.items.map((item): FeedEntry => {
    const url = item.url && /^https?:\/\//.test(item.url) ? item.url : null;
    const date = item.published ?? item.updated;
    const published = date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : null;
    const title = item.title?.replace(/\s+/g, ' ').trim() || null;
    const key = url ? `url:${canonicalUrl(url)}` : item.id ? `id:${item.id}` : `hash:${hashText(`${title ?? ''}|${published ?? ''}`).slice(0, 32)}`;
    const html = item.content ?? item.description ?? '';
    const author = item.authors.map((a) => a.name).filter((n): n is string => !!n).join(', ') || null;
    return { key, title, url, published, text: html ? htmlToText(html) : '', author };
  });
  return { title: feed.title?.trim() || null, link: feed.url, items };
}
