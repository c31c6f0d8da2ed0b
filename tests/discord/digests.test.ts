/**
 * Digests end to end, as `npm start` wires them: the real bot (startBot) against the fake Discord,
 * polling two feeds (RSS and Atom) served with their pages on 127.0.0.1, on a manual clock. A
 * channel subscribed through `/digest subscribe` gets one digest at its time, listing the articles
 * the feeds brought since, with speakers, quotes and dates; after a restart on the same data
 * nothing is posted twice; a channel that is gone (404) or locked (403) is paused, and
 * `/digest status` says why. The tests run in order and share the bot and its data.
 */
import { PermissionFlagsBits, type APIMessage } from 'discord.js';
import { DEFAULT_MEMBER_PERMISSIONS, startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { fixture, startFixtureServer, type FixtureServer } from '../ingest/server';
import { talksArticle } from '../digest/helpers';
import { captureLogger, isEphemeral, ManualClock, startTestBot, subcommandOptions, tempDir, type TestBot } from './helpers';

const MINUTE = 60 * 1000;
const MANAGER = DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageChannels;
const EMPTY_ATOM =
  '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Metadata Daily</title><id>urn:x</id><updated>2025-11-01T00:00:00Z</updated></feed>';

let server: FixtureServer;
let fake: FakeDiscord;
let data: { dir: string; remove: () => Promise<void> };
let clock: ManualClock;
let t: TestBot;
let feeds: string[];
let news: string;
let gone: string;
let locked: string;

beforeAll(async () => {
  server = await startFixtureServer();
  server.serveFile('/feeds/herald.xml', 'herald-1.rss.xml');
  server.set('/feeds/daily.xml', EMPTY_ATOM, 'application/atom+xml');
  server.serveFile('/news/geneva-talks', 'pages/geneva-talks.html');
  server.serveFile('/news/old-istanbul', 'pages/geneva-talks.html');
  server.serveFile('/news/prisoner-exchange', 'pages/undated.html');
  server.serveFile('/news/prisoner-exchange-copy', 'pages/undated.html');
  server.serveFile('/sport/derby', 'pages/football.html');
  server.serveFile('/daily/zelensky-trump-call', 'pages/meta-date-only.html');
  server.set('/partner/geneva-talks', fixture('pages/geneva-talks.html').replace(/<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>/g, ''));
  feeds = [`${server.base}/feeds/herald.xml`, `${server.base}/feeds/daily.xml`];

  fake = await startFakeDiscord({ guilds: [{ channels: [{ name: 'news' }, { name: 'gone' }, { name: 'locked' }] }] });
  [news, gone, locked] = fake.guilds[0]!.channels.map((c) => c.id) as [string, string, string];
  data = await tempDir('parley-digests-');
  clock = new ManualClock('2025-11-22T07:00:00Z');
  t = await startTestBot(fake, undefined, { clock, dataDir: data.dir, feeds });
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await server?.close();
  await data?.remove();
});

/** Moves the clock, then waits for the poll and the digest run the timers started (or runs them). */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await t.bot.poller.pollDue([]);
  await t.bot.scheduler.runDue();
}

async function advanceTo(iso: string): Promise<void> {
  await advance(Date.parse(iso) - clock.now());
}

async function digestCommand(subcommand: string, channelId: string, values: Record<string, string> = {}): Promise<APIMessage> {
  const ix = await fake.sendCommand({ name: 'digest', options: subcommandOptions(subcommand, values), channelId, memberPermissions: MANAGER });
  return ix.waitForMessage();
}

function posts(channelId: string): { status: number | undefined; nonce: unknown }[] {
  return fake
    .requests()
    .filter((r) => r.method === 'POST' && r.route === `/channels/${channelId}/messages`)
    .map((r) => ({ status: r.response?.status, nonce: (r.body as { nonce?: unknown } | undefined)?.nonce }));
}

