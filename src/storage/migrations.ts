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
  // 2: feeds and their seen items; digest subscriptions, their delivery records and sent parts.
  `CREATE TABLE feeds (
     url TEXT PRIMARY KEY,
     etag TEXT,
     last_modified TEXT,
     first_polled_at TEXT,
     last_polled_at TEXT,
     last_success_at TEXT,
     last_new_article_at TEXT,
     last_error TEXT,
     last_error_at TEXT,
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     next_poll_at TEXT
   );
   CREATE TABLE feed_items (
     feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
     item_key TEXT NOT NULL,
     seen_at TEXT NOT NULL,
     outcome TEXT NOT NULL,
     article_id TEXT,
     PRIMARY KEY (feed_url, item_key)
   );
   CREATE TABLE subscriptions (
     id INTEGER PRIMARY KEY,
     guild_id TEXT,
     channel_id TEXT NOT NULL UNIQUE,
     created_by TEXT,
     schedule TEXT NOT NULL CHECK (schedule IN ('daily', 'weekly')),
     time TEXT NOT NULL,
     weekday INTEGER CHECK (weekday BETWEEN 0 AND 6),
     query TEXT,
     speaker TEXT,
     cursor TEXT NOT NULL,
     next_due_at TEXT NOT NULL,
     created_at TEXT NOT NULL,
     last_delivered_at TEXT,
     paused_at TEXT,
     paused_reason TEXT
   );
   CREATE TABLE deliveries (
     id INTEGER PRIMARY KEY,
     subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
     channel_id TEXT NOT NULL,
     window_from TEXT NOT NULL,
     window_to TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
     created_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     last_error TEXT,
     finished_at TEXT
   );
   CREATE UNIQUE INDEX one_pending_delivery ON deliveries(subscription_id) WHERE status = 'pending';
   CREATE TABLE delivery_parts (
     delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
     part INTEGER NOT NULL,
     nonce TEXT NOT NULL UNIQUE,
     payload TEXT NOT NULL,
     first_attempt_at TEXT,
     message_id TEXT,
     sent_at TEXT,
     PRIMARY KEY (delivery_id, part)
   )`,
];
