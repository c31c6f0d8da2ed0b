/**
 * Digest delivery through Discord's REST API (`POST /channels/:id/messages`), idempotent per
 * nonce: every message carries its recorded nonce with `enforce_nonce: true`, so sending it again
 * after a crash returns the message Discord already has instead of posting a second one.
 *
 * Failures, as the scheduler wants them: 404 → `gone`, 403 → `forbidden` (the subscription is
 * paused), 400 → `rejected`; 5xx, timeouts and network errors are retried here with exponential
 * backoff, then reported `transient` (the scheduler tries again later); 429 is waited out by
 * @discordjs/rest itself (it honours Retry-After), then retried.
 */
import { DiscordAPIError, HTTPError, REST, Routes, type APIMessage, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { DeliveryError, type Deliver } from '../digest/deliver';
import type { DigestMessage } from '../digest/render';
import type { Logger } from '../logger';
import { maskTokens } from './errors';

/** Attempts of one message before it is reported transient. */
export const SEND_ATTEMPTS = 4;
/** First wait after a 5xx or network error; doubles per attempt. */
export const SEND_BACKOFF_MS = 1000;

const DISCORD_EPOCH = 1420070400000n;

export interface DiscordDeliverOptions {
  token: string;
  /** REST base URL without version, e.g. https://discord.com/api (config `apiBase`). */
  apiBase: string;
  logger: Logger;
  attempts?: number;
  backoffMs?: number;
  /** Waiting between attempts (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
  /** Timeout of one request (default 15 s). */
  timeoutMs?: number;
}

/** A message as the API's JSON body, with the nonce that makes it idempotent. */
export function messageBody(message: DigestMessage, nonce: string): RESTPostAPIChannelMessageJSONBody {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowed_mentions: { parse: [] },
    nonce,
    enforce_nonce: true,
  };
}

/** The bot's user id, from the first part of its token. */
function botIdFromToken(token: string): string | null {
  try {
    const id = Buffer.from(token.split('.')[0] ?? '', 'base64').toString('utf8');
    return /^\d{17,20}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(ms, 1420070400001)) - DISCORD_EPOCH) << 22n).toString();
}

export function createDiscordDeliver(options: DiscordDeliverOptions): Deliver & { rest: REST } {
  const rest = new REST({ api: options.apiBase, retries: 0, timeout: options.timeoutMs ?? 15_000 }).setToken(options.token);
  const log = options.logger.child({ module: 'discord-deliver' });
  const attempts = options.attempts ?? SEND_ATTEMPTS;
  const backoff = options.backoffMs ?? SEND_BACKOFF_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const botId = botIdFromToken(options.token);

  return {
    rest,
    async send(channelId, message, nonce) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const posted = (await rest.post(Routes.channelMessages(channelId), { body: messageBody(message, nonce) })) as APIMessage;
          return { messageId: posted.id };
        } catch (error) {
          if (error instanceof DiscordAPIError) {
            const what = `${error.status} ${error.message} (code ${String(error.code)})`;
            if (error.status === 404) throw new DeliveryError('gone', what);
            if (error.status === 403) throw new DeliveryError('forbidden', what);
            if (error.status === 401) throw new DeliveryError('transient', `Discord refused the bot's token: ${what}`);
            if (error.status !== 429) throw new DeliveryError('rejected', what);
          }
          const what = error instanceof HTTPError ? `${error.status} ${error.message}` : error instanceof Error ? error.message : String(error);
          if (attempt >= attempts) throw new DeliveryError('transient', what);
          const wait = backoff * 2 ** (attempt - 1);
          log.warn({ channelId, attempt, retryInMs: wait, error: maskTokens(what) }, 'discord: sending a digest message failed; retrying');
          await sleep(wait);
        }
      }
    },
    async findSent(channelId, footer, after) {
      const query = new URLSearchParams({ after: snowflakeAt(Date.parse(after) - 60_000), limit: '100' });
      try {
        const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const found = messages.find(
          (m) => (botId === null || m.author.id === botId) && m.embeds.length > 0 && m.embeds[m.embeds.length - 1]?.footer?.text === footer,
        );
        return found?.id ?? null;
      } catch (error) {
        if (error instanceof DiscordAPIError && error.status === 404) throw new DeliveryError('gone', `${error.status} ${error.message}`);
        if (error instanceof DiscordAPIError && error.status === 403) {
          // Without Read Message History the channel cannot be searched: fall back to the nonce.
          log.warn({ channelId, error: error.message }, 'discord: cannot read the channel to look for an earlier digest message');
          return null;
        }
        throw new DeliveryError('transient', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
