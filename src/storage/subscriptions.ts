/**
 * Digest subscriptions (one per channel), their cursors, and delivery records, in the SQLite
 * database. A delivery is recorded, with every message it will send and each message's nonce,
 * before anything is sent (the intent); each message accepted by Discord is recorded as sent; the
 * delivery completes, and the subscription's cursor moves, in one transaction.
 *
 * Times are ISO timestamps (`Date.toISOString()`), so they compare as strings.
 */
import type Database from 'better-sqlite3';
import type { Schedule } from '../digest/schedule';

export interface Subscription {
  id: number;
  guildId: string | null;
  channelId: string;
  /** Who subscribed the channel (a user id), when known. */
  createdBy: string | null;
  schedule: Schedule;
  /** HH:MM, UTC. */
  time: string;
  /** 0 (Sunday) – 6; weekly only. */
  weekday: number | null;
  query: string | null;
  speaker: string | null;
  /** Articles that arrived at or after this instant are new to the channel. */
  cursor: string;
  /** When the next digest is due. */
  nextDueAt: string;
  createdAt: string;
  lastDeliveredAt: string | null;
  /** Set when deliveries stopped (channel gone, access lost); cleared by subscribing again. */
  pausedAt: string | null;
  pausedReason: string | null;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface DeliveryPart {
  part: number;
  /** Discord message nonce (at most 25 characters), the same on every attempt. */
  nonce: string;
  /** The message as JSON (a `DigestMessage`). */
  payload: string;
  /** First time the message was handed to Discord, or null. */
  firstAttemptAt: string | null;
  /** Discord's message id once it was accepted. */
  messageId: string | null;
  sentAt: string | null;
}

export interface Delivery {
  id: number;
  subscriptionId: number;
  channelId: string;
  /** The window of arrivals the digest covers: [from, to). */
  windowFrom: string;
  windowTo: string;
  status: DeliveryStatus;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  finishedAt: string | null;
  parts: DeliveryPart[];
}

export interface SubscribeInput {
  guildId: string | null;
  channelId: string;
  createdBy: string | null;
  schedule: Schedule;
  time: string;
  weekday: number | null;
  query: string | null;
  speaker: string | null;
}

interface SubscriptionRow {
  id: number;
  guild_id: string | null;
  channel_id: string;
  created_by: string | null;
  schedule: Schedule;
  time: string;
  weekday: number | null;
  query: string | null;
  speaker: string | null;
  cursor: string;
  next_due_at: string;
  created_at: string;
  last_delivered_at: string | null;
  paused_at: string | null;
  paused_reason: string | null;
}

interface DeliveryRow {
  id: number;
  subscription_id: number;
  channel_id: string;
  window_from: string;
  window_to: string;
  status: DeliveryStatus;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  finished_at: string | null;
}

interface PartRow {
  delivery_id: number;
  part: number;
  nonce: string;
  payload: string;
  first_attempt_at: string | null;
  message_id: string | null;
  sent_at: string | null;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    createdBy: r.created_by,
    schedule: r.schedule,
    time: r.time,
    weekday: r.weekday,
    query: r.query,
    speaker: r.speaker,
    cursor: r.cursor,
    nextDueAt: r.next_due_at,
    createdAt: r.created_at,
    lastDeliveredAt: r.last_delivered_at,
    pausedAt: r.paused_at,
    pausedReason: r.paused_reason,
  };
}

function toPart(r: PartRow): DeliveryPart {
  return { part: r.part, nonce: r.nonce, payload: r.payload, firstAttemptAt: r.first_attempt_at, messageId: r.message_id, sentAt: r.sent_at };
}

