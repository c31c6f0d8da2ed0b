/**
 * /digest end to end: the real bot (startBot, real discord.js client) against the fake Discord.
 * Articles arrive as `parley ingest` would store them (the database, at the manual clock's time);
 * feeds and deliveries at the scheduled time are in tests/discord/digests.test.ts.
 */
import { InteractionResponseType, PermissionFlagsBits, type APIMessage } from 'discord.js';
import { digestStatus } from '../../src/digest/service';
import { DEFAULT_MEMBER_PERMISSIONS, startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { talksArticle } from '../digest/helpers';
import { isEphemeral, ManualClock, startTestBot, subcommandOptions, type TestBot } from '../discord/helpers';

const START = '2025-11-22T07:00:00Z';
/** A moderator: the default member permissions plus Manage Channels. */
const MANAGER = DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageChannels;
/** 2025-11-22T08:00:00Z in seconds, as Discord's timestamp markup carries it. */
const EIGHT_AM = Date.parse('2025-11-22T08:00:00Z') / 1000;

let fake: FakeDiscord;
let t: TestBot;
/** One channel per test, so that subscriptions do not meet. */
const channels: string[] = [];
let nextChannel = 0;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [{ channels: Array.from({ length: 20 }, (_, i) => ({ name: `channel-${i}` })) }] });
  channels.push(...fake.guilds[0]!.channels.map((c) => c.id));
  t = await startTestBot(fake, undefined, { clock: new ManualClock(START) });
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

function freshChannel(): string {
  const id = channels[nextChannel];
  nextChannel += 1;
  if (!id) throw new Error('out of channels: add some to the fake guild');
  return id;
}

interface Target {
  channelId: string;
  memberPermissions?: bigint;
  appPermissions?: bigint;
}

async function digest(subcommand: string, values: Record<string, string>, target: Target): Promise<APIMessage> {
  const ix = await fake.sendCommand({ name: 'digest', options: subcommandOptions(subcommand, values), ...target });
  return ix.waitForMessage();
}

const status = (channelId: string) => digestStatus({ subscriptions: t.bot.deps.subscriptions }, channelId);

/** An article arrives now (as the feed poller or `parley ingest` stores it); then a minute passes (a window ends before now). */
function arrive(n: number, overrides: Parameters<typeof talksArticle>[1] = {}): void {
  t.bot.deps.store.ingest([talksArticle(n, overrides)], [], new Date(t.clock.now()));
  t.clock.advance(60 * 1000);
}

