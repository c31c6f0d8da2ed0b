/**
 * Registering the slash commands with Discord: for one server (shows up at once, for trying it
 * out) or globally (every server the bot is in). A separate step (`parley deploy-commands`), never
 * done at start-up.
 */
import { REST, Routes } from 'discord.js';
import { commands as allCommands } from '../../commands';
import type { BotConfig } from '../config';
import type { Command } from './command';
import { toApplicationCommand } from './command';
import { explainDiscordError } from './errors';

export interface DeployOptions {
  config: Pick<BotConfig, 'token' | 'applicationId' | 'apiBase'>;
  /** Register for this server only; undefined: globally. */
  guildId?: string;
  /** Default: every command of `commands/index.ts`. */
  commands?: readonly Command[];
}

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId?: string;
  /** Names of the registered commands, as Discord confirmed them. */
  names: string[];
}

/** Replaces the registered commands (of the server, or global) with ours. Known failures are UserErrors. */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const { token, applicationId, apiBase } = options.config;
  const body = (options.commands ?? allCommands).map((c) => toApplicationCommand(c.data));
  const rest = new REST({ api: apiBase }).setToken(token);
  const route = options.guildId ? Routes.applicationGuildCommands(applicationId, options.guildId) : Routes.applicationCommands(applicationId);
  let registered: unknown;
  try {
    registered = await rest.put(route, { body });
  } catch (error) {
    throw explainDiscordError(error, { apiBase, applicationId, ...(options.guildId ? { guildId: options.guildId } : {}) }) ?? error;
  }
  const names = Array.isArray(registered)
    ? registered.map((c: unknown) => (typeof c === 'object' && c !== null && 'name' in c ? String(c.name) : '?'))
    : body.map((c) => c.name);
  return options.guildId ? { scope: 'guild', guildId: options.guildId, names } : { scope: 'global', names };
}
