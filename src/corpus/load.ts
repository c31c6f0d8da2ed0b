/**
 * Loading article files: Markdown with YAML front matter (title, source, url, published, author),
 * or plain page text that states its own publication date.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as chrono from 'chrono-node';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors';
import type { Article, ArticleMeta } from './types';
import { cleanBody, classifyLine } from './clean';

/** File extensions taken as article files when a folder is loaded. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const isoDate = z
  .string()
  .refine(isValidIsoDate, { message: 'must be a date written YYYY-MM-DD' });

const FrontMatter = z.object({
  title: z.string().trim().min(1, { message: 'must not be empty' }),
  source: z.string().trim().min(1, { message: 'must not be empty' }),
  url: z.url({ protocol: /^https?$/ }).nullable().optional(),
  published: z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate),
  author: z.string().trim().min(1).nullable().optional(),
});

/** Tracking parameters removed before URLs are compared. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|xtor|ref|cmpid|ocid|taid|at_medium|at_campaign)$/i;

/** The URL in the form used to recognise the same article twice. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(key)) u.searchParams.delete(key);
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
    let out = u.toString();
    if (out.endsWith('/') && u.pathname !== '/') out = out.slice(0, -1);
    return out;
  } catch {
    return url.trim();
  }
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of the cleaned text, whitespace- and case-insensitive: the same story from two URLs. */
export function contentHash(body: string, title: string | null): string {
  const normalized = cleanBody(body, title).join('\n').toLowerCase().replace(/\s+/g, ' ').trim();
  return hashText(normalized);
}

/** Stable id of an article: from its canonical URL, else from its cleaned text. */
export function articleId(meta: Pick<ArticleMeta, 'url' | 'title'>, body: string): string {
  const basis = meta.url ? `url:${canonicalUrl(meta.url)}` : `text:${contentHash(body, meta.title)}`;
  return hashText(basis).slice(0, 16);
}

function splitFrontMatter(text: string): { data: string; body: string } | null {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return null;
  return { data: m[1] ?? '', body: text.slice(m[0].length) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || 'front matter';
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `"${field}" is missing`;
      return `"${field}" ${issue.message}`;
    })
    .join('; ');
}

/** A publication date stated in the page text: a dateline line such as "Fri, 11/14/2025 – 23:00". */
export function findStatedDate(body: string): string | null {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const candidates: string[] = [];
  for (const line of lines) {
    const labelled = /^(?:published|posted|updated|date)\s*:?\s*(.+)$/i.exec(line);
    if (labelled?.[1]) candidates.unshift(labelled[1]);
    else if (line.length <= 80 && classifyLine(line, null) !== 'prose') candidates.push(line);
  }
  for (const line of candidates) {
    for (const result of chrono.en.parse(line, new Date(), { forwardDate: false })) {
      const start = result.start;
      if (start.isCertain('year') && start.isCertain('month') && start.isCertain('day')) {
        const y = start.get('year');
        const mo = start.get('month');
        const d = start.get('day');
        if (y === null || mo === null || d === null) continue;
        const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        if (isValidIsoDate(iso)) return iso;
      }
    }
  }
  return null;
}

/** The headline of a page without front matter: its first line that reads like a headline. */
function findTitle(body: string): string | null {
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const words = line.split(/\s+/).length;
    if (words >= 3 && words <= 30 && line.length <= 200 && !/[.]$/.test(line)) return line;
    return null;
  }
  return null;
}

/** Parse one article file's text. `name` is used in messages (usually the path). */
export function parseArticle(text: string, name: string): Article {
  const fm = splitFrontMatter(text);
  if (fm) {
    let data: unknown;
    try {
      data = parseYaml(fm.data);
    } catch (error) {
      throw new UserError(`${name}: the front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
    if (data === null || typeof data !== 'object') throw new UserError(`${name}: the front matter is empty`);
    const parsed = FrontMatter.safeParse(data);
    if (!parsed.success) throw new UserError(`${name}: ${describeIssues(parsed.error)}`);
    const meta: ArticleMeta = {
      title: parsed.data.title,
      source: parsed.data.source,
      url: parsed.data.url ?? null,
      published: parsed.data.published,
      author: parsed.data.author ?? null,
    };
    if (!fm.body.trim()) throw new UserError(`${name}: the article has no text after its front matter`);
    return { ...meta, id: articleId(meta, fm.body), body: fm.body, origin: name };
  }
  if (!text.trim()) throw new UserError(`${name}: the file is empty`);
  const published = findStatedDate(text);
  const title = findTitle(text);
  const missing = [
    published ? null : 'a publication date ("published: YYYY-MM-DD" in front matter, or a dateline in the text)',
    title ? null : 'a title (front matter "title:", or a headline on the first line)',
  ].filter((m): m is string => m !== null);
  if (!published || !title || missing.length > 0) {
    throw new UserError(`${name}: not an article: no front matter, and the text has no ${missing.join(' and no ')}`);
  }
  const meta: ArticleMeta = { title, source: 'Unknown outlet', url: null, published, author: null };
  return { ...meta, id: articleId(meta, text), body: text, origin: name };
}

/** Load one file. Missing or unreadable files are user errors. */
export async function loadArticleFile(file: string): Promise<Article> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: no such file`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a folder`);
    throw new UserError(`${file}: cannot be read (${code ?? 'unknown error'})`);
  }
  if (text.includes('\u0000')) throw new UserError(`${file}: not an article: it is a binary file`);
  return parseArticle(text, file);
}

/** The article files named by paths: files as they are, folders by their article files (sorted). */
export async function listArticleFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      throw new UserError(`${p}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(p)).filter((e) => ARTICLE_EXTENSIONS.includes(path.extname(e).toLowerCase()));
      entries.sort();
      files.push(...entries.map((e) => path.join(p, e)));
    } else files.push(p);
  }
  return files;
}

/** Load every article under the given files and folders. */
export async function loadArticles(paths: readonly string[]): Promise<Article[]> {
  const files = await listArticleFiles(paths);
  return Promise.all(files.map((f) => loadArticleFile(f)));
}