describe('/digest subscribe', () => {
  it('subscribes the channel daily at 08:00 UTC by default, starting now, and says so to the channel', async () => {
    const channelId = freshChannel();
    const ix = await fake.sendCommand({ name: 'digest', options: subcommandOptions('subscribe'), channelId, memberPermissions: MANAGER });
    const message = await ix.waitForMessage();
    expect(isEphemeral(message)).toBe(false);
    expect(message.content).toBe(
      [
        '📰 This channel is subscribed to the Parley digest: **daily at 08:00 UTC**.',
        `The first digest comes 2025-11-22 08:00 UTC (<t:${EIGHT_AM}:R>), with the articles that arrive from now on. When nothing new arrives, nothing is posted.`,
      ].join('\n'),
    );
    const callback = fake.requests().find((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${ix.id}/`) && r.response?.status === 204);
    expect(callback?.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { allowed_mentions: { parse: [] } } });
    // No back catalogue: the digest starts from the moment of subscribing.
    expect(t.bot.deps.subscriptions.get(channelId)).toMatchObject({ guildId: fake.guildId, createdBy: fake.userId, cursor: t.clock.iso(), nextDueAt: '2025-11-22T08:00:00.000Z' });
  });

  it('takes schedule, day, time, query and speaker; subscribing again changes them and keeps what arrived since', async () => {
    const channelId = freshChannel();
    await digest('subscribe', { time: '18:30' }, { channelId, memberPermissions: MANAGER });
    const cursor = status(channelId)?.since;
    const changed = await digest('subscribe', { schedule: 'weekly', day: 'monday', time: '9:30', query: 'ceasefire', speaker: 'Peskov' }, { channelId, memberPermissions: MANAGER });
    expect(changed.content).toBe(
      [
        "📰 This channel's Parley digest now comes **weekly on Monday at 09:30 UTC**, only new articles about “ceasefire”, quoting Peskov.",
        `Next digest: 2025-11-24 09:30 UTC (<t:${Date.parse('2025-11-24T09:30:00Z') / 1000}:R>), with everything that arrived since the last one.`,
      ].join('\n'),
    );
    expect(status(channelId)).toMatchObject({ schedule: 'weekly on Monday at 09:30 UTC', query: 'ceasefire', speaker: 'Peskov', since: cursor });
  });

  it('a member without Manage Channels can neither subscribe nor unsubscribe the channel (the bot checks too)', async () => {
    const channelId = freshChannel();
    const refused = await digest('subscribe', {}, { channelId, memberPermissions: DEFAULT_MEMBER_PERMISSIONS });
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toBe('⚠️ only members with the Manage Channels permission can subscribe this channel');
    expect(status(channelId)).toBeNull();

    await digest('subscribe', {}, { channelId, memberPermissions: MANAGER });
    const kept = await digest('unsubscribe', {}, { channelId, memberPermissions: DEFAULT_MEMBER_PERMISSIONS });
    expect(kept.content).toBe('⚠️ only members with the Manage Channels permission can unsubscribe this channel');
    expect(status(channelId)).not.toBeNull();

    // Administrators have every permission.
    const admin = await digest('subscribe', { time: '10:00' }, { channelId, memberPermissions: PermissionFlagsBits.Administrator });
    expect(admin.content).toMatch(/^📰 This channel's Parley digest now comes \*\*daily at 10:00 UTC\*\*/);
    // Anyone may look.
    expect((await digest('status', {}, { channelId, memberPermissions: DEFAULT_MEMBER_PERMISSIONS })).content).toMatch(/^\*\*Parley digest\*\* in this channel: daily at 10:00 UTC/);
  });

  it('refuses a channel where the bot could not post a digest, saying which permissions it lacks', async () => {
    const channelId = freshChannel();
    const appPermissions = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.UseApplicationCommands;
    const message = await digest('subscribe', {}, { channelId, memberPermissions: MANAGER, appPermissions });
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe('⚠️ I cannot post digests in this channel: give me Send Messages, Embed Links here, then subscribe again');
    expect(status(channelId)).toBeNull();
  });

  it.each([
    [{ time: '25:00' }, '⚠️ time must be HH:MM in UTC, from 00:00 to 23:59 (got "25:00")'],
    [{ time: 'noon' }, '⚠️ time must be HH:MM in UTC, from 00:00 to 23:59 (got "noon")'],
    [{ day: 'friday' }, '⚠️ a day can only be given for a weekly digest'],
    [{ query: '?!' }, "⚠️ the query is empty: type a few words from the quote or a speaker's name"],
  ])('tells the person what to fix, and stores nothing: %j', async (values, text) => {
    const channelId = freshChannel();
    const message = await digest('subscribe', values, { channelId, memberPermissions: MANAGER });
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe(text);
    expect(status(channelId)).toBeNull();
  });

  it('notes a speaker nobody quoted so far (the digest lists articles once someone does)', async () => {
    const message = await digest('subscribe', { speaker: 'Nobody Atall' }, { channelId: freshChannel(), memberPermissions: MANAGER });
    expect(message.content).toContain('Note: no article so far quotes “Nobody Atall”; the digest lists articles once one does.');
  });

  it('autocompletes the speaker filter with known speakers in any spelling', async () => {
    // The fake sends the focused option at the top level; discord.js reads it the same way inside a subcommand.
    const choices = await (await fake.sendAutocomplete({ name: 'digest', focused: { name: 'speaker', value: 'zelenskyy' } })).waitForChoices();
    expect(choices[0]).toEqual({ name: 'Volodymyr Zelensky (“Zelenskyy”) — Ukrainian President', value: 'Volodymyr Zelensky' });
  });
});

describe('/digest unsubscribe and status', () => {
  it('status says when a channel is not subscribed, only to the person asking', async () => {
    const message = await digest('status', {}, { channelId: freshChannel() });
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe('This channel has no digest subscription. Members with the Manage Channels permission can start one with `/digest subscribe`.');
  });

  it('status shows the schedule, filters, the next and the last delivery', async () => {
    const channelId = freshChannel();
    await digest('subscribe', { query: 'Geneva talks' }, { channelId, memberPermissions: MANAGER });
    const message = await digest('status', {}, { channelId });
    expect(isEphemeral(message)).toBe(true);
    const since = Date.parse(t.clock.iso()) / 1000;
    expect(message.content).toBe(
      [
        '**Parley digest** in this channel: daily at 08:00 UTC',
        'Filters: about “Geneva talks”',
        `Next digest: 2025-11-22 08:00 UTC (<t:${EIGHT_AM}:R>), with the articles that arrived since ${t.clock.iso().slice(0, 10)} ${t.clock.iso().slice(11, 16)} UTC (<t:${Math.floor(since)}:R>)`,
        'Last digest: none yet',
      ].join('\n'),
    );
  });

  it('unsubscribes, publicly; a second time says there is nothing to stop', async () => {
    const channelId = freshChannel();
    await digest('subscribe', {}, { channelId, memberPermissions: MANAGER });
    const message = await digest('unsubscribe', {}, { channelId, memberPermissions: MANAGER });
    expect(isEphemeral(message)).toBe(false);
    expect(message.content).toBe('This channel no longer gets the Parley digest. `/digest subscribe` starts it again (from then on).');
    expect(status(channelId)).toBeNull();
    const again = await digest('unsubscribe', {}, { channelId, memberPermissions: MANAGER });
    expect(isEphemeral(again)).toBe(true);
    expect(again.content).toBe('⚠️ this channel has no digest subscription');
  });
});

describe('/digest preview', () => {
  it('shows, only to the person asking, what the next digest would contain; nothing is posted and the cursor stays', async () => {
    const channelId = freshChannel();
    await digest('subscribe', {}, { channelId, memberPermissions: MANAGER });
    const since = status(channelId)?.since;

    const empty = await digest('preview', {}, { channelId });
    expect(isEphemeral(empty)).toBe(true);
    expect(empty.content).toMatch(/^Nothing new since 2025-11-22 07:00 UTC \(<t:\d+:R>\) matches this channel's digest: if it were due now, nothing would be posted\.$/);

    t.clock.advance(10 * 60 * 1000);
    arrive(1);
    const message = await digest('preview', {}, { channelId });
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe(
      [
        `👀 **Preview** of this channel's next digest (due 2025-11-22 08:00 UTC (<t:${EIGHT_AM}:R>)); nothing has been posted.`,
        '**Parley digest**: 1 new article since 2025-11-22 07:00 UTC',
      ].join('\n'),
    );
    expect(message.embeds[0]?.title).toBe('Round 1 of ceasefire talks in Geneva');
    expect(message.embeds[0]?.description).toContain('*Test Herald* · 2025-11-20');
    expect(message.embeds[0]?.description).toContain('**Rustem Umerov**');
    expect(message.embeds[0]?.description).toContain('> “We are ready to continue the talks as long as it takes');
    expect(message.embeds[0]?.description).toContain('**Dmitry Peskov**');
    expect(fake.channelMessages(channelId)).toEqual([]);
    expect(status(channelId)?.since).toBe(since);
    expect(t.bot.deps.subscriptions.deliveries(t.bot.deps.subscriptions.get(channelId)!.id)).toEqual([]);
  });

  it('for a channel not subscribed, shows what a digest with the given filters would have posted over the last day or week', async () => {
    const channelId = freshChannel();
    arrive(2, { title: 'Round 2 of ceasefire talks in Istanbul' });
    const matching = await digest('preview', { query: 'Istanbul', schedule: 'weekly' }, { channelId });
    expect(isEphemeral(matching)).toBe(true);
    expect(matching.content).toMatch(/^👀 \*\*Preview\*\*: what a digest with these filters would have posted over the last week\. This channel is not subscribed/);
    expect(matching.embeds.map((e) => e.title)).toContain('Round 2 of ceasefire talks in Istanbul');
    expect(matching.embeds.map((e) => e.title)).not.toContain('Round 1 of ceasefire talks in Geneva');

    const none = await digest('preview', { query: 'Vatican' }, { channelId });
    expect(none.content).toBe('Nothing that arrived in the last day matches: a digest would have posted nothing. This channel is not subscribed (`/digest subscribe`).');
  });

  it('a digest of several messages comes as the reply and ephemeral follow-ups', async () => {
    const channelId = freshChannel();
    await digest('subscribe', {}, { channelId, memberPermissions: MANAGER });
    t.bot.deps.store.ingest(Array.from({ length: 12 }, (_, i) => talksArticle(i + 10)), [], new Date(t.clock.now()));
    t.clock.advance(60 * 1000);
    const ix = await fake.sendCommand({ name: 'digest', options: subcommandOptions('preview'), channelId });
    const first = await ix.waitForMessage();
    const [second] = await ix.waitForFollowUps(1);
    expect(first.content).toMatch(/^👀 \*\*Preview\*\* of this channel's next digest .*\n\*\*Parley digest\*\*: 12 new articles since/);
    expect([first, second].every((m) => m !== undefined && isEphemeral(m))).toBe(true);
    expect([first, second].map((m) => m?.embeds.at(-1)?.footer?.text)).toEqual(['Parley digest · 1/2', 'Parley digest · 2/2']);
    expect(fake.channelMessages(channelId)).toEqual([]);
  });
});