export class SubscriptionStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Subscribe a channel. A new subscription starts at `now` (no back catalogue). Subscribing a
   * channel again changes its schedule and filters and resumes it if paused; its cursor stays, so
   * nothing that arrived since its last digest is lost.
   */
  subscribe(input: SubscribeInput, now: string, nextDueAt: string): { subscription: Subscription; created: boolean } {
    const run = this.db.transaction(() => {
      const existing = this.get(input.channelId);
      if (existing) {
        this.db
          .prepare(
            `UPDATE subscriptions SET guild_id = @guild_id, schedule = @schedule, time = @time, weekday = @weekday, query = @query,
               speaker = @speaker, next_due_at = @next_due_at, paused_at = NULL, paused_reason = NULL WHERE id = @id`,
          )
          .run({ ...this.params(input), next_due_at: nextDueAt, id: existing.id });
        return { subscription: this.byId(existing.id)!, created: false };
      }
      const info = this.db
        .prepare(
          `INSERT INTO subscriptions (guild_id, channel_id, created_by, schedule, time, weekday, query, speaker, cursor, next_due_at, created_at)
           VALUES (@guild_id, @channel_id, @created_by, @schedule, @time, @weekday, @query, @speaker, @cursor, @next_due_at, @created_at)`,
        )
        .run({ ...this.params(input), channel_id: input.channelId, created_by: input.createdBy, cursor: now, next_due_at: nextDueAt, created_at: now });
      return { subscription: this.byId(Number(info.lastInsertRowid))!, created: true };
    });
    return run();
  }

  private params(input: SubscribeInput): Record<string, string | number | null> {
    return { guild_id: input.guildId, schedule: input.schedule, time: input.time, weekday: input.weekday, query: input.query, speaker: input.speaker };
  }

  /** Remove a channel's subscription and its delivery records. False when there was none. */
  unsubscribe(channelId: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE channel_id = ?').run(channelId).changes > 0;
  }

  get(channelId: string): Subscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE channel_id = ?').get(channelId) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  byId(id: number): Subscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  list(): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY id').all() as SubscriptionRow[]).map(toSubscription);
  }

  /** Subscriptions due at `now`: not paused, and without a delivery under way. */
  due(now: string): Subscription[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM subscriptions s WHERE paused_at IS NULL AND next_due_at <= ?
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending')
         ORDER BY next_due_at, id`,
      )
      .all(now) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  /** The earliest next-due time of an active subscription, or null. */
  nextDue(): string | null {
    const row = this.db
      .prepare(
        `SELECT MIN(next_due_at) AS t FROM subscriptions s WHERE paused_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending')`,
      )
      .get() as { t: string | null };
    return row.t;
  }

  reschedule(id: number, nextDueAt: string): void {
    this.db.prepare('UPDATE subscriptions SET next_due_at = ? WHERE id = ?').run(nextDueAt, id);
  }

  pause(id: number, reason: string, now: string): void {
    this.db.prepare('UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE id = ?').run(now, reason, id);
  }

  // -- deliveries ----------------------------------------------------------------------------

  /** Record the intent to deliver: the delivery and every message with its nonce, before sending. */
  createDelivery(input: { subscriptionId: number; channelId: string; windowFrom: string; windowTo: string; parts: { nonce: string; payload: string }[] }, now: string): Delivery {
    const run = this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO deliveries (subscription_id, channel_id, window_from, window_to, status, created_at, next_attempt_at)
           VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .run(input.subscriptionId, input.channelId, input.windowFrom, input.windowTo, now, now);
      const id = Number(info.lastInsertRowid);
      const insert = this.db.prepare('INSERT INTO delivery_parts (delivery_id, part, nonce, payload) VALUES (?, ?, ?, ?)');
      input.parts.forEach((p, i) => insert.run(id, i, p.nonce, p.payload));
      return id;
    });
    return this.delivery(run())!;
  }

  delivery(id: number): Delivery | null {
    const row = this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return row ? this.withParts(row) : null;
  }

  private withParts(row: DeliveryRow): Delivery {
    const parts = (this.db.prepare('SELECT * FROM delivery_parts WHERE delivery_id = ? ORDER BY part').all(row.id) as PartRow[]).map(toPart);
    return {
      id: row.id,
      subscriptionId: row.subscription_id,
      channelId: row.channel_id,
      windowFrom: row.window_from,
      windowTo: row.window_to,
      status: row.status,
      createdAt: row.created_at,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error,
      finishedAt: row.finished_at,
      parts,
    };
  }

  /** Deliveries recorded but not finished, whose next attempt is due at `now` (all when `now` is null). */
  pendingDeliveries(now: string | null = null): Delivery[] {
    const rows = (
      now === null
        ? this.db.prepare(`SELECT * FROM deliveries WHERE status = 'pending' ORDER BY id`).all()
        : this.db.prepare(`SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id`).all(now)
    ) as DeliveryRow[];
    return rows.map((r) => this.withParts(r));
  }

  /** The earliest retry time of a pending delivery, or null. */
  nextRetry(): string | null {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM deliveries WHERE status = 'pending'`).get() as { t: string | null };
    return row.t;
  }

  /** Note that a message is about to be handed to Discord (first time only). */
  markAttempt(deliveryId: number, part: number, now: string): void {
    this.db.prepare('UPDATE delivery_parts SET first_attempt_at = COALESCE(first_attempt_at, ?) WHERE delivery_id = ? AND part = ?').run(now, deliveryId, part);
  }

  markPartSent(deliveryId: number, part: number, messageId: string, now: string): void {
    this.db.prepare('UPDATE delivery_parts SET message_id = ?, sent_at = ? WHERE delivery_id = ? AND part = ?').run(messageId, now, deliveryId, part);
  }

  /** Every message was accepted: the delivery is done, the cursor moves to its window's end, and the next digest is scheduled. */
  completeDelivery(deliveryId: number, now: string, nextDueAt: string): void {
    const run = this.db.transaction(() => {
      const d = this.delivery(deliveryId);
      if (!d || d.status !== 'pending') return;
      this.db.prepare(`UPDATE deliveries SET status = 'sent', finished_at = ?, last_error = NULL WHERE id = ?`).run(now, deliveryId);
      this.db
        .prepare(
          `UPDATE subscriptions SET cursor = MAX(cursor, ?), last_delivered_at = ?,
             next_due_at = CASE WHEN next_due_at > ? THEN next_due_at ELSE ? END WHERE id = ?`,
        )
        .run(d.windowTo, now, now, nextDueAt, d.subscriptionId);
    });
    run();
  }

  /** A transient failure: try again at `nextAttemptAt`. */
  retryLater(deliveryId: number, error: string, nextAttemptAt: string): void {
    this.db.prepare('UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptAt, deliveryId);
  }

  /**
   * A permanent failure: the delivery is given up and its subscription paused with `reason`. The
   * cursor does not move, so the digest resumes from the same point when the channel subscribes again.
   */
  failDelivery(deliveryId: number, reason: string, now: string): void {
    const run = this.db.transaction(() => {
      const d = this.delivery(deliveryId);
      if (!d) return;
      this.db.prepare(`UPDATE deliveries SET status = 'failed', finished_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?`).run(now, reason, deliveryId);
      this.pause(d.subscriptionId, reason, now);
    });
    run();
  }

  /** The most recent delivery of a subscription, or null. */
  lastDelivery(subscriptionId: number, status: DeliveryStatus | null = null): Delivery | null {
    const row = (
      status === null
        ? this.db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT 1').get(subscriptionId)
        : this.db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? AND status = ? ORDER BY id DESC LIMIT 1').get(subscriptionId, status)
    ) as DeliveryRow | undefined;
    return row ? this.withParts(row) : null;
  }

  deliveries(subscriptionId: number): Delivery[] {
    const rows = this.db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY id').all(subscriptionId) as DeliveryRow[];
    return rows.map((r) => this.withParts(r));
  }
}
