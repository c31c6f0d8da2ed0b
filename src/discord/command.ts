/**
 * What a slash command is: its definition as `as const` data (so option names type the handler's
 * arguments, yuudachi style), `execute`, and `autocomplete` when an option has it. Commands are
 * listed statically in `commands/index.ts`; the same list feeds the bot and `parley deploy-commands`.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandStringOption,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CorpusIndex } from '../search/index';
import type { Store } from '../storage/store';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import type { Pager } from './pager';

/** A string option (the only kind our commands use so far; add others here when one needs them). */
export interface StringOptionDefinition {
  readonly type: ApplicationCommandOptionType.String;
  /** 1–32 lower-case letters, digits, `-` or `_`. */
  readonly name: string;
  /** 1–100 characters, shown under the option in Discord. */
  readonly description: string;
  readonly required?: boolean;
  /** True when the command's `autocomplete` answers for this option. */
  readonly autocomplete?: boolean;
  readonly min_length?: number;
  readonly max_length?: number;
}

export type OptionDefinition = StringOptionDefinition;

/** A chat-input (slash) command definition, written `as const`. */
export interface CommandDefinition {
  /** 1–32 lower-case letters, digits, `-` or `_`. */
  readonly name: string;
  /** 1–100 characters. */
  readonly description: string;
  /** Required options first (Discord's rule); at most 25. */
  readonly options: readonly OptionDefinition[];
}

/** The values of a command's options, typed from its definition: required → string, else string | null. */
export type OptionValues<D extends CommandDefinition> = {
  [O in D['options'][number] as O['name']]: O extends { readonly required: true } ? string : string | null;
};

/** What every command receives: the corpus, storage, time, paging, and a logger scoped to the interaction. */
export interface CommandDeps {
  index: CorpusIndex;
  store: Store;
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

/** Reads every option of `definition` from an interaction (for autocomplete: as typed so far). */
export function readOptions<D extends CommandDefinition>(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  definition: D,
): OptionValues<D> {
  const values: Record<string, string | null> = {};
  for (const option of definition.options) values[option.name] = interaction.options.getString(option.name, false);
  return values as OptionValues<D>;
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
  return option.autocomplete ? { ...base, autocomplete: true } : base;
}

/** The JSON Discord's command registration expects. */
export function toApplicationCommand(definition: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: definition.description,
    options: definition.options.map(toStringOption),
  };
}
