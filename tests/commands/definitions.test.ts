/** The command list: definitions Discord accepts, and autocomplete wherever an option asks for it. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { commands } from '../../commands';
import { toApplicationCommand } from '../../src/discord/command';
import { inviteUrl } from '../../src/discord/invite';

describe('commands', () => {
  it('lists /whosaid and /timeline', () => {
    expect(commands.map((c) => c.data.name)).toEqual(['whosaid', 'timeline']);
  });

  it.each(commands.map((c) => [c.data.name, c] as const))('/%s follows Discord’s rules for names, descriptions and options', (_name, command) => {
    const json = toApplicationCommand(command.data);
    expect(json.type).toBe(ApplicationCommandType.ChatInput);
    const nameRule = /^[-_\p{Ll}\p{N}]{1,32}$/u;
    expect(json.name).toMatch(nameRule);
    expect(json.description.length).toBeGreaterThanOrEqual(1);
    expect(json.description.length).toBeLessThanOrEqual(100);
    const options = json.options ?? [];
    expect(options.length).toBeLessThanOrEqual(25);
    expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
    let optionalSeen = false;
    for (const option of options) {
      expect(option.name).toMatch(nameRule);
      expect(option.description.length).toBeGreaterThanOrEqual(1);
      expect(option.description.length).toBeLessThanOrEqual(100);
      // Required options come first.
      if (!option.required) optionalSeen = true;
      else expect(optionalSeen).toBe(false);
    }
  });

  it.each(commands.map((c) => [c.data.name, c] as const))('/%s answers autocomplete exactly when an option asks for it', (_name, command) => {
    const wantsAutocomplete = command.data.options.some((o) => o.autocomplete === true);
    expect(typeof command.autocomplete === 'function').toBe(wantsAutocomplete);
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
