/**
 * Payload builders and JSON helpers for the fake Discord server (see fakeDiscord.ts).
 *
 * Everything here produces objects shaped like the real Discord API v10 payloads
 * (typed with discord-api-types, re-exported by discord.js), so that the real
 * discord.js Client accepts them.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIChatInputApplicationCommandGuildInteraction,
  APIEmbed,
  APIGuildTextChannel,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentGuildInteraction,
  APIMessageTopLevelComponent,
  APIRole,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  RoleFlags,
  UserFlags,
} from 'discord.js';

/** Flag bitfields typed as enums have no member for "no flags". */
const NO_FLAGS = 0;

// ---------------------------------------------------------------------------
// JSON narrowing helpers
// ---------------------------------------------------------------------------

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isRecordArray(value: unknown): value is JsonRecord[] {
  return Array.isArray(value) && value.every(isRecord);
}

export function getString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export function getNumber(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' ? value : undefined;
}

export function getBoolean(record: JsonRecord, key: string): boolean | undefined {
  const value = record[key];
  return typeof value === 'boolean' ? value : undefined;
}

// ---------------------------------------------------------------------------
// Snowflakes and tokens
// ---------------------------------------------------------------------------

const DISCORD_EPOCH = 1420070400000n;
let snowflakeIncrement = 0n;

/** A real-looking, unique, 18-19 digit snowflake (discord.js' REST bucketing matches /\d{17,19}/). */
export function nextSnowflake(): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  const timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
  return ((timestamp << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

let tokenCounter = 0;

/** An URL-safe interaction token (discord-api-types' Routes would percent-encode unsafe characters). */
export function nextInteractionToken(): string {
  tokenCounter += 1;
  const random = Math.random().toString(36).slice(2);
  return `aW50ZXJhY3Rpb246${Date.now().toString(36)}${tokenCounter.toString(36)}${random}`;
}

// ---------------------------------------------------------------------------
// Users, guilds, channels, members
// ---------------------------------------------------------------------------

/** Permissions of an ordinary member (no Administrator / Manage*). */
export const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ChangeNickname;

/** Permissions the bot has in the fake guild's channels (`app_permissions`). */
export const DEFAULT_APP_PERMISSIONS =
  DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.MentionEveryone;

export interface FakeUserInput {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

export function buildUser(input: FakeUserInput = {}): APIUser {
  const username = input.username ?? 'tester';
  return {
    id: input.id ?? nextSnowflake(),
    username,
    discriminator: '0',
    global_name: input.globalName === undefined ? username : input.globalName,
    avatar: null,
    bot: input.bot ?? false,
    flags: NO_FLAGS as UserFlags,
    public_flags: NO_FLAGS as UserFlags,
  };
}

export interface FakeChannelSpec {
  id?: string;
  name?: string;
  type?: FakeChannelType;
}

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  ownerId?: string;
  /** Text channels; the first one is the default channel. Defaults to one `#general`. */
  channels?: FakeChannelSpec[];
}

export type FakeChannelType = ChannelType.GuildText | ChannelType.GuildAnnouncement;

export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  type: FakeChannelType;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: FakeChannel[];
  createdAt: string;
}

export function resolveGuild(spec: FakeGuildSpec, fallbackOwnerId: string): FakeGuild {
  const id = spec.id ?? nextSnowflake();
  const channelSpecs = spec.channels && spec.channels.length > 0 ? spec.channels : [{ name: 'general' }];
  return {
    id,
    name: spec.name ?? 'Fake Guild',
    ownerId: spec.ownerId ?? fallbackOwnerId,
    createdAt: new Date().toISOString(),
    channels: channelSpecs.map((channel, index) => ({
      id: channel.id ?? nextSnowflake(),
      guildId: id,
      name: channel.name ?? `channel-${index}`,
      type: channel.type ?? ChannelType.GuildText,
    })),
  };
}

export function buildTextChannel(channel: FakeChannel, position = 0): APIGuildTextChannel<FakeChannelType> {
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: NO_FLAGS as ChannelFlags,
  };
}

function buildEveryoneRole(guild: FakeGuild): APIRole {
  return {
    id: guild.id,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions: DEFAULT_MEMBER_PERMISSIONS.toString(),
    managed: false,
    mentionable: false,
    flags: NO_FLAGS as RoleFlags,
  };
}

