/**
 * /timeline end to end: the real bot against the fake Discord. What it shows is checked against
 * the answer function itself (timeline()), so the test pins the command and the rendering, not the
 * extraction.
 */
import { MessageFlags, type APIMessage } from 'discord.js';
import { timeline } from '../../src/answers/timeline';
import { timelineGroup } from '../../src/discord/render';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { buttonId, startTestBot, type TestBot, isEphemeral } from '../discord/helpers';

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


/** The dates shown on a page, in order (each event line starts with its date in bold). */
function datesShown(message: APIMessage): string[] {
  return [...(message.embeds[0]?.description ?? '').matchAll(/^\*\*(\d{4}(?:-\d{2}){0,2})\*\* — /gm)].map((m) => m[1]!);
}

/** The year headings and month subheadings shown, in order. */
function headingsShown(message: APIMessage): string[] {
  return [...(message.embeds[0]?.description ?? '').matchAll(/^(?:__\*\*(\d{4})\*\*__|\*([A-Z][a-z]+)\*)$/gm)].map((m) => m[1] ?? m[2]!);
}

/** The headings expected above these events: each new year, and each new month within it. */
function headingsFor(events: readonly { date: string; precision: 'day' | 'month' | 'year' }[]): string[] {
  const out: string[] = [];
  let year: string | null = null;
  let month: string | null = null;
  for (const event of events) {
    const group = timelineGroup(event);
    if (group.year !== year) {
      out.push(group.year);
      year = group.year;
      month = null;
    }
    if (group.month !== null && group.month !== month) out.push(group.month);
    month = group.month;
  }
  return out;
}

describe('/timeline', () => {
  it('shows the dated events in order, grouped by year and month, with their dates and sources, paged', async () => {
    const answer = timeline(t.bot.deps.index(), {});
    expect(answer.events.length).toBeGreaterThan(0);

    const ix = await fake.sendCommand({ name: 'timeline' });
    const first = await ix.waitForMessage();
    expect(isEphemeral(first)).toBe(false);
    expect(first.content).toMatch(new RegExp(`^\\*\\*${answer.events.length} dated events?\\*\\*`));
    const shown = datesShown(first);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(answer.events.slice(0, shown.length).map((e) => e.date));
    // A heading for each year, a subheading for each month, in the order of the events.
    expect(headingsShown(first)).toEqual(headingsFor(answer.events.slice(0, shown.length)));
    expect(headingsShown(first)[0]).toMatch(/^\d{4}$/);
    // Sources: the outlet and date of each article, linked.
    const firstEvent = answer.events[0]!;
    const source = firstEvent.articles[0];
    if (source) expect(first.embeds[0]?.description).toContain(`${source.source}, ${source.published}`);

    if (answer.events.length > shown.length) {
      const next = await fake.clickButton({ message: first, customId: buttonId(first, /Next/) });
      const second = await next.waitForMessage((m) => /page 2 of \d+$/.test(m.content));
      const more = datesShown(second);
      expect(more).toEqual(answer.events.slice(shown.length, shown.length + more.length).map((e) => e.date));
    }
  });

  it('filters by date range', async () => {
    const filter = { from: '2025-01-01', to: '2025-12-31' };
    const answer = timeline(t.bot.deps.index(), filter);
    const message = await (await fake.sendCommand({ name: 'timeline', options: filter })).waitForMessage();
    if (answer.events.length === 0) {
      expect(isEphemeral(message)).toBe(true);
    } else {
      expect(message.content).toContain('from 2025-01-01 to 2025-12-31');
      expect(datesShown(message)).toEqual(answer.events.slice(0, datesShown(message).length).map((e) => e.date));
    }
  });

  it('says so, ephemerally, when no event is in range', async () => {
    const message = await (await fake.sendCommand({ name: 'timeline', options: { from: '1990-01-01', to: '1990-12-31' } })).waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe('No dated events from 1990-01-01 to 1990-12-31. Try a wider date range, fewer words, or no speaker.');
  });

  it('tells the user what to fix when from is after to', async () => {
    const message = await (await fake.sendCommand({ name: 'timeline', options: { from: '2025-09-01', to: '2025-01-01' } })).waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toMatch(/^⚠️ from .*2025-09-01.* after .*2025-01-01/);
  });

  it('autocompletes speakers and key phrases', async () => {
    const speakers = await (await fake.sendAutocomplete({ name: 'timeline', focused: { name: 'speaker', value: 'zel' } })).waitForChoices();
    expect(speakers.map((c) => c.value)).toContain('Volodymyr Zelensky');
    const phrases = await (await fake.sendAutocomplete({ name: 'timeline', focused: { name: 'query', value: 'ceasef' } })).waitForChoices();
    expect(phrases.map((c) => c.value)).toContain('ceasefire');
  });
});
