/**
 * The digest scheduler: with an injected clock, it finds the subscriptions that are due, asks for
 * their digest, and hands the messages to a `deliver` callback. It knows nothing of Discord.
 *
 * Exactly once, across crashes:
 * 1. Intent: the delivery, every message and each message's nonce are recorded in one transaction
 *    before anything is sent. The subscription's cursor has not moved.
 * 2. Send each message not yet recorded as sent, with its recorded nonce; record its id once accepted.
 *    A crash between Discord accepting a message and the record leaves the part unrecorded: on
 *    restart the same message goes out with the same nonce, and Discord (enforce_nonce) answers
 *    with the message it already has instead of posting another. When the first attempt is older
 *    than Discord's memory of nonces, the channel is searched for the message first (`findSent`).
 * 3. Complete: the delivery is marked sent, the cursor moves to the window's end and the next
 *    digest is scheduled, in one transaction.
 *
 * After downtime a subscription due several times over gets one digest covering the whole gap,
 * then its next slot after now. When nothing new matches, nothing is posted.
 */
import { randomBytes } from 'node:crypto';
import type { DigestAnswer } from '../answers/digest';
import { isEmptyDigest } from '../answers/digest';
import type { Logger } from '../logger';
import type { Delivery, Subscription, SubscriptionStore } from '../storage/subscriptions';
import { DeliveryError, isDeliveryError, NONCE_MAX_LENGTH, NONCE_MEMORY_MS, type Deliver } from './deliver';
import { checkLimits, renderDigest, type DigestMessage } from './render';
import { nextDueAfter } from './schedule';

/** Time, passed in (structurally the same as `src/discord/clock.ts`'s Clock). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds; must not keep the process alive. */
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

/** The window and filters of one digest. */
export interface DigestRequest {
  /** Inclusive start (ISO timestamp): the subscription's cursor. */
  since: string;
  /** Exclusive end (ISO timestamp): now. */
  until: string;
  query: string | null;
  speaker: string | null;
}

/** Builds a digest (usually `answers.digest` over the live index; see `service.ts`). */
export type ComposeDigest = (request: DigestRequest) => DigestAnswer;

/** First retry after a transient failure; doubles per attempt up to RETRY_MAX_MS. */
export const RETRY_BASE_MS = 30 * 1000;
export const RETRY_MAX_MS = 60 * 60 * 1000;
/** The timer loop wakes at least this often (new subscriptions, clock jumps). */
export const MAX_SLEEP_MS = 60 * 1000;
/** …and sleeps at least this long between runs. */
export const MIN_SLEEP_MS = 1000;

export interface SchedulerDeps {
  subscriptions: SubscriptionStore;
  clock: Clock;
  deliver: Deliver;
  compose: ComposeDigest;
  logger: Logger;
  /** Random base of nonces (default: 12 random base-36 characters). */
  nonceBase?: () => string;
  /** Test hooks at the dangerous moments of a delivery. */
  hooks?: {
    /** After Discord accepted a message, before the database records it. */
    afterSend?: (info: { deliveryId: number; part: number; messageId: string }) => void;
  };
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface RunReport {
  /** Ids of subscriptions whose digest was delivered in this run. */
  delivered: number[];
  /** Ids of due subscriptions with nothing new (nothing posted). */
  empty: number[];
  /** Ids of subscriptions paused in this run. */
  paused: number[];
  /** Ids of deliveries left for a later retry. */
  retrying: number[];
}

export function defaultNonceBase(): string {
  return BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(12, '0').slice(0, 12);
}

function pauseReason(kind: 'gone' | 'forbidden' | 'rejected', message: string): string {
  if (kind === 'gone') return `the channel no longer exists (${message})`;
  if (kind === 'forbidden') return `the bot lost access to the channel (${message})`;
  return `Discord refused the digest (${message})`;
}

export class DigestScheduler {
  private readonly log: Logger;
  private running: Promise<RunReport> | null = null;
  private timer: { cancel(): void } | null = null;
  private stopped = true;

  constructor(private readonly deps: SchedulerDeps) {
    this.log = deps.logger.child({ module: 'digest' });
  }

  /** Deliver everything due now: unfinished deliveries first, then due subscriptions. Never throws. */
  runDue(): Promise<RunReport> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runOnce(): Promise<RunReport> {
    const report: RunReport = { delivered: [], empty: [], paused: [], retrying: [] };
    const { subscriptions } = this.deps;
    try {
      for (const d of subscriptions.pendingDeliveries(this.nowIso())) await this.attempt(d, report);
      for (const sub of subscriptions.due(this.nowIso())) {
        try {
          await this.deliverDigest(sub, report);
        } catch (error) {
          const retryAt = new Date(this.deps.clock.now() + (this.deps.retryBaseMs ?? RETRY_BASE_MS)).toISOString();
          subscriptions.reschedule(sub.id, retryAt);
          this.log.error({ err: error, subscriptionId: sub.id, channelId: sub.channelId, retryAt }, 'digest: could not prepare a digest');
        }
      }
    } catch (error) {
      this.log.error({ err: error }, 'digest: scheduler run failed');
    }
    return report;
  }

