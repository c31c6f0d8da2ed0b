/** The link that adds the bot to a server, with the permissions it needs. */
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * View Channels, Send Messages and Embed Links: answers to slash commands need none of them (they
 * are interaction replies), but digests posted into a channel will need all three.
 */
export const BOT_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({ client_id: applicationId, scope: INVITE_SCOPES.join(' '), permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
