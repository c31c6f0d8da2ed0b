/**
 * /digest: a digest of the new articles posted into the channel where it is typed, daily or
 * weekly. `subscribe` and `unsubscribe` need Manage Channels (the command's default member
 * permissions, checked again here); `status` and `preview` answer only the person asking.
 */
import {
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { digestStatus, previewDigest, subscribeChannel, unsubscribeChannel } from '../src/digest/service';
import { parseSchedule, WEEKDAYS } from '../src/digest/schedule';
import { suggestSpeakers } from '../src/discord/autocomplete';
import { readSubcommand, type Command, type CommandDeps, type SubcommandCommandDefinition } from '../src/discord/command';
import { renderChoices, renderDigestPreview, renderDigestStatus, renderSubscribed, renderUnsubscribed } from '../src/discord/render';
import { UserError } from '../src/errors';

/** What the bot needs in a channel to post a digest there. */
export const POSTING_PERMISSIONS = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Embed Links', PermissionFlagsBits.EmbedLinks],
] as const;

const schedule = {
  type: ApplicationCommandOptionType.String,
  name: 'schedule',
  description: 'How often: daily (default) or weekly',
  choices: [
    { name: 'daily', value: 'daily' },
    { name: 'weekly', value: 'weekly' },
  ],
} as const;

const query = {
  type: ApplicationCommandOptionType.String,
  name: 'query',
  description: 'Only articles about these words',
  max_length: 200,
} as const;

const speaker = {
  type: ApplicationCommandOptionType.String,
  name: 'speaker',
  description: 'Only articles quoting this person (any spelling)',
  autocomplete: true,
  max_length: 100,
} as const;

export const data = {
  name: 'digest',
  description: 'A daily or weekly digest of new articles about the peace talks, posted in this channel',
  default_member_permissions: String(PermissionFlagsBits.ManageChannels),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'subscribe',
      description: 'Post a digest of new articles in this channel (or change its schedule and filters)',
      options: [
        schedule,
        { type: ApplicationCommandOptionType.String, name: 'time', description: 'Time of day in UTC, HH:MM (default 08:00)', max_length: 5 },
        {
          type: ApplicationCommandOptionType.String,
          name: 'day',
          description: 'Weekly only: the day (default: today, in UTC)',
          choices: WEEKDAYS.map((d) => ({ name: `${d[0]!.toUpperCase()}${d.slice(1)}`, value: d })),
        },
        query,
        speaker,
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'unsubscribe', description: 'Stop the digest in this channel', options: [] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      description: "This channel's digest: schedule, next and last delivery, and why it is paused if it is",
      options: [],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'preview',
      description: 'What the next digest would contain (only you see it; nothing is posted)',
      options: [
        { ...query, description: 'Channels not subscribed: only articles about these words' },
        { ...speaker, description: 'Channels not subscribed: only articles quoting this person' },
        { ...schedule, description: 'Channels not subscribed: the last day (daily) or week (weekly)' },
      ],
    },
  ],
} as const satisfies SubcommandCommandDefinition;

/** Subscribing and unsubscribing change the channel: Manage Channels, whatever the server's command settings say. */
function requireManageChannels(interaction: ChatInputCommandInteraction<'raw' | 'cached'>, action: string): void {
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageChannels)) {
    throw new UserError(`only members with the Manage Channels permission can ${action} this channel`);
  }
}

/** A subscription the bot could not deliver would only be paused at the first digest: say so now. */
function requireBotCanPost(interaction: ChatInputCommandInteraction<'raw' | 'cached'>): void {
  const missing = POSTING_PERMISSIONS.filter(([, flag]) => !interaction.appPermissions.has(flag)).map(([name]) => name);
  if (missing.length > 0) {
    throw new UserError(`I cannot post digests in this channel: give me ${missing.join(', ')} here, then subscribe again`);
  }
}

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  if (!interaction.inGuild()) throw new UserError('digests are posted in server channels: use /digest in a channel of a server');
  const channelId = interaction.channelId;
  const { subscriptions } = deps;
  const command = readSubcommand(interaction, data);
  switch (command.subcommand) {
    case 'subscribe': {
      requireManageChannels(interaction, 'subscribe');
      requireBotCanPost(interaction);
      const before = digestStatus({ subscriptions }, channelId);
      const result = subscribeChannel(
        { subscriptions, now: deps.clock.now() },
        { guildId: interaction.guildId, channelId, userId: interaction.user.id, ...command.options },
      );
      const filter = result.subscription.speaker;
      const unknownSpeaker = filter !== null && deps.index().matchSpeakers(filter).length === 0;
      deps.logger.info({ channelId, created: result.created, schedule: result.schedule, nextDeliveryAt: result.nextDeliveryAt }, 'digest: channel subscribed');
      await interaction.reply(renderSubscribed({ result, resumed: before !== null && before.paused !== null, unknownSpeaker }));
      return;
    }
    case 'unsubscribe': {
      requireManageChannels(interaction, 'unsubscribe');
      unsubscribeChannel({ subscriptions }, channelId);
      deps.logger.info({ channelId }, 'digest: channel unsubscribed');
      await interaction.reply(renderUnsubscribed());
      return;
    }
    case 'status': {
      await interaction.reply(renderDigestStatus(digestStatus({ subscriptions }, channelId)));
      return;
    }
    case 'preview': {
      const status = digestStatus({ subscriptions }, channelId);
      const { query: q, speaker: s, schedule: period } = command.options;
      const preview = previewDigest({ subscriptions, now: deps.clock.now(), compose: deps.compose }, { channelId, query: q, speaker: s, schedule: period });
      const rendered = renderDigestPreview({
        preview,
        status,
        filtersIgnored: status !== null && [q, s, period].some((v) => v !== null),
        period: parseSchedule(period) === 'weekly' ? 'week' : 'day',
      });
      if (!Array.isArray(rendered)) {
        await interaction.reply(rendered);
        return;
      }
      const [first, ...rest] = rendered;
      if (!first) return;
      await interaction.reply(first);
      for (const message of rest) await interaction.followUp(message);
      return;
    }
  }
}

export async function autocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(focused.name === 'speaker' ? renderChoices(suggestSpeakers(deps.index(), focused.value)) : []);
}

export const command = { data, execute, autocomplete } satisfies Command;
