/** The command list: definitions Discord accepts, and autocomplete wherever an option asks for it. */
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, PermissionFlagsBits, type APIApplicationCommandOption } from 'discord.js';
import { commands } from '../../commands';
import { data as digest } from '../../commands/digest';
import { toApplicationCommand, type CommandDefinition, type OptionDefinition, type StringOptionDefinition } from '../../src/discord/command';
import { inviteUrl } from '../../src/discord/invite';

/** Every value option of a command, including those of its subcommands. */
function valueOptions(definition: CommandDefinition): StringOptionDefinition[] {
  const options: readonly OptionDefinition[] = definition.options;
  return options.flatMap((o) => (o.type === ApplicationCommandOptionType.Subcommand ? [...o.options] : [o]));
}

/** Discord's rules for a list of options (top level or a subcommand's). */
function expectValidOptions(options: readonly APIApplicationCommandOption[]): void {
  const nameRule = /^[-_\p{Ll}\p{N}]{1,32}$/u;
  expect(options.length).toBeLessThanOrEqual(25);
  expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
  // Subcommands and values are never mixed at one level.
  expect(new Set(options.map((o) => o.type === ApplicationCommandOptionType.Subcommand)).size).toBeLessThanOrEqual(1);
  let optionalSeen = false;
  for (const option of options) {
    expect(option.name).toMatch(nameRule);
    expect(option.description.length).toBeGreaterThanOrEqual(1);
    expect(option.description.length).toBeLessThanOrEqual(100);
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      expectValidOptions(option.options ?? []);
      continue;
    }
    if (option.type === ApplicationCommandOptionType.String) {
      // Choices and autocomplete exclude each other; at most 25 choices of at most 100 characters.
      if ('choices' in option && option.choices) {
        expect(option.autocomplete).toBeFalsy();
        expect(option.choices.length).toBeLessThanOrEqual(25);
        for (const c of option.choices) {
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(String(c.value).length).toBeLessThanOrEqual(100);
        }
      }
    }
    // Required options come first.
    if (!('required' in option) || !option.required) optionalSeen = true;
    else expect(optionalSeen).toBe(false);
  }
}

describe('commands', () => {
  it('lists /whosaid, /timeline and /digest', () => {
    expect(commands.map((c) => c.data.name)).toEqual(['whosaid', 'timeline', 'digest']);
  });

  it.each(commands.map((c) => [c.data.name, c] as const))('/%s follows Discord’s rules for names, descriptions and options', (_name, command) => {
    const json = toApplicationCommand(command.data);
    expect(json.type).toBe(ApplicationCommandType.ChatInput);
    expect(json.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
    expect(json.description.length).toBeGreaterThanOrEqual(1);
    expect(json.description.length).toBeLessThanOrEqual(100);
    expectValidOptions(json.options ?? []);
  });

  it.each(commands.map((c) => [c.data.name, c] as const))('/%s answers autocomplete exactly when an option asks for it', (_name, command) => {
    const wantsAutocomplete = valueOptions(command.data).some((o) => o.autocomplete === true);
    expect(typeof command.autocomplete === 'function').toBe(wantsAutocomplete);
  });

  it('/digest: subscribe, unsubscribe, status, preview; Manage Channels by default; servers only', () => {
    const json = toApplicationCommand(digest);
    expect(json.default_member_permissions).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(json.contexts).toEqual([InteractionContextType.Guild]);
    expect(json.options?.map((o) => [o.type, o.name])).toEqual([
      [ApplicationCommandOptionType.Subcommand, 'subscribe'],
      [ApplicationCommandOptionType.Subcommand, 'unsubscribe'],
      [ApplicationCommandOptionType.Subcommand, 'status'],
      [ApplicationCommandOptionType.Subcommand, 'preview'],
    ]);
    const subscribe = json.options?.[0];
    expect(subscribe && 'options' in subscribe ? subscribe.options : []).toEqual([
      expect.objectContaining({ name: 'schedule', choices: [{ name: 'daily', value: 'daily' }, { name: 'weekly', value: 'weekly' }] }),
      expect.objectContaining({ name: 'time', max_length: 5 }),
      expect.objectContaining({ name: 'day', choices: expect.arrayContaining([{ name: 'Monday', value: 'monday' }]) }),
      expect.objectContaining({ name: 'query' }),
      expect.objectContaining({ name: 'speaker', autocomplete: true }),
    ]);
  });

  it('/whosaid: query (required, autocomplete), speaker (autocomplete), from, to', () => {
    expect(toApplicationCommand(commands[0]!.data).options).toEqual([
      expect.objectContaining({ type: ApplicationCommandOptionType.String, name: 'query', required: true, autocomplete: true, max_length: 200 }),
      expect.objectContaining({ type: ApplicationCommandOptionType.String, name: 'speaker', autocomplete: true }),
      { type: ApplicationCommandOptionType.String, name: 'from', description: 'Published on or after this date (YYYY-MM-DD)' },
      { type: ApplicationCommandOptionType.String, name: 'to', description: 'Published on or before this date (YYYY-MM-DD)' },
    ]);
  });

  it('the invite link asks for bot + applications.commands and View Channels, Send Messages, Embed Links', () => {
    expect(inviteUrl('123456789012345678')).toBe(
      'https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands&permissions=19456',
    );
  });
});
