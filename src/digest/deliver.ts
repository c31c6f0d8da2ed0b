/**
 * The delivery medium behind an interface: the scheduler knows nothing of Discord. The Discord
 * implementation is `src/discord/deliver.ts`; tests hand in fakes.
 */
import type { DigestMessage } from './render';

/** Why a message could not be delivered, as far as the scheduler cares. */
export type DeliveryFailureKind =
  /** The channel no longer exists (404): the subscription is paused. */
  | 'gone'
  /** The bot lost access to the channel (403): the subscription is paused. */
  | 'forbidden'
  /** The message was refused as invalid (400): retrying cannot help; the subscription is paused. */
  | 'rejected'
  /** 5xx, 429 after retries, timeouts, network errors: retried later with backoff. */
  | 'transient';

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
    /** For transient failures: how long the medium asked us to wait, when it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export function isDeliveryError(error: unknown): error is DeliveryError {
  return error instanceof DeliveryError;
}

export interface Deliver {
  /**
   * Post one message to a channel; resolves with the id of the message. Idempotent per `nonce`:
   * sending the same nonce again (after a crash) must not post a second message while the medium
   * remembers the nonce (Discord: `enforce_nonce`, a few minutes). Throws a `DeliveryError` for
   * failures it recognises.
   */
  send(channelId: string, message: DigestMessage, nonce: string): Promise<{ messageId: string }>;
  /**
   * Optional: the id of a message this bot posted in the channel since `after` (ISO timestamp)
   * whose last embed's footer reads exactly `footer`, or null. Used when resuming a delivery whose
   * nonce the medium may have forgotten (the first attempt is older than `nonceMemoryMs`).
   */
  findSent?(channelId: string, footer: string, after: string): Promise<string | null>;
}

/** How long Discord is trusted to remember a nonce (it says "a few minutes"). */
export const NONCE_MEMORY_MS = 4 * 60 * 1000;
/** Discord's limit on a nonce's length. */
export const NONCE_MAX_LENGTH = 25;
