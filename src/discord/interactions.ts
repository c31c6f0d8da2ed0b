/**
 * The one place interactions arrive: slash commands and autocomplete go to their command, page
 * buttons to the pager. Every failure is caught here. A UserError becomes an ephemeral message
 * saying what to fix; anything else is logged with its stack and the person gets a short apology.
 * Nothing that happens in a handler can stop the process.
 */
import { MessageFlags, type Interaction } from 'discord.js';
import { isUserError, UserError } from '../errors';
import type { Logger } from '../logger';
import type { Command, CommandDeps } from './command';
import { safeError } from './errors';
import { parsePagerCustomId } from './pager';
import { renderApology, renderUserError } from './render';

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

function commandName(interaction: Interaction): string | null {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isButton()) return parsePagerCustomId(interaction.customId)?.command ?? null;
  return null;
}

/**
 * A handler for `Events.InteractionCreate`. It never rejects. `deps.logger` is the parent of each
 * interaction's child logger (`interactionId`, `command`, `guildId`).
 */
export function createInteractionHandler(commands: readonly Command[], deps: CommandDeps): InteractionHandler {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  return async (interaction) => {
    const logger = deps.logger.child({ interactionId: interaction.id, command: commandName(interaction), guildId: interaction.guildId });
    const scoped: CommandDeps = { ...deps, logger };
    try {
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) throw new UserError(`/${interaction.commandName} is no longer available: ask whoever runs the bot to run "parley deploy-commands" again`);
        logger.debug({ userId: interaction.user.id, subcommand: interaction.options.getSubcommand(false) }, 'command');
        await command.execute(interaction, scoped);
      } else if (interaction.isAutocomplete()) {
        const command = byName.get(interaction.commandName);
        if (!command?.autocomplete) {
          await interaction.respond([]);
          return;
        }
        await command.autocomplete(interaction, scoped);
      } else if (interaction.isButton() && parsePagerCustomId(interaction.customId)) {
        await deps.pager.handleClick(interaction, logger);
      } else {
        logger.debug({ type: interaction.type }, 'interaction ignored');
      }
    } catch (error) {
      await reportFailure(interaction, error, logger);
    }
  };
}

/** Tells the person what went wrong, in whatever way the interaction still allows. Never throws. */
export async function reportFailure(interaction: Interaction, error: unknown, logger: Logger): Promise<void> {
  const expected = isUserError(error);
  if (expected) logger.info({ reason: error.message }, 'user error');
  else logger.error({ err: safeError(error) }, 'interaction handler failed');
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const notice = expected ? renderUserError(error.message) : renderApology();
    if (interaction.replied || interaction.deferred) await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
    else await interaction.reply(notice);
  } catch (replyError) {
    logger.warn({ err: safeError(replyError) }, 'could not tell the user about the failure');
  }
}