describe('digests: feeds polled, posted at the scheduled time, exactly once', () => {
  it('records what the feeds hold at start-up without announcing it', async () => {
    await advance(0);
    expect(server.requests('/feeds/herald.xml')).toHaveLength(1);
    expect(server.requests('/feeds/daily.xml')).toHaveLength(1);
    expect(t.bot.deps.store.articles()).toEqual([]);
    expect(server.requests('/news/old-istanbul')).toEqual([]);
  });

  it('a subscribed channel gets one digest at its time, listing the new articles with speakers, quotes and dates', async () => {
    const subscribed = await digestCommand('subscribe', news);
    expect(subscribed.content).toMatch(/^📰 This channel is subscribed to the Parley digest: \*\*daily at 08:00 UTC\*\*\./);

    // New items in both feeds; the next poll (15 minutes on) reads their pages.
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    server.serveFile('/feeds/daily.xml', 'daily.atom.xml');
    await advance(15 * MINUTE);
    expect(t.bot.deps.store.articles().map((a) => a.source)).toEqual(['Test Herald', 'Undated Wire', 'Metadata Daily']);
    // Commands see the polled articles at once (the live index).
    const who = await (await fake.sendCommand({ name: 'whosaid', options: { query: 'not to listen to ultimatums' } })).waitForMessage();
    expect(who.embeds[0]?.author?.name).toMatch(/^Rustem Umerov/);

    // Nothing before the time; Discord rate-limits the first attempt (429), which is waited out.
    await advanceTo('2025-11-22T07:59:00Z');
    expect(fake.channelMessages(news)).toEqual([]);
    fake.failNext(`POST /channels/${news}/messages`, { status: 429, retryAfter: 0.05 });
    // At 08:00 the scheduler's own timer posts the digest (no run is started by the test).
    clock.advanceTo('2025-11-22T08:00:00Z');
    await fake.waitFor(() => fake.channelMessages(news).length > 0, 10_000, 'the digest in #news');
    await t.bot.scheduler.runDue(); // joins the run until the delivery is recorded

    const messages = fake.channelMessages(news);
    expect(messages).toHaveLength(1);
    const [digest] = messages as [APIMessage];
    expect(digest.content).toBe('**Parley digest**: 3 new articles since 2025-11-22 07:00 UTC');
    expect(digest.embeds.map((e) => e.title)).toEqual([
      'Envoys Meet in Geneva as Ceasefire Talks Resume',
      'Delegations agree on a prisoner exchange after talks in Istanbul',
      'Zelensky and Trump Discuss the Peace Plan',
      'New dated events',
    ]);
    const [geneva, exchange, call] = digest.embeds;
    expect(geneva?.url).toBe(`${server.base}/news/geneva-talks`);
    expect(geneva?.description).toContain('*Test Herald* · 2025-11-20');
    expect(geneva?.description).toContain('**Rustem Umerov**');
    expect(geneva?.description).toContain('> “We came here to discuss a ceasefire, not to listen to ultimatums”');
    expect(geneva?.description).toContain('**Dmitry Peskov**');
    expect(geneva?.description).toContain('> “The negotiations are difficult, but the dialogue continues”');
    expect(exchange?.description).toContain('*Undated Wire* · 2025-11-21');
    expect(exchange?.description).toContain('**Hakan Fidan**');
    expect(call?.description).toContain('*Metadata Daily* · 2025-11-22');
    expect(call?.description).toContain('**Volodymyr Zelensky**');
    expect(call?.description).toContain('> “We discussed the points of the peace plan that remain open');

    // Mentions disabled, the nonce enforced; the 429 was retried with the same nonce.
    const sent = posts(news);
    expect(sent.map((p) => p.status)).toEqual([429, 200]);
    expect(new Set(sent.map((p) => p.nonce)).size).toBe(1);
    const body = fake.requests().find((r) => r.method === 'POST' && r.route === `/channels/${news}/messages` && r.response?.status === 200)?.body;
    expect(body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });

    const status = await digestCommand('status', news);
    expect(isEphemeral(status)).toBe(true);
    expect(status.content).toContain('Next digest: 2025-11-23 08:00 UTC');
    expect(status.content).toContain('Last digest: 2025-11-22 08:00 UTC');
    expect(status.content).toContain('(1 message)');

    // Later the same day: nothing more.
    await advanceTo('2025-11-22T12:00:00Z');
    expect(fake.channelMessages(news)).toHaveLength(1);
  });

  it('after a restart on the same data nothing is posted twice, and the next digest holds only what is new', async () => {
    await t.stop();
    // Stopped: no poll or digest run is left waiting on the clock.
    expect(clock.pending()).toBe(0);
    t = await startTestBot(fake, undefined, { clock, dataDir: data.dir, feeds, log: captureLogger() });
    await advance(0);
    expect(fake.channelMessages(news)).toHaveLength(1);

    // One more story in the Herald's feed.
    const istanbul = fixture('pages/geneva-talks.html')
      .replaceAll('geneva-talks', 'istanbul-talks')
      .replaceAll('Geneva', 'Istanbul')
      .replace('2025-11-20T23:30:00+02:00', '2025-11-22T13:30:00+02:00');
    server.set('/news/istanbul-talks', istanbul);
    server.set(
      '/feeds/herald.xml',
      fixture('herald-2.rss.xml').replace(
        '<item>',
        '<item><title>Envoys Meet in Istanbul</title><link>{{BASE}}/news/istanbul-talks</link><guid isPermaLink="false">herald-istanbul</guid><pubDate>Sat, 22 Nov 2025 11:30:00 GMT</pubDate></item>\n    <item>',
      ),
      'application/rss+xml',
    );
    await advanceTo('2025-11-22T13:00:00Z');
    expect(t.bot.deps.store.articles()).toHaveLength(4);

    await advanceTo('2025-11-23T08:00:00Z');
    const messages = fake.channelMessages(news);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.embeds.map((e) => e.title)).toEqual(['Envoys Meet in Istanbul as Ceasefire Talks Resume', 'New dated events']);
    expect(messages[1]?.content).toBe('**Parley digest**: 1 new article since 2025-11-22 08:00 UTC');
    // Every digest message was posted once.
    expect(posts(news).filter((p) => p.status === 200)).toHaveLength(2);
  });

  it('a channel gone (404) or locked (403) pauses its subscription with the reason, shown by /digest status; subscribing again resumes it', async () => {
    await digestCommand('subscribe', gone, { time: '09:00' });
    await digestCommand('subscribe', locked, { time: '09:00' });
    // An article stored by `parley ingest` in another process.
    clock.advance(MINUTE);
    t.bot.deps.store.ingest([talksArticle(1)], [], new Date(clock.now()));
    fake.failNext(`POST /channels/${gone}/messages`, { status: 404, code: 10003, message: 'Unknown Channel' });
    fake.failNext(`POST /channels/${locked}/messages`, { status: 403, code: 50001, message: 'Missing Access' });
    await advanceTo('2025-11-23T09:00:00Z');

    const goneStatus = await digestCommand('status', gone);
    expect(goneStatus.content).toContain('⏸️ **Paused** since 2025-11-23 09:00 UTC');
    expect(goneStatus.content).toContain('the channel no longer exists (404 Unknown Channel (code 10003))');
    expect(goneStatus.content).not.toContain('Next digest');
    const lockedStatus = await digestCommand('status', locked);
    expect(lockedStatus.content).toContain('the bot lost access to the channel (403 Missing Access (code 50001))');
    const paused = t.log.records().filter((r) => r.msg === 'digest: subscription paused');
    expect(paused.map((r) => [r.level, r['channelId']])).toEqual(expect.arrayContaining([[40, gone], [40, locked]]));
    expect(t.bot.client.isReady()).toBe(true);

    // Paused: nothing is attempted at the next slots.
    await advanceTo('2025-11-24T09:00:00Z');
    expect(posts(locked)).toHaveLength(1);

    // Access restored: subscribing again resumes, and the article held back is delivered.
    const resumed = await digestCommand('subscribe', locked, { time: '10:00' });
    expect(resumed.content).toContain('Deliveries were paused and resume now.');
    await advanceTo('2025-11-24T10:00:00Z');
    expect(fake.channelMessages(locked).map((m) => m.embeds[0]?.title)).toEqual(['Round 1 of ceasefire talks in Geneva']);
    expect(fake.channelMessages(gone)).toEqual([]);
  });
});
