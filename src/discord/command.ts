/**
 * What a slash command is: its definition as `as const` data (so option names type the handler's
 * arguments, yuudachi style), `execute`, and `autocomplete` when an option has it. Commands are
 * listed statically in `commands/index.ts`; the same list feeds the bot and `parley deploy-commands`.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandStringOption,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ComposeDigest } from '../digest/scheduler';
import { UserError } from '../errors';
import type { CorpusIndex } from '../search/index';
import type { Store } from '../storage/store';
import type { SubscriptionStore } from '../storage/subscriptions';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import type { Pager } from './pager';

/** One of the fixed values a string option offers (Discord shows `name`, sends `value`). */
export interface StringChoice {
  /** 1–100 characters. */
  readonly name: string;
  /** 1–100 characters. */
  readonly value: string;
}

/** A string option (the only kind of value our commands take so far; add others here when one needs them). */
export interface StringOptionDefinition {
  readonly type: ApplicationCommandOptionType.String;
  /** 1–32 lower-case letters, digits, `-` or `_`. */
  readonly name: string;
  /** 1–100 characters, shown under the option in Discord. */
  readonly description: string;
  readonly required?: boolean;
  /** True when the command's `autocomplete` answers for this option (not with `choices`). */
  readonly autocomplete?: boolean;
  /** At most 25 fixed values to pick from (Discord refuses anything else). */
  readonly choices?: readonly StringChoice[];
  readonly min_length?: number;
  readonly max_length?: number;
}

/** A subcommand (`/digest subscribe`) and its options. */
export interface SubcommandDefinition {
  readonly type: ApplicationCommandOptionType.Subcommand;
  /** 1–32 lower-case letters, digits, `-` or `_`. */
  readonly name: string;
  /** 1–100 characters. */
  readonly description: string;
  /** Required options first; at most 25. */
  readonly options: readonly StringOptionDefinition[];
}

export type OptionDefinition = StringOptionDefinition | SubcommandDefinition;

/** A chat-input (slash) command definition, written `as const`. */
export interface CommandDefinition {
  /** 1–32 lower-case letters, digits, `-` or `_`. */
  readonly name: string;
  /** 1–100 characters. */
  readonly description: string;
  /** Options (required first), or subcommands: Discord does not allow both side by side. At most 25. */
  readonly options: readonly StringOptionDefinition[] | readonly SubcommandDefinition[];
  /**
   * Who may use the command unless a server's admins decide otherwise (Server Settings →
   * Integrations): a permission bitfield as a decimal string, e.g. `String(PermissionFlagsBits.ManageChannels)`.
   * Absent: everyone. The bot checks again on its side wherever it matters.
   */
  readonly default_member_permissions?: string;
  /** Where the command can be used (e.g. servers only); absent: Discord's default. */
  readonly contexts?: readonly InteractionContextType[];
}

/** A command whose options are values (no subcommands). */
export interface FlatCommandDefinition extends CommandDefinition {
  readonly options: readonly StringOptionDefinition[];
}

/** A command made of subcommands. */
export interface SubcommandCommandDefinition extends CommandDefinition {
  readonly options: readonly SubcommandDefinition[];
}

/** The values of some string options, typed from their definitions: required → string, else string | null. */
export type StringOptionValues<O extends readonly StringOptionDefinition[]> = {
  [X in O[number] as X['name']]: X extends { readonly required: true } ? string : string | null;
};

/** The values of a command's options, typed from its definition: required → string, else string | null. */
export type OptionValues<D extends FlatCommandDefinition> = StringOptionValues<D['options']>;

/** The subcommand used and the values of its options, as a union discriminated by `subcommand`. */
export type SubcommandValues<D extends SubcommandCommandDefinition> =
  D['options'][number] extends infer S
    ? S extends SubcommandDefinition
      ? { subcommand: S['name']; options: StringOptionValues<S['options']> }
      : never
    : never;

/** What every command receives: the corpus, storage, time, paging, and a logger scoped to the interaction. */
export interface CommandDeps {
  /**
   * The index over the seeds and every stored article as it is now: rebuilt when the database
   * gained articles (the feed poller, `parley ingest` in another process). Call it for each
   * interaction rather than keeping what it returns.
   */
  index: () => CorpusIndex;
  store: Store;
  /** Digest subscriptions, their cursors and delivery records. */
  subscriptions: SubscriptionStore;
  /** Builds a digest over the live index (what the scheduler would post). */
  compose: ComposeDigest;
  clock: Clock;
  pager: Pager;
  /** A child logger with `interactionId`, `command` and `guildId`. */
  logger: Logger;
}

export interface Command {
  readonly data: CommandDefinition;
  execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void>;
}

function readStrings(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  options: readonly StringOptionDefinition[],
): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const option of options) values[option.name] = interaction.options.getString(option.name, false);
  return values;
}

/** Reads every option of `definition` from an interaction (for autocomplete: as typed so far). */
export function readOptions<D extends FlatCommandDefinition>(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  definition: D,
): OptionValues<D> {
  return readStrings(interaction, definition.options) as OptionValues<D>;
}

/**
 * The subcommand of an interaction and its options' values. A subcommand Discord still has but the
 * bot no longer knows is a UserError (the registered commands are older than the bot).
 */
export function readSubcommand<D extends SubcommandCommandDefinition>(interaction: ChatInputCommandInteraction, definition: D): SubcommandValues<D> {
  const name = interaction.options.getSubcommand(false);
  const subcommand = definition.options.find((s) => s.name === name);
  if (!subcommand) {
    const shown = name ? `/${definition.name} ${name}` : `/${definition.name}`;
    throw new UserError(`${shown} is no longer available: ask whoever runs the bot to run "parley deploy-commands" again`);
  }
  return { subcommand: subcommand.name, options: readStrings(interaction, subcommand.options) } as SubcommandValues<D>;
}

function toStringOption(option: StringOptionDefinition): APIApplicationCommandStringOption {
  const base = {
    type: ApplicationCommandOptionType.String,
    name: option.name,
    description: option.description,
    ...(option.required !== undefined ? { required: option.required } : {}),
    ...(option.min_length !== undefined ? { min_length: option.min_length } : {}),
    ...(option.max_length !== undefined ? { max_length: option.max_length } : {}),
  } as const;
  if (option.autocomplete) return { ...base, autocomplete: true };
  if (option.choices) return { ...base, choices: option.choices.map((c) => ({ name: c.name, value: c.value })) };
  return base;
}

function toOption(option: OptionDefinition): APIApplicationCommandOption {
  if (option.type === ApplicationCommandOptionType.String) return toStringOption(option);
  const options: APIApplicationCommandBasicOption[] = option.options.map(toStringOption);
  return { type: ApplicationCommandOptionType.Subcommand, name: option.name, description: option.description, options };
}

/** The JSON Discord's command registration expects. */
export function toApplicationCommand(definition: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options: readonly OptionDefinition[] = definition.options;
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: definition.description,
    options: options.map(toOption),
    ...(definition.default_member_permissions !== undefined ? { default_member_permissions: definition.default_member_permissions } : {}),
    ...(definition.contexts !== undefined ? { contexts: [...definition.contexts] } : {}),
  };
}
