/**
 * What `parley ingest` reads: article files (.md, .txt, as before), web pages (an .html file or an
 * http(s) URL) and RSS/Atom feeds (a feed URL, or an .xml/.rss/.atom file). Everything is read
 * before anything is written; pages and feed items must be about the negotiations (topic filter)
 * and have a date, or they are reported as skipped.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ARTICLE_EXTENSIONS, canonicalUrl, loadArticleFile } from '../corpus/load';
import type { Article } from '../corpus/types';
import { UserError } from '../errors';
import { parseFeedXml, type ParsedFeed } from './feed';
import { FetchError, fetchText, looksLikeFeed, type FetchLike } from './fetch';
import { parsePage } from './page';
import { readFeedItem, toArticle } from './read';
import type { TopicFilter } from './topic';

export const PAGE_EXTENSIONS: readonly string[] = ['.html', '.htm'];
export const FEED_EXTENSIONS: readonly string[] = ['.xml', '.rss', '.atom'];

export interface CollectDeps {
  fetch?: FetchLike;
  timeoutMs?: number;
  /** The topic filter for pages and feed items; null keeps everything. Article files are never filtered. */
  topic: TopicFilter | null;
  /** True when an article with this canonical URL is already in the corpus (its page is not fetched). */
  knownUrl?: (canonical: string) => boolean;
}

export interface Collected {
  articles: Article[];
  /** Pages and feed items not kept, with the reason. */
  skipped: { name: string; title: string | null; reason: string }[];
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

async function readFeed(feed: ParsedFeed, name: string, deps: CollectDeps, out: Collected): Promise<void> {
  if (feed.items.length === 0) throw new UserError(`${name}: the feed has no items`);
  for (const item of feed.items) {
    const result = await readFeedItem(item, feed, deps);
    const label = item.url ?? `${name}: ${item.title ?? item.key}`;
    if (result.kind === 'article') out.articles.push(result.article);
    else out.skipped.push({ name: label, title: item.title, reason: result.kind === 'retry' ? `could not be read now (${result.reason})` : result.reason });
  }
}

function parseFeedOrFail(xml: string, name: string): ParsedFeed {
  try {
    return parseFeedXml(xml);
  } catch (error) {
    throw new UserError(`${name}: ${(error as Error).message.replace(/^feed: /, '')}`);
  }
}

async function readUrl(url: string, deps: CollectDeps, out: Collected): Promise<void> {
  let res;
  try {
    res = await fetchText(url, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });
  } catch (error) {
    if (error instanceof FetchError) throw new UserError(`cannot fetch ${error.message}`);
    throw error;
  }
  if (res.status !== 'ok') throw new UserError(`${url}: the server answered 304 Not Modified to a plain GET`);
  if (looksLikeFeed(res.body, res.contentType)) {
    await readFeed(parseFeedOrFail(res.body, url), url, deps, out);
    return;
  }
  addPage(parsePage(res.body, res.url), url, deps, out);
}

function addPage(page: ReturnType<typeof parsePage>, name: string, deps: CollectDeps, out: Collected): void {
  const result = toArticle(page, {}, name, deps.topic);
  if (result.kind === 'article') out.articles.push(result.article);
  else out.skipped.push({ name, title: page.title, reason: result.kind === 'retry' ? result.reason : result.reason });
}

async function readFile(file: string, deps: CollectDeps, out: Collected): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (!PAGE_EXTENSIONS.includes(ext) && !FEED_EXTENSIONS.includes(ext)) {
    out.articles.push(await loadArticleFile(file));
    return;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? 'unknown error'})`);
  }
  if (FEED_EXTENSIONS.includes(ext) || looksLikeFeed(text)) await readFeed(parseFeedOrFail(text, file), file, deps, out);
  else addPage(parsePage(text, null), file, deps, out);
}

/** Read every input (files, folders, URLs) in order. Bad input throws a UserError; nothing is written here. */
export async function collectSources(inputs: readonly string[], deps: CollectDeps): Promise<Collected> {
  const out: Collected = { articles: [], skipped: [] };
  const wrapped: CollectDeps = { ...deps, knownUrl: (c) => deps.knownUrl?.(c) === true || out.articles.some((a) => a.url !== null && canonicalUrl(a.url) === c) };
  for (const input of inputs) {
    if (isUrl(input)) {
      await readUrl(input, wrapped, out);
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(input);
    } catch {
      throw new UserError(`${input}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const wanted = [...ARTICLE_EXTENSIONS, ...PAGE_EXTENSIONS];
      const entries = (await fs.readdir(input)).filter((e) => wanted.includes(path.extname(e).toLowerCase())).sort();
      for (const e of entries) await readFile(path.join(input, e), wrapped, out);
    } else await readFile(input, wrapped, out);
  }
  return out;
}
