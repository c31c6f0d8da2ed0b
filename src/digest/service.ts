/**
 * What the `/digest` command calls: plain functions over the subscription store, returning plain
 * data (the command renders it). Subscribe, unsubscribe, status, preview; and `composeDigest`,
 * which builds a subscription's digest over the live index for the scheduler.
 */
import { digest, type DigestAnswer } from '../answers/digest';
import { parseQuery } from '../answers/options';
import type { Article } from '../corpus/types';
import { UserError } from '../errors';
import type { CorpusIndex } from '../search/index';
import type { Delivery, Subscription, SubscriptionStore } from '../storage/subscriptions';
import { renderDigest, type DigestMessage } from './render';
import type { ComposeDigest } from './scheduler';
import { describeSchedule, nextDueAfter, parseSchedule, scheduleSpec, type ScheduleSpec } from './schedule';

/** Longest speaker filter accepted. */
export const SPEAKER_FILTER_MAX = 100;

export interface DigestServiceDeps {
  subscriptions: SubscriptionStore;
  /** Milliseconds since the epoch (from the injected clock). */
  now: number;
}

export interface SubscribeRequest {
  guildId: string | null;
  channelId: string;
  /** The user subscribing the channel. */
  userId: string | null;
  /** "daily" (default) or "weekly". */
  schedule?: string | null;
  /** HH:MM UTC (default 08:00). */
  time?: string | null;
  /** Weekly only: a weekday name (default: today's weekday, UTC). */
  day?: string | null;
  /** Only articles holding these words. */
  query?: string | null;
  /** Only articles quoting this speaker. */
  speaker?: string | null;
}

export interface SubscribeResult {
  subscription: Subscription;
  /** False when the channel was already subscribed (its schedule and filters were changed). */
  created: boolean;
  /** "daily at 08:00 UTC". */
  schedule: string;
  /** When the first (next) digest is due, ISO timestamp. */
  nextDeliveryAt: string;
}

export interface DigestStatus {
  channelId: string;
  /** "weekly on Monday at 08:00 UTC". */
  schedule: string;
  spec: ScheduleSpec;
  query: string | null;
  speaker: string | null;
  /** New articles are those that arrived since this instant (the end of the last digest). */
  since: string;
  /** When the next digest is due; null while paused. */
  nextDeliveryAt: string | null;
  /** When the last digest was delivered, and how many messages it took. */
  lastDelivery: { at: string; messages: number } | null;
  /** Why deliveries stopped (channel gone, access lost), and since when; null when active. */
  paused: { at: string; reason: string } | null;
  /** A delivery under way that failed and will be retried. */
  retrying: { attempts: number; lastError: string | null; nextAttemptAt: string } | null;
}

export interface DigestPreview {
  answer: DigestAnswer;
  /** The messages the digest would post now; [] when nothing is new. */
  messages: DigestMessage[];
  /** True when the channel is subscribed (the preview uses its cursor and filters). */
  subscribed: boolean;
}

function filters(query: string | null | undefined, speaker: string | null | undefined): { query: string | null; speaker: string | null } {
  const q = query && query.trim() ? parseQuery(query, 'query') : null;
  const s = speaker?.replace(/\s+/g, ' ').trim() || null;
  if (s !== null && s.length > SPEAKER_FILTER_MAX) throw new UserError(`the speaker is too long (${s.length} characters; at most ${SPEAKER_FILTER_MAX})`);
  return { query: q, speaker: s };
}

/** Subscribe a channel (or change its subscription). A new subscription starts now: no back catalogue. */
export function subscribeChannel(deps: DigestServiceDeps, request: SubscribeRequest): SubscribeResult {
  const spec = scheduleSpec({ schedule: request.schedule ?? null, time: request.time ?? null, weekday: request.day ?? null }, deps.now);
  const f = filters(request.query, request.speaker);
  const now = new Date(deps.now).toISOString();
  const nextDueAt = new Date(nextDueAfter(spec, deps.now)).toISOString();
  const { subscription, created } = deps.subscriptions.subscribe(
    { guildId: request.guildId, channelId: request.channelId, createdBy: request.userId, ...spec, ...f },
    now,
    nextDueAt,
  );
  return { subscription, created, schedule: describeSchedule(spec), nextDeliveryAt: subscription.nextDueAt };
}

