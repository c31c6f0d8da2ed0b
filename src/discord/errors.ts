/**
 * Discord failures, told to a person (a refused token, a bot not in the server, Discord
 * unreachable) or made safe to log (no interaction or webhook token in a logged URL).
 */
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from 'discord.js';
import { UserError } from '../errors';

export const DEVELOPER_PORTAL = 'https://discord.com/developers/applications';

const TOKEN_REFUSED = `DISCORD_TOKEN was refused by Discord (401): reset it at ${DEVELOPER_PORTAL} → your application → Bot → Reset Token, and put the new token in .env`;

/** Interaction and webhook tokens in a Discord URL replaced by `[token]`. */
export function maskTokens(url: string): string {
  return url.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?#]+/g, '/$1/$2/[token]');
}

/** An error as it may be logged: Discord API errors without tokens in their URL or the request body. */
export function safeError(error: unknown): unknown {
  if (error instanceof DiscordAPIError) {
    return {
      type: 'DiscordAPIError',
      message: error.message,
      code: error.code,
      status: error.status,
      method: error.method,
      url: maskTokens(error.url),
      stack: error.stack,
    };
  }
  return error;
}

/** The network error code (ECONNREFUSED, ENOTFOUND, …) behind a failed request, if any. */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = current.cause;
  }
  return null;
}

export interface DiscordErrorContext {
  apiBase: string;
  applicationId?: string;
  guildId?: string;
}

/**
 * A person-readable UserError for a failure the configuration or the Discord setup causes, or
 * null for anything else (a bug).
 */
export function explainDiscordError(error: unknown, context: DiscordErrorContext): UserError | null {
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) return new UserError(TOKEN_REFUSED);
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return new UserError(TOKEN_REFUSED);
    if (error.status === 403 || error.code === 50001) {
      const where = context.guildId
        ? `check that the bot was invited to server ${context.guildId} with the applications.commands scope, and that `
        : 'check that ';
      return new UserError(
        `Discord refused access (${error.status} ${error.message}): ${where}DISCORD_APPLICATION_ID${context.applicationId ? ` (${context.applicationId})` : ''} is the application of this bot token`,
      );
    }
    if (error.code === 10002) {
      return new UserError(`Discord does not know DISCORD_APPLICATION_ID${context.applicationId ? ` ${context.applicationId}` : ''} (Unknown Application): copy it from ${DEVELOPER_PORTAL} → General Information`);
    }
    if (error.code === 10004) return new UserError(`Discord does not know server ${context.guildId ?? ''} (Unknown Guild): check the id`);
    return null;
  }
  const code = networkCode(error);
  if (code) return new UserError(`could not reach Discord at ${context.apiBase} (${code}): check the network, or DISCORD_API_BASE`);
  return null;
}
