/**
 * The database schema, as an append-only list of migrations: entry N brings a database from
 * `user_version` N to N+1. Never edit an entry that has shipped; add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: ingested articles.
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     source TEXT NOT NULL,
     url TEXT,
     canonical_url TEXT UNIQUE,
     content_hash TEXT NOT NULL UNIQUE,
     published TEXT NOT NULL,
     author TEXT,
     body TEXT NOT NULL,
     origin TEXT NOT NULL,
     ingested_at TEXT NOT NULL
   )`,
];
