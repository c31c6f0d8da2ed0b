/**
 * The SQLite database in the data folder: ingested articles (and, later, subscriptions and
 * delivery records). One file, `parley.db`, opened with WAL so a crash loses nothing committed.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../corpus/types';
import { canonicalUrl, contentHash } from '../corpus/load';
import { MIGRATIONS } from './migrations';

/** File name of the database inside the data folder. */
export const DATABASE_FILE = 'parley.db';


export interface IngestResult {
  added: Article[];
  /** Articles already in the corpus, with the reason ("same URL", "same text"). */
  skipped: { article: Article; reason: string }[];
}

interface ArticleRow {
  id: string;
  title: string;
  source: string;
  url: string | null;
  published: string;
  author: string | null;
  body: string;
  origin: string;
}

export class Store {
  readonly db: Database.Database;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Open (creating if needed) the database in `dataDir`, and bring its schema up to date. */
  static open(dataDir: string): Store {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const store = new Store(db);
    store.migrate();
    return store;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    const apply = this.db.transaction(() => {
      for (let v = version; v < MIGRATIONS.length; v += 1) this.db.exec(MIGRATIONS[v]!);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    });
    if (version < MIGRATIONS.length) apply();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  articles(): Article[] {
    const rows = this.db
      .prepare('SELECT id, title, source, url, published, author, body, origin FROM articles ORDER BY published, id')
      .all() as ArticleRow[];
    return rows.map((r) => ({ ...r, origin: r.origin }));
  }

  /**
   * Add articles in one transaction: all or nothing. An article whose canonical URL or cleaned-text
   * hash is already stored, or is among `existing` (the seeds), is skipped, not duplicated.
   */
  ingest(articles: readonly Article[], existing: readonly Article[] = [], now: Date = new Date()): IngestResult {
    const result: IngestResult = { added: [], skipped: [] };
    const seenUrls = new Map<string, string>();
    const seenHashes = new Map<string, string>();
    for (const a of existing) {
      if (a.url) seenUrls.set(canonicalUrl(a.url), a.title);
      seenHashes.set(contentHash(a.body, a.title), a.title);
    }
    const byUrl = this.db.prepare('SELECT title FROM articles WHERE canonical_url = ?');
    const byHash = this.db.prepare('SELECT title FROM articles WHERE content_hash = ?');
    const insert = this.db.prepare(
      `INSERT INTO articles (id, title, source, url, canonical_url, content_hash, published, author, body, origin, ingested_at)
       VALUES (@id, @title, @source, @url, @canonical_url, @content_hash, @published, @author, @body, @origin, @ingested_at)`,
    );
    const run = this.db.transaction(() => {
      for (const a of articles) {
        const canonical = a.url ? canonicalUrl(a.url) : null;
        const hash = contentHash(a.body, a.title);
        const sameUrl = canonical ? (seenUrls.get(canonical) ?? (byUrl.get(canonical) as { title: string } | undefined)?.title) : undefined;
        if (sameUrl !== undefined) {
          result.skipped.push({ article: a, reason: 'same URL as an article already in the corpus' });
          continue;
        }
        const sameText = seenHashes.get(hash) ?? (byHash.get(hash) as { title: string } | undefined)?.title;
        if (sameText !== undefined) {
          result.skipped.push({ article: a, reason: 'same text as an article already in the corpus' });
          continue;
        }
        insert.run({
          id: a.id,
          title: a.title,
          source: a.source,
          url: a.url,
          canonical_url: canonical,
          content_hash: hash,
          published: a.published,
          author: a.author,
          body: a.body,
          origin: `db:${a.id}`,
          ingested_at: now.toISOString(),
        });
        if (canonical) seenUrls.set(canonical, a.title);
        seenHashes.set(hash, a.title);
        result.added.push({ ...a, origin: `db:${a.id}` });
      }
    });
    run();
    return result;
  }
}
