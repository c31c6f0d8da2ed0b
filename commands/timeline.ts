/** /timeline: the dated events of the negotiations in order, grouped by year and month, with sources; paged. */
import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { timeline } from '../src/answers/timeline';
import { suggestPhrases, suggestSpeakers } from '../src/discord/autocomplete';
import { readOptions, type Command, type CommandDefinition, type CommandDeps } from '../src/discord/command';
import { renderChoices, renderNoEvents, renderTimeline } from '../src/discord/render';

export const data = {
  name: 'timeline',
  description: 'The dated events of the peace talks, in order, with their sources',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'from', description: 'Events on or after this date (YYYY-MM-DD)' },
    { type: ApplicationCommandOptionType.String, name: 'to', description: 'Events on or before this date (YYYY-MM-DD)' },
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'Only events about these words',
      autocomplete: true,
      max_length: 200,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'speaker',
      description: 'Only events involving this person (any spelling)',
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies CommandDefinition;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  const filter = readOptions(interaction, data);
  const answer = timeline(deps.index(), filter);
  if (answer.events.length === 0) {
    await interaction.reply(renderNoEvents(filter));
    return;
  }
  await deps.pager.reply(interaction, renderTimeline(answer, filter));
}

export async function autocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const index = deps.index();
  const choices = focused.name === 'speaker' ? suggestSpeakers(index, focused.value) : suggestPhrases(index, focused.value, 25);
  await interaction.respond(renderChoices(choices));
}

export const command = { data, execute, autocomplete } satisfies Command;