  private nowIso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private nextSlot(sub: Subscription): string {
    return new Date(nextDueAfter(sub, this.deps.clock.now())).toISOString();
  }

  /** Compose the digest of a due subscription; record the intent; send. */
  private async deliverDigest(sub: Subscription, report: RunReport): Promise<void> {
    const now = this.nowIso();
    const answer = this.deps.compose({ since: sub.cursor, until: now, query: sub.query, speaker: sub.speaker });
    if (isEmptyDigest(answer)) {
      this.deps.subscriptions.reschedule(sub.id, this.nextSlot(sub));
      report.empty.push(sub.id);
      this.log.debug({ subscriptionId: sub.id, channelId: sub.channelId, since: sub.cursor }, 'digest: nothing new; nothing posted');
      return;
    }
    const base = (this.deps.nonceBase ?? defaultNonceBase)();
    const messages = renderDigest(answer, { reference: base });
    const parts = messages.map((m, i) => {
      const nonce = `${base}-${i}`.slice(0, NONCE_MAX_LENGTH);
      return { nonce, payload: JSON.stringify(m) };
    });
    const delivery = this.deps.subscriptions.createDelivery(
      { subscriptionId: sub.id, channelId: sub.channelId, windowFrom: sub.cursor, windowTo: now, parts },
      now,
    );
    this.log.info({ subscriptionId: sub.id, channelId: sub.channelId, deliveryId: delivery.id, articles: answer.articles.length, messages: parts.length }, 'digest: delivering');
    await this.attempt(delivery, report);
  }

  /** Send every message of a delivery not yet recorded as sent; complete, retry later, or pause. */
  private async attempt(delivery: Delivery, report: RunReport): Promise<void> {
    const { subscriptions, deliver, clock } = this.deps;
    const sub = subscriptions.byId(delivery.subscriptionId);
    if (!sub) return;
    const log = this.log.child({ subscriptionId: sub.id, channelId: delivery.channelId, deliveryId: delivery.id });
    try {
      for (const part of delivery.parts) {
        if (part.messageId) continue;
        const message = JSON.parse(part.payload) as DigestMessage;
        const invalid = checkLimits(message);
        if (invalid) throw new DeliveryError('rejected', `a rendered message breaks Discord's limits: ${invalid}`);
        let messageId: string | null = null;
        if (part.firstAttemptAt && deliver.findSent && clock.now() - Date.parse(part.firstAttemptAt) > NONCE_MEMORY_MS) {
          const footer = message.embeds[message.embeds.length - 1]?.footer?.text;
          if (footer) messageId = await deliver.findSent(delivery.channelId, footer, part.firstAttemptAt);
          if (messageId) log.info({ part: part.part, messageId }, 'digest: message found already posted; not sending it again');
        }
        if (!messageId) {
          subscriptions.markAttempt(delivery.id, part.part, this.nowIso());
          messageId = (await deliver.send(delivery.channelId, message, part.nonce)).messageId;
          this.deps.hooks?.afterSend?.({ deliveryId: delivery.id, part: part.part, messageId });
        }
        subscriptions.markPartSent(delivery.id, part.part, messageId, this.nowIso());
      }
      subscriptions.completeDelivery(delivery.id, this.nowIso(), this.nextSlot(sub));
      report.delivered.push(sub.id);
      log.info({ messages: delivery.parts.length }, 'digest: delivered');
    } catch (error) {
      if (isDeliveryError(error) && error.kind !== 'transient') {
        const reason = pauseReason(error.kind, error.message);
        subscriptions.failDelivery(delivery.id, reason, this.nowIso());
        report.paused.push(sub.id);
        log.warn({ reason }, 'digest: subscription paused');
        return;
      }
      const attempts = delivery.attempts + 1;
      const base = this.deps.retryBaseMs ?? RETRY_BASE_MS;
      let wait = Math.min(base * 2 ** (attempts - 1), this.deps.retryMaxMs ?? RETRY_MAX_MS);
      if (isDeliveryError(error) && error.retryAfterMs !== null) wait = Math.max(wait, error.retryAfterMs);
      const message = error instanceof Error ? error.message : String(error);
      subscriptions.retryLater(delivery.id, message, new Date(clock.now() + wait).toISOString());
      report.retrying.push(delivery.id);
      if (isDeliveryError(error)) log.warn({ attempts, retryInMs: wait, error: message }, 'digest: delivery failed; will retry');
      else log.error({ err: error, attempts, retryInMs: wait }, 'digest: delivery failed unexpectedly; will retry');
    }
  }

  /** Run on a timer until `stop()`: at every due time and retry time, and at least every minute. The first run is immediate. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = this.deps.clock.setTimeout(() => {
      void this.runDue().then(() => this.schedule(this.sleepMs()));
    }, ms);
  }

  /** Milliseconds until the next due time or retry, at most MAX_SLEEP_MS. */
  sleepMs(): number {
    const now = this.deps.clock.now();
    const times = [this.deps.subscriptions.nextDue(), this.deps.subscriptions.nextRetry()].filter((t): t is string => t !== null).map((t) => Date.parse(t));
    return Math.max(MIN_SLEEP_MS, Math.min(MAX_SLEEP_MS, ...times.map((t) => t - now)));
  }
}
