import { FeedPoller } from '../../src/ingest/poller';
import { feedStatuses } from '../../src/ingest/status';
import { FeedStore } from '../../src/storage/feeds';
import { Store } from '../../src/storage/store';
import type { Article } from '../../src/corpus/types';
import { tempDir } from '../support/corpus';
import { captureLogger, FakeClock, LEVEL } from './helpers';
import { fixture, startFixtureServer, type FixtureServer } from './server';

const INTERVAL_MIN = 15;
const MINUTE = 60_000;
const EMPTY_ATOM = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Metadata Daily</title><id>urn:x</id><updated>2025-11-01T00:00:00Z</updated></feed>';

describe('FeedPoller (feeds and pages on 127.0.0.1, SQLite in a temporary folder)', () => {
  let server: FixtureServer;
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  let feeds: FeedStore;
  let clock: FakeClock;
  let log: ReturnType<typeof captureLogger>;
  let added: Article[];
  let herald: string;
  let daily: string;

  const poller = (seeds: Article[] = []) =>
    new FeedPoller({ store, feeds, seeds, clock, logger: log.logger, intervalMinutes: INTERVAL_MIN, timeoutMs: 5000, onAdded: (a) => added.push(...a) });

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('parley-feeds-'));
    server = await startFixtureServer();
    store = Store.open(dir);
    feeds = new FeedStore(store.db);
    clock = FakeClock.at('2025-11-22T10:00:00Z');
    log = captureLogger();
    added = [];
    herald = `${server.base}/feeds/herald.xml`;
    daily = `${server.base}/feeds/daily.xml`;
    server.serveFile('/feeds/herald.xml', 'herald-1.rss.xml');
    server.set('/feeds/daily.xml', EMPTY_ATOM, 'application/atom+xml');
    server.serveFile('/news/geneva-talks', 'pages/geneva-talks.html');
    server.serveFile('/news/old-istanbul', 'pages/geneva-talks.html');
    server.serveFile('/news/prisoner-exchange', 'pages/undated.html');
    server.serveFile('/news/prisoner-exchange-copy', 'pages/undated.html');
    server.serveFile('/sport/derby', 'pages/football.html');
    server.serveFile('/daily/zelensky-trump-call', 'pages/meta-date-only.html');
    // The Herald's Geneva story syndicated under another address: same text, no canonical link.
    server.set('/partner/geneva-talks', fixture('pages/geneva-talks.html').replace(/<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>/g, ''));
  });

  afterEach(async () => {
    store.close();
    await server.close();
    await cleanup();
  });

  it("records a feed's items at its first poll without reading or storing them", async () => {
    const result = await poller().pollFeed(herald);
    expect(result).toMatchObject({ status: 'baseline', added: [], outcomes: { baseline: 1 } });
    expect(store.articles()).toHaveLength(0);
    expect(server.requests('/news/old-istanbul')).toHaveLength(0);
    expect(feeds.state(herald).firstPolledAt).toBe(clock.iso());
  });

  it('reads only the items that are new since, keeping those about the talks that have a date', async () => {
    const p = poller();
    await p.pollFeed(herald);
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    clock.advance(INTERVAL_MIN * MINUTE);
    const result = await p.pollFeed(herald);
    expect(result.status).toBe('updated');
    expect(result.outcomes).toEqual({ added: 2, 'off-topic': 1, 'no-date': 1 });
    const stored = store.articles();
    expect(stored.map((a) => [a.title, a.source, a.published, a.url])).toEqual([
      ['Envoys Meet in Geneva as Ceasefire Talks Resume', 'Test Herald', '2025-11-20', `${server.base}/news/geneva-talks`],
      // The page has no date: the feed item's date is used.
      ['Delegations agree on a prisoner exchange after talks in Istanbul', 'Undated Wire', '2025-11-21', `${server.base}/news/prisoner-exchange`],
    ]);
    expect(added.map((a) => a.title)).toEqual(stored.map((a) => a.title));
    expect(server.requests('/news/old-istanbul')).toHaveLength(0);
    const skipped = log.lines().filter((l) => l.msg === 'feed item skipped');
    expect(skipped.map((l) => l['reason'])).toEqual(expect.arrayContaining([expect.stringMatching(/^no date/), expect.stringMatching(/topic filter/)]));
    expect(feeds.state(herald).lastNewArticleAt).toBe(clock.iso());
    expect(feeds.arrivals().get(stored[0]!.id)).toBe(clock.iso());
  });

  it('polls with If-None-Match, and reads nothing when the feed answers 304; a changed ETag brings the new items', async () => {
    const p = poller();
    await p.pollFeed(herald);
    clock.advance(INTERVAL_MIN * MINUTE);
    expect(await p.pollFeed(herald)).toMatchObject({ status: 'not-modified', added: [] });
    const [first, second] = server.requests('/feeds/herald.xml');
    expect(first?.headers['if-none-match']).toBeUndefined();
    expect(second?.headers['if-none-match']).toMatch(/^"[0-9a-f]+"$/);
    expect(second?.status).toBe(304);
    expect(server.requests().filter((r) => r.path.startsWith('/news/'))).toHaveLength(0);
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    clock.advance(INTERVAL_MIN * MINUTE);
    expect((await p.pollFeed(herald)).added).toHaveLength(2);
    expect(server.requests('/feeds/herald.xml')[2]?.status).toBe(200);
  });

  it('backs off a failing feed, reports it as failing from the third failure, and keeps its last error', async () => {
    const p = poller();
    server.failNext('/feeds/herald.xml', 500, 3);
    const waits: number[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const r = await p.pollFeed(herald);
      expect(r).toMatchObject({ status: 'failed', failures: i, error: expect.stringMatching(/HTTP 500/) });
      waits.push(Date.parse(feeds.state(herald).nextPollAt!) - clock.now());
      // Not due again before its backoff is over.
      expect(await p.pollDue([herald])).toEqual([]);
      clock.advance(waits[waits.length - 1]!);
    }
    expect(waits).toEqual([2, 4, 8].map((k) => k * INTERVAL_MIN * MINUTE));
    const levels = log.lines().filter((l) => /feed poll failed|feed keeps failing/.test(l.msg)).map((l) => [l.level, l.msg]);
    expect(levels).toEqual([
      [LEVEL.warn, 'feed poll failed; will retry later'],
      [LEVEL.warn, 'feed poll failed; will retry later'],
      [LEVEL.error, 'feed keeps failing'],
    ]);
    expect(feedStatuses([herald], feeds)[0]).toMatchObject({ failures: 3, failing: true, lastError: { message: expect.stringMatching(/HTTP 500/) }, lastPoll: expect.any(String) });
    // It recovers: the next poll is its first success, so it records what is there.
    const results = await p.pollDue([herald]);
    expect(results.map((r) => r.status)).toEqual(['baseline']);
    expect(feedStatuses([herald], feeds)[0]).toMatchObject({ failures: 0, failing: false, lastError: { message: expect.stringMatching(/HTTP 500/) } });
  });

  it('stores the same story once when two feeds carry it, under tracking parameters or another address', async () => {
    const p = poller();
    await p.pollFeed(herald);
    await p.pollFeed(daily);
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    server.serveFile('/feeds/daily.xml', 'daily.atom.xml');
    clock.advance(INTERVAL_MIN * MINUTE);
    await p.pollFeed(herald);
    const result = await p.pollFeed(daily);
    expect(result.outcomes).toEqual({ added: 1, duplicate: 2 });
    expect(store.articles().filter((a) => a.title.startsWith('Envoys Meet in Geneva'))).toHaveLength(1);
    // The link with tracking parameters was known: its page was not fetched again.
    expect(server.requests('/news/geneva-talks')).toHaveLength(1);
    // The page's date is only in its JSON-LD; the item's later <updated> does not override it.
    expect(store.articles().find((a) => a.source === 'Metadata Daily')?.published).toBe('2025-11-22');
  });

  it('does not store a story that is among the seeds', async () => {
    const seed: Article = {
      id: 'seed',
      title: 'Envoys Meet in Geneva',
      source: 'Test Herald',
      url: `${server.base}/news/geneva-talks?utm_source=seed`,
      published: '2025-11-20',
      author: null,
      body: 'Text.',
      origin: 'seeds/x.md',
    };
    const p = poller([seed]);
    await p.pollFeed(herald);
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    expect((await p.pollFeed(herald)).outcomes).toMatchObject({ duplicate: 1, added: 1 });
  });

  it('tries an item again at the next poll when its page failed for now (5xx)', async () => {
    const p = poller();
    await p.pollFeed(herald);
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    server.failNext('/news/prisoner-exchange', 503);
    clock.advance(INTERVAL_MIN * MINUTE);
    expect((await p.pollFeed(herald)).outcomes).toMatchObject({ added: 1, retry: 1 });
    clock.advance(INTERVAL_MIN * MINUTE);
    const again = await p.pollFeed(herald);
    // The feed's validators were not updated, so it came back whole; only the failed item is read.
    expect(again.outcomes).toEqual({ added: 1 });
    expect(server.requests('/feeds/herald.xml')[2]?.status).toBe(200);
    expect(server.requests('/news/geneva-talks')).toHaveLength(1);
  });

  it('polls on a timer with the injected clock, every interval', async () => {
    const p = poller();
    p.start([herald]);
    clock.advance(0);
    await new Promise((r) => setImmediate(r));
    await p.pollDue([]); // joins the poll the timer started
    expect(server.requests('/feeds/herald.xml')).toHaveLength(1);
    for (let i = 0; i < 20 && server.requests('/feeds/herald.xml').length < 2; i += 1) {
      clock.advance(INTERVAL_MIN * MINUTE);
      await new Promise((r) => setTimeout(r, 20));
    }
    p.stop();
    expect(server.requests('/feeds/herald.xml')).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(0);
  });
});