/** Stop a channel's digests. Throws a UserError when the channel is not subscribed. */
export function unsubscribeChannel(deps: Pick<DigestServiceDeps, 'subscriptions'>, channelId: string): void {
  if (!deps.subscriptions.unsubscribe(channelId)) throw new UserError('this channel has no digest subscription');
}

function lastSent(deliveries: SubscriptionStore, sub: Subscription): Delivery | null {
  return deliveries.lastDelivery(sub.id, 'sent');
}

/** A channel's subscription as a person wants to see it, or null when the channel is not subscribed. */
export function digestStatus(deps: Pick<DigestServiceDeps, 'subscriptions'>, channelId: string): DigestStatus | null {
  const sub = deps.subscriptions.get(channelId);
  if (!sub) return null;
  const last = lastSent(deps.subscriptions, sub);
  const pending = deps.subscriptions.lastDelivery(sub.id, 'pending');
  return {
    channelId: sub.channelId,
    schedule: describeSchedule(sub),
    spec: { schedule: sub.schedule, time: sub.time, weekday: sub.weekday },
    query: sub.query,
    speaker: sub.speaker,
    since: sub.cursor,
    nextDeliveryAt: sub.pausedAt ? null : sub.nextDueAt,
    lastDelivery: last ? { at: last.finishedAt ?? last.createdAt, messages: last.parts.length } : null,
    paused: sub.pausedAt ? { at: sub.pausedAt, reason: sub.pausedReason ?? 'paused' } : null,
    retrying: pending && pending.attempts > 0 ? { attempts: pending.attempts, lastError: pending.lastError, nextAttemptAt: pending.nextAttemptAt } : null,
  };
}

export interface PreviewRequest {
  channelId: string;
  /** For a channel not subscribed: the filters and schedule to preview (window: the last day or week). */
  query?: string | null;
  speaker?: string | null;
  schedule?: string | null;
}

/**
 * What the channel's next digest would contain if it were sent now (cursor to now, its filters);
 * for a channel not subscribed, what a digest with the given filters would have contained over the
 * last day (daily) or week (weekly). Nothing is sent and nothing changes.
 */
export function previewDigest(deps: DigestServiceDeps & { compose: ComposeDigest }, request: PreviewRequest): DigestPreview {
  const sub = deps.subscriptions.get(request.channelId);
  const until = new Date(deps.now).toISOString();
  let answer: DigestAnswer;
  if (sub) {
    answer = deps.compose({ since: sub.cursor, until, query: sub.query, speaker: sub.speaker });
  } else {
    const period = parseSchedule(request.schedule) === 'weekly' ? 7 : 1;
    const since = new Date(deps.now - period * 24 * 60 * 60 * 1000).toISOString();
    answer = deps.compose({ since, until, ...filters(request.query, request.speaker) });
  }
  return { answer, messages: renderDigest(answer), subscribed: sub !== null };
}

/**
 * The scheduler's `compose`: `answers.digest` over the current index, where an article is new when
 * it was ingested (stored in the database) inside the window; seeds never are.
 */
export function composeDigest(source: { index: () => CorpusIndex; arrivals: () => ReadonlyMap<string, string> }): ComposeDigest {
  return (request) => {
    const arrivals = source.arrivals();
    return digest(source.index(), {
      since: request.since,
      until: request.until,
      query: request.query,
      speaker: request.speaker,
      arrivedAt: (a: Article) => arrivals.get(a.id) ?? null,
    });
  };
}
