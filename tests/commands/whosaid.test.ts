/**
 * /whosaid end to end: the real bot (startBot, real discord.js client) against the fake Discord.
 * The corpus is built once for the file; paging expiry is driven by a manual clock.
 */
import { InteractionResponseType, MessageFlags, type APIMessage } from 'discord.js';
import { LIMITS } from '../../src/discord/render';
import { PAGER_TTL_MS, pagerCustomId } from '../../src/discord/pager';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { buttonId, customIds, startTestBot, type TestBot, isEphemeral } from '../discord/helpers';

let fake: FakeDiscord;
let t: TestBot;

beforeAll(async () => {
  fake = await startFakeDiscord();
  t = await startTestBot(fake);
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
});


function callbackBody(interactionId: string): unknown {
  return fake.requests().find((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`) && r.response?.status === 204)?.body;
}

describe('/whosaid', () => {
  it('answers "rose-tinted glasses" with the quote, Dmitry Peskov, The Moscow Times, 2025-09-12 and a link', async () => {
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'rose-tinted glasses' } });
    const message = await ix.waitForMessage();

    expect(isEphemeral(message)).toBe(false);
    expect(message.content).toBe('**1 quotation** for “rose-tinted glasses”');
    expect(message.embeds).toHaveLength(1);
    const [embed] = message.embeds;
    expect(embed?.author?.name).toBe('Dmitry Peskov, top spokesman');
    expect(embed?.description).toBe('> You shouldn’t wear rose-tinted glasses and expect lightning-fast results');
    expect(embed?.title).toBe('Ukraine Peace Talks ‘On Pause,’ Kremlin Says');
    expect(embed?.url).toBe('https://www.themoscowtimes.com/2025/09/12/ukraine-peace-talks-on-pause-kremlin-says-a90514');
    expect(embed?.fields).toEqual([
      { name: 'Outlet', value: 'The Moscow Times', inline: true },
      { name: 'Date', value: '2025-09-12', inline: true },
    ]);
    // One result: no buttons; mentions disabled on the reply.
    expect(message.components).toEqual([]);
    expect(callbackBody(ix.id)).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { allowed_mentions: { parse: [] } } });
  });

  it('takes a speaker typed in another spelling, and a query typed without picking a suggestion', async () => {
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'rose tinted', speaker: 'peskov' } });
    const message = await ix.waitForMessage();
    expect(message.embeds[0]?.author?.name).toMatch(/^Dmitry Peskov/);
    expect(message.embeds[0]?.description).toContain('rose-tinted glasses');

    const zelensky = await (await fake.sendCommand({ name: 'whosaid', options: { query: 'negotiate', speaker: 'Zelenskiy' } })).waitForMessage();
    expect(zelensky.embeds.length).toBeGreaterThan(0);
    expect(zelensky.embeds.every((e) => e.author?.name.startsWith('Volodymyr Zelensky'))).toBe(true);
  });

  it('pages three at a time; only the asker can turn pages; the buttons expire and are removed', async () => {
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'Peskov' } });
    const first = await ix.waitForMessage();
    expect(first.embeds).toHaveLength(3);
    expect(first.content).toMatch(/^\*\*15 quotations\*\* for “Peskov” · page 1 of 5$/);
    const [previousId, nextId] = customIds(first);
    expect(previousId).toMatch(/^pager:whosaid:[0-9a-f]{8}:0$/);
    expect(nextId).toMatch(/^pager:whosaid:[0-9a-f]{8}:1$/);
    const row = first.components?.[0];
    expect(row && 'components' in row ? row.components.map((c) => ('disabled' in c ? c.disabled : undefined)) : []).toEqual([true, false]);

    // Someone else: refused, ephemerally; the message stays on page 1.
    const stranger = await fake.clickButton({ message: first, customId: nextId!, user: { username: 'mallory' } });
    const refusal = await stranger.waitForMessage();
    expect(isEphemeral(refusal)).toBe(true);
    expect(refusal.content).toMatch(/^Only the person who ran \/whosaid can turn its pages/);
    expect(fake.message(first.id)?.content).toMatch(/page 1 of 5$/);

    // The asker: page 2, then back to page 1.
    const next = await fake.clickButton({ message: first, customId: nextId! });
    const second = await next.waitForMessage((m) => m.content.endsWith('page 2 of 5'));
    expect(second.id).toBe(first.id);
    expect(next.state().responseType).toBe(InteractionResponseType.UpdateMessage);
    expect(second.embeds.map((e) => e.description)).not.toEqual(first.embeds.map((e) => e.description));
    const back = await fake.clickButton({ message: second, customId: buttonId(second, /Previous/) });
    const again = await back.waitForMessage((m) => m.content.endsWith('page 1 of 5'));
    expect(again.embeds).toEqual(first.embeds);

    // A few minutes later the list expires: the buttons are removed from the message.
    t.clock.advance(PAGER_TTL_MS);
    await fake.waitFor(() => fake.message(first.id)?.components?.length === 0, 3000, 'the buttons to be removed');
    expect(fake.message(first.id)?.content).toMatch(/page 1 of 5$/);
    expect(t.bot.deps.pager.size).toBe(0);
  });

  it('a click on a list the bot no longer knows removes its buttons and says it expired', async () => {
    const stale = fake.createMessage({
      content: 'an old answer',
      components: [
        {
          type: 1,
          components: [{ type: 2, style: 2, label: 'Next ▶', custom_id: pagerCustomId('whosaid', 'deadbeef', 1) }],
        },
      ],
    });
    const click = await fake.clickButton({ message: stale, customId: pagerCustomId('whosaid', 'deadbeef', 1) });
    const [notice] = await click.waitForFollowUps(1);
    expect(notice?.content).toBe('This list has expired: run /whosaid again to page through it.');
    expect(isEphemeral(notice!)).toBe(true);
    expect(fake.message(stale.id)?.components).toEqual([]);
  });

  it('says so, ephemerally, when nothing matches, and suggests the closest speakers and terms', async () => {
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'Peskov', to: '2010-01-01' } });
    const message = await ix.waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe('No quotation matches “Peskov”. Closest speakers: **Dmitry Peskov**; terms: “peskov”.');
  });

  it.each([
    [{ query: 'ceasefire', from: '2025-13-01' }, '⚠️ from must be a date written YYYY-MM-DD (got "2025-13-01")'],
    [{ query: 'ceasefire', from: '2025-09-01', to: '2025-01-01' }, '⚠️ from (2025-09-01) is after to (2025-01-01): swap them or widen the range'],
    [{ query: '?!' }, "⚠️ the query is empty: type a few words from the quote or a speaker's name"],
  ])('tells the user what to fix: %j', async (options, text) => {
    const ix = await fake.sendCommand({ name: 'whosaid', options });
    const message = await ix.waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe(text);
  });

  it('names the nearest speaker when the speaker typed matches nobody', async () => {
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'talks', speaker: 'Zelinsky' } });
    const message = await ix.waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe('⚠️ no speaker matches "Zelinsky": did you mean Volodymyr Zelensky?');
  });
});

describe('/whosaid autocomplete', () => {
  function expectWithinLimits(choices: { name: string; value: string | number }[]): void {
    expect(choices.length).toBeLessThanOrEqual(LIMITS.choices);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
      expect(String(c.value).length).toBeGreaterThan(0);
      expect(String(c.value).length).toBeLessThanOrEqual(LIMITS.choiceValue);
    }
  }

  it('offers quotations as the query is typed', async () => {
    const ix = await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'query', value: 'rose-tin' } });
    const choices = await ix.waitForChoices();
    expectWithinLimits(choices);
    expect(choices[0]).toEqual({
      name: '“You shouldn’t wear rose-tinted glasses and expect lightning-fast results” — Peskov',
      value: 'You shouldn’t wear rose-tinted glasses and expect lightning-fast results',
    });
    expect(ix.state().responseType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
  });

  it('offers key phrases too, and quotations before anything is typed', async () => {
    const typed = await (await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'query', value: 'ceasef' } })).waitForChoices();
    expectWithinLimits(typed);
    expect(typed).toContainEqual({ name: 'ceasefire', value: 'ceasefire' });

    const empty = await (await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'query', value: '' } })).waitForChoices();
    expectWithinLimits(empty);
    expect(empty.length).toBeGreaterThan(5);
    expect(empty.every((c) => c.name.startsWith('“'))).toBe(true);
  });

  it('limits quotations to the speaker already chosen', async () => {
    const ix = await fake.sendAutocomplete({ name: 'whosaid', options: { speaker: 'Zelensky' }, focused: { name: 'query', value: 'peace' } });
    const choices = await ix.waitForChoices();
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.filter((c) => c.name.startsWith('“')).every((c) => c.name.endsWith('— Zelensky'))).toBe(true);
  });

  it('offers known speakers in any spelling, and the nearest one for a typo', async () => {
    const alias = await (await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'speaker', value: 'zelenskyy' } })).waitForChoices();
    expect(alias[0]).toEqual({ name: 'Volodymyr Zelensky (“Zelenskyy”) — Ukrainian President', value: 'Volodymyr Zelensky' });

    const prefix = await (await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'speaker', value: 'pes' } })).waitForChoices();
    expect(prefix.map((c) => c.value)).toEqual(['Dmitry Peskov']);

    const typo = await (await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'speaker', value: 'Peskof' } })).waitForChoices();
    expect(typo.map((c) => c.value)).toContain('Dmitry Peskov');

    const all = await (await fake.sendAutocomplete({ name: 'whosaid', focused: { name: 'speaker', value: '' } })).waitForChoices();
    expectWithinLimits(all);
    expect(all.map((c) => c.value)).toEqual(expect.arrayContaining(['Dmitry Peskov', 'Volodymyr Zelensky', 'Donald Trump']));
  });
});