/** The GUILD_CREATE dispatch data discord.js needs to mark the guild available. */
export function buildGuildCreate(guild: FakeGuild): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [buildEveryoneRole(guild)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null,
    incidents_data: null,
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    // GUILD_CREATE-only fields
    joined_at: guild.createdAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: guild.channels.map((channel, index) => buildTextChannel(channel, index)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function buildInteractionMember(user: APIUser, permissions: bigint, roles: string[] = []): APIInteractionGuildMember {
  return {
    user,
    roles,
    permissions: permissions.toString(),
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    premium_since: null,
    nick: null,
    avatar: null,
    banner: null,
    deaf: false,
    mute: false,
    flags: NO_FLAGS as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/** The parts of a message body (REST JSON) the fake understands; everything else is recorded only. */
export interface MessageBodyFields {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  tts?: boolean;
  nonce?: string | number;
}

/** Reads the message fields from an already-parsed request body (unknown JSON). */
export function readMessageFields(body: unknown): MessageBodyFields {
  if (!isRecord(body)) return {};
  const fields: MessageBodyFields = {};
  const content = getString(body, 'content');
  if (content !== undefined) fields.content = content;
  // Shapes of embeds/components are not re-validated here: discord.js built them from its own types.
  if (isRecordArray(body.embeds)) fields.embeds = body.embeds as APIEmbed[];
  if (isRecordArray(body.components)) fields.components = body.components as unknown as APIMessageTopLevelComponent[];
  const flags = getNumber(body, 'flags');
  if (flags !== undefined) fields.flags = flags;
  const tts = getBoolean(body, 'tts');
  if (tts !== undefined) fields.tts = tts;
  const nonce = body.nonce;
  if (typeof nonce === 'string' || typeof nonce === 'number') fields.nonce = nonce;
  return fields;
}

export interface BuildMessageInput {
  channelId: string;
  guildId?: string;
  author: APIUser;
  fields: MessageBodyFields;
  attachments?: APIAttachment[];
  type?: MessageType;
  webhookId?: string;
  applicationId?: string;
  interaction?: { id: string; type: InteractionType; name: string; user: APIUser };
  extraFlags?: number;
}

/** A complete message object, as Discord returns it from REST. */
export function buildMessage(input: BuildMessageInput): APIMessage {
  const { fields } = input;
  const message: APIMessage = {
    id: nextSnowflake(),
    channel_id: input.channelId,
    author: input.author,
    content: fields.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: fields.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: input.attachments ?? [],
    embeds: fields.embeds ?? [],
    components: fields.components ?? [],
    reactions: [],
    pinned: false,
    type: input.type ?? MessageType.Default,
    flags: (fields.flags ?? 0) | (input.extraFlags ?? 0),
  };
  if (fields.nonce !== undefined) message.nonce = fields.nonce;
  if (input.webhookId !== undefined) message.webhook_id = input.webhookId;
  if (input.applicationId !== undefined) message.application_id = input.applicationId;
  if (input.interaction) {
    const { id, type, name, user } = input.interaction;
    message.interaction = { id, type, name, user };
    if (type === InteractionType.MessageComponent) {
      message.interaction_metadata = {
        id,
        type,
        user,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: input.guildId ?? '0' },
        interacted_message_id: '0',
      };
    } else if (type === InteractionType.ApplicationCommand) {
      message.interaction_metadata = {
        id,
        type,
        user,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: input.guildId ?? '0' },
      };
    }
  }
  return message;
}

/** Applies a PATCH-style edit (only the fields present in the body) and returns the new message. */
export function applyMessageEdit(
  message: APIMessage,
  fields: MessageBodyFields,
  attachments: APIAttachment[] | undefined,
  markEdited: boolean,
): APIMessage {
  const edited: APIMessage = { ...message };
  if (fields.content !== undefined) edited.content = fields.content;
  if (fields.embeds !== undefined) edited.embeds = fields.embeds;
  if (fields.components !== undefined) edited.components = fields.components;
  if (attachments !== undefined && attachments.length > 0) edited.attachments = [...edited.attachments, ...attachments];
  // Editing never changes the ephemeral flag; it does end the "thinking…" (Loading) state.
  const keptFlags = (message.flags ?? 0) & MessageFlags.Ephemeral;
  const requested = (fields.flags ?? 0) & ~MessageFlags.Ephemeral & ~MessageFlags.Loading;
  edited.flags = keptFlags | requested;
  if (markEdited) edited.edited_timestamp = new Date().toISOString();
  return edited;
}

// ---------------------------------------------------------------------------
// Interactions
// ---------------------------------------------------------------------------

/** Convenience option values: strings → STRING, integers → INTEGER, other numbers → NUMBER, booleans → BOOLEAN. */
export type SimpleOptionValue = string | number | boolean;
export type CommandOptionsInput = APIApplicationCommandInteractionDataOption[] | Record<string, SimpleOptionValue>;

export function toOption(name: string, value: SimpleOptionValue): APIApplicationCommandInteractionDataBasicOption {
  if (typeof value === 'string') return { name, type: ApplicationCommandOptionType.String, value };
  if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value };
  if (Number.isInteger(value)) return { name, type: ApplicationCommandOptionType.Integer, value };
  return { name, type: ApplicationCommandOptionType.Number, value };
}

export function normalizeOptions(options: CommandOptionsInput | undefined): APIApplicationCommandInteractionDataOption[] {
  if (options === undefined) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => toOption(name, value));
}

