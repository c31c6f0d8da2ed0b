/** /whosaid: the quotations that best match a query, with speaker, outlet, date and link; paged. */
import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { whosaid } from '../src/answers/whosaid';
import { suggestQueries, suggestSpeakers } from '../src/discord/autocomplete';
import { readOptions, type Command, type CommandDefinition, type CommandDeps } from '../src/discord/command';
import { renderChoices, renderNoQuotes, renderWhoSaid } from '../src/discord/render';

/** Quotations fetched per question (five pages of three). */
export const WHOSAID_RESULTS = 15;

export const data = {
  name: 'whosaid',
  description: 'Who said it? Quotations from the peace talks with speaker, outlet, date and link',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'Words from the quotation, or what it was about',
      required: true,
      autocomplete: true,
      max_length: 200,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'speaker',
      description: 'Only quotations by this person (any spelling)',
      autocomplete: true,
      max_length: 100,
    },
    { type: ApplicationCommandOptionType.String, name: 'from', description: 'Published on or after this date (YYYY-MM-DD)' },
    { type: ApplicationCommandOptionType.String, name: 'to', description: 'Published on or before this date (YYYY-MM-DD)' },
  ],
} as const satisfies CommandDefinition;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  const { query, speaker, from, to } = readOptions(interaction, data);
  const answer = whosaid(deps.index(), query, { speaker, from, to, limit: WHOSAID_RESULTS });
  if (answer.results.length === 0) {
    await interaction.reply(renderNoQuotes(answer));
    return;
  }
  await deps.pager.reply(interaction, renderWhoSaid(answer));
}

export async function autocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const { speaker } = readOptions(interaction, data);
  const index = deps.index();
  const choices = focused.name === 'speaker' ? suggestSpeakers(index, focused.value) : suggestQueries(index, focused.value, speaker);
  await interaction.respond(renderChoices(choices));
}

export const command = { data, execute, autocomplete } satisfies Command;
