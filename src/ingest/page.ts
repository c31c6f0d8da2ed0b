/**
 * A web page as an article: its text from @mozilla/readability (over linkedom's DOM), its title,
 * outlet, date, author and canonical link from the page's metadata, in this order of trust:
 *
 * - title: og:title, twitter:title, JSON-LD headline, <title>, Readability's title;
 * - outlet: og:site_name, JSON-LD publisher.name, application-name, Readability's site name,
 *   else the host name (www. removed);
 * - date: article:published_time, JSON-LD datePublished, itemprop=datePublished, meta name=date
 *   (and pubdate, publishdate, dc.date, dcterms.created, parsely-pub-date, sailthru.date …),
 *   <time datetime> (one marked pubdate first), else a dateline in the text;
 * - link: <link rel=canonical>, og:url, else the address it was fetched from.
 *
 * A date is the calendar day as the page writes it ("2025-11-14T23:30:00+02:00" is 2025-11-14).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { findStatedDate, isValidIsoDate } from '../corpus/load';

export interface ParsedPage {
  title: string | null;
  /** The outlet. */
  source: string | null;
  /** YYYY-MM-DD, or null when the page does not say. */
  published: string | null;
  author: string | null;
  /** The page's canonical link (absolute), or the address it came from, or null. */
  url: string | null;
  /** The article's text, one paragraph per line. */
  text: string;
}

type Doc = ReturnType<typeof parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

/** `name`/`property` values of <meta> tags holding the publication date, most trusted first. */
const DATE_META = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_time',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.date',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'original-publish-date',
];

/** A date string as a calendar day YYYY-MM-DD, or null. */
export function toIsoDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const direct = /^(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(v);
  if (direct?.[1]) return isValidIsoDate(direct[1]) ? direct[1] : null;
  if (/^\d{8}$/.test(v)) {
    const d = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    return isValidIsoDate(d) ? d : null;
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const day = new Date(ms).toISOString().slice(0, 10);
  return day >= '1990-01-01' ? day : null;
}

function clean(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function metas(doc: Doc): { name: string; content: string }[] {
  return [...doc.querySelectorAll('meta')]
    .map((el) => ({
      name: (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase(),
      content: clean(el.getAttribute('content')) ?? '',
    }))
    .filter((m) => m.name !== '' && m.content !== '');
}

/** The content of the first <meta> named (name, property or itemprop) by one of `keys`, in the order of `keys`. */
function meta(doc: Doc, ...keys: string[]): string | null {
  const all = metas(doc);
  for (const key of keys) {
    const found = all.find((m) => m.name === key);
    if (found) return found.content;
  }
  return null;
}

/** The first of the `keys` metas that holds a date. */
function metaDate(doc: Doc, keys: readonly string[]): string | null {
  const all = metas(doc);
  for (const key of keys) {
    for (const m of all) if (m.name === key) {
      const day = toIsoDay(m.content);
      if (day) return day;
    }
  }
  return null;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON-LD objects of a page that describe an article (NewsArticle, Article, BlogPosting …). */
function jsonLdArticles(doc: Doc): { [key: string]: Json }[] {
  const out: { [key: string]: Json }[] = [];
  const visit = (v: Json | undefined): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      const type = v['@type'];
      const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
      if (types.some((t) => /Article$|^BlogPosting$|^Report/.test(t))) out.push(v);
      visit(v['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      // A page's broken JSON-LD is its problem; other metadata still counts.
    }
  }
  return out;
}

function nameOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return v.map(nameOf).filter((n): n is string => n !== null).join(', ') || null;
  if (isObject(v)) return typeof v['name'] === 'string' ? clean(v['name']) : null;
  return null;
}

function str(v: Json | undefined): string | null {
  return typeof v === 'string' ? clean(v) : null;
}

function timeElementDate(doc: Doc): string | null {
  const times: El[] = [
    ...doc.querySelectorAll('time[pubdate][datetime]'),
    ...doc.querySelectorAll('[itemprop="datePublished"]'),
    ...doc.querySelectorAll('article time[datetime], header time[datetime]'),
    ...doc.querySelectorAll('time[datetime]'),
  ];
  for (const t of times) {
    const day = toIsoDay(t.getAttribute('datetime') ?? t.getAttribute('content'));
    if (day) return day;
  }
  return null;
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return /^https?:$/.test(u.protocol) ? u.toString() : null;
  } catch {
    return null;
  }
}

function hostName(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'HEADER', 'FOOTER', 'ASIDE', 'DD', 'DT']);

/** The text of an HTML fragment, one paragraph (block element) per line. */
export function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const lines: string[] = [];
  let line = '';
  const flush = (): void => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  type NodeLike = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<NodeLike> };
  const walk = (node: NodeLike): void => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (name === 'SCRIPT' || name === 'STYLE' || name === 'NOSCRIPT' || name === 'TEMPLATE') return;
    if (name === 'BR') {
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(document.body as unknown as NodeLike);
  flush();
  return lines.join('\n\n');
}

/** Read a page: metadata first (Readability changes the document), then the article's text. */
export function parsePage(html: string, pageUrl: string | null = null): ParsedPage {
  const { document } = parseHTML(html);
  const ld = jsonLdArticles(document);
  const fromLd = (key: string): string | null => ld.map((o) => str(o[key])).find((v) => v !== null) ?? null;

  const url =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, pageUrl) ??
    absolute(meta(document, 'og:url'), pageUrl) ??
    (pageUrl && /^https?:/.test(pageUrl) ? pageUrl : null);
  let title = meta(document, 'og:title', 'twitter:title') ?? fromLd('headline') ?? clean(document.querySelector('title')?.textContent);
  let source = meta(document, 'og:site_name') ?? ld.map((o) => nameOf(o['publisher'])).find((v) => v !== null) ?? meta(document, 'application-name');
  let published = metaDate(document, DATE_META.slice(0, 2)) ?? toIsoDay(fromLd('datePublished'));
  published ??= metaDate(document, DATE_META.slice(2)) ?? timeElementDate(document);
  let author = meta(document, 'author', 'article:author', 'sailthru.author', 'parsely-author') ?? ld.map((o) => nameOf(o['author'])).find((v) => v !== null) ?? null;
  if (author && /^https?:\/\//.test(author)) author = null;

  const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 });
  const parsed = reader.parse();
  const text = parsed?.content ? htmlToText(parsed.content) : htmlToText(document.body?.innerHTML ?? '');
  title ??= clean(parsed?.title);
  source ??= clean(parsed?.siteName) ?? hostName(url);
  published ??= toIsoDay(parsed?.publishedTime) ?? findStatedDate(text);
  author ??= clean(parsed?.byline);
  if (title && source && title.endsWith(` - ${source}`)) title = title.slice(0, -(source.length + 3));
  if (title && source && title.endsWith(` | ${source}`)) title = title.slice(0, -(source.length + 3));
  return { title, source, published, author, url, text };
}