export interface InteractionContext {
  applicationId: string;
  guild: FakeGuild;
  channel: FakeChannel;
  member: APIInteractionGuildMember;
  locale: Locale;
  appPermissions: bigint;
}

function baseInteraction(ctx: InteractionContext, id: string, token: string) {
  return {
    id,
    token,
    application_id: ctx.applicationId,
    version: 1 as const,
    guild_id: ctx.guild.id,
    guild: { id: ctx.guild.id, locale: Locale.EnglishUS, features: [] },
    channel_id: ctx.channel.id,
    channel: {
      id: ctx.channel.id,
      type: ctx.channel.type,
      guild_id: ctx.guild.id,
      name: ctx.channel.name,
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      flags: NO_FLAGS as ChannelFlags,
    },
    member: ctx.member,
    app_permissions: ctx.appPermissions.toString(),
    locale: ctx.locale,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: ctx.guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export function buildCommandInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string; options: APIApplicationCommandInteractionDataOption[] },
): APIChatInputApplicationCommandGuildInteraction {
  const id = nextSnowflake();
  return {
    ...baseInteraction(ctx, id, nextInteractionToken()),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: ctx.guild.id,
      options: command.options,
    },
  };
}

export function buildAutocompleteInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string; options: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[] },
): APIApplicationCommandAutocompleteGuildInteraction {
  const id = nextSnowflake();
  return {
    ...baseInteraction(ctx, id, nextInteractionToken()),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: ctx.guild.id,
      options: command.options,
    },
  };
}

export function buildButtonInteraction(
  ctx: InteractionContext,
  input: { customId: string; message: APIMessage },
): APIMessageComponentGuildInteraction {
  const id = nextSnowflake();
  return {
    ...baseInteraction(ctx, id, nextInteractionToken()),
    type: InteractionType.MessageComponent,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
    message: input.message,
  };
}

// ---------------------------------------------------------------------------
// Validation (the limits Discord enforces on message bodies)
// ---------------------------------------------------------------------------

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: JsonRecord;
}

function fieldError(path: string, code: string, message: string): DiscordErrorBody {
  // Discord nests errors by path: { errors: { content: { _errors: [...] } } }; `path` is dotted.
  let errors: JsonRecord = { _errors: [{ code, message }] };
  for (const part of path.split('.').reverse()) errors = { [part]: errors };
  return { message: 'Invalid Form Body', code: 50035, errors };
}

function embedLength(embed: APIEmbed): number {
  let total = (embed.title ?? '').length + (embed.description ?? '').length;
  total += (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  for (const field of embed.fields ?? []) total += (field.name ?? '').length + (field.value ?? '').length;
  return total;
}

/**
 * Checks the limits Discord enforces (content ≤ 2000, ≤ 10 embeds, embed title ≤ 256,
 * description ≤ 4096, ≤ 25 fields, field name ≤ 256 / value ≤ 1024, footer ≤ 2048, author ≤ 256,
 * all embeds ≤ 6000 characters). With `requireSomething`, an empty message is error 50006.
 */
export function validateMessageFields(fields: MessageBodyFields, requireSomething: boolean): DiscordErrorBody | null {
  if (fields.content !== undefined && fields.content.length > 2000) {
    return fieldError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const embeds = fields.embeds ?? [];
  if (embeds.length > 10) return fieldError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const at = `embeds.${index}`;
    if ((embed.title ?? '').length > 256) return fieldError(`${at}.title`, 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    if ((embed.description ?? '').length > 4096) {
      return fieldError(`${at}.description`, 'BASE_TYPE_MAX_LENGTH', 'Must be 4096 or fewer in length.');
    }
    const embedFields = embed.fields ?? [];
    if (embedFields.length > 25) return fieldError(`${at}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    for (const [fieldIndex, field] of embedFields.entries()) {
      if ((field.name ?? '').length > 256) {
        return fieldError(`${at}.fields.${fieldIndex}.name`, 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
      }
      if ((field.value ?? '').length > 1024) {
        return fieldError(`${at}.fields.${fieldIndex}.value`, 'BASE_TYPE_MAX_LENGTH', 'Must be 1024 or fewer in length.');
      }
    }
    if ((embed.footer?.text ?? '').length > 2048) {
      return fieldError(`${at}.footer.text`, 'BASE_TYPE_MAX_LENGTH', 'Must be 2048 or fewer in length.');
    }
    if ((embed.author?.name ?? '').length > 256) {
      return fieldError(`${at}.author.name`, 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    }
    total += embedLength(embed);
  }
  if (total > 6000) return fieldError('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  if (requireSomething) {
    const hasContent = (fields.content ?? '').length > 0;
    const hasComponents = (fields.components ?? []).length > 0;
    if (!hasContent && embeds.length === 0 && !hasComponents) return { message: 'Cannot send an empty message', code: 50006 };
  }
  return null;
}
