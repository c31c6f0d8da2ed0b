/** `parley ingest` with pages and feeds, `parley digest` and `parley feeds`, in-process. */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from '../../src/cli';
import { silentLogger } from '../../src/logger';
import { tempDir } from '../support/corpus';
import { fixture, startFixtureServer, type FixtureServer } from './server';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), env, logger: silentLogger() });
  return { code, out, err };
}

interface IngestJson {
  added: { title: string; source: string; published: string }[];
  skipped: { title: string | null; file: string; reason: string }[];
}

describe('parley ingest / digest / feeds with pages and feeds', () => {
  let server: FixtureServer;
  let dir: string;
  let dataDir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    server = await startFixtureServer();
    server.serveFile('/feeds/herald.xml', 'herald-2.rss.xml');
    server.serveFile('/feeds/daily.xml', 'daily.atom.xml');
    server.serveFile('/news/geneva-talks', 'pages/geneva-talks.html');
    server.serveFile('/news/prisoner-exchange', 'pages/undated.html');
    server.serveFile('/news/prisoner-exchange-copy', 'pages/undated.html');
    server.serveFile('/news/old-istanbul', 'pages/meta-date-only.html');
    server.serveFile('/sport/derby', 'pages/football.html');
  });
  afterAll(async () => server.close());

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('parley-cli-ingest-'));
    dataDir = path.join(dir, 'data');
  });
  afterEach(async () => cleanup());

  it('ingests a saved .html page, with title, outlet and date from its metadata', async () => {
    const file = path.join(dir, 'call.html');
    await writeFile(file, fixture('pages/meta-date-only.html'));
    const { code, out } = await cli(['ingest', file, '--json', '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect((JSON.parse(out) as IngestJson).added).toEqual([{ title: 'Zelensky and Trump Discuss the Peace Plan', source: 'Metadata Daily', published: '2025-11-22' }]);
    const whosaid = JSON.parse((await cli(['whosaid', 'points of the peace plan', '--json', '--data-dir', dataDir])).out) as { results: { speaker: { name: string } | null }[] };
    expect(whosaid.results[0]?.speaker?.name).toBe('Volodymyr Zelensky');
  });

  it('ingests a page by URL, once, whatever its tracking parameters', async () => {
    const first = await cli(['ingest', `${server.base}/news/geneva-talks?utm_source=x&utm_medium=y#xtor=RSS-1`, '--data-dir', dataDir]);
    expect(first.out).toMatch(/added: Envoys Meet in Geneva as Ceasefire Talks Resume \(Test Herald, 2025-11-20\)/);
    const again = await cli(['ingest', `${server.base}/news/geneva-talks`, '--data-dir', dataDir]);
    expect(again.out).toMatch(/0 added, 1 already in the corpus/);
  });

  it('ingests a feed by URL: each item from its page, keeping those about the talks that have a date', async () => {
    const { code, out } = await cli(['ingest', `${server.base}/feeds/herald.xml`, '--json', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as IngestJson;
    expect(json.added.map((a) => [a.title, a.published])).toEqual([
      ['Envoys Meet in Geneva as Ceasefire Talks Resume', '2025-11-20'],
      ['Delegations agree on a prisoner exchange after talks in Istanbul', '2025-11-21'],
      ['Zelensky and Trump Discuss the Peace Plan', '2025-11-22'],
    ]);
    expect(json.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/^no date/), expect.stringMatching(/topic filter/)]);
  });

  it('ingests a feed file; --any-topic keeps what the topic filter would drop', async () => {
    const file = path.join(dir, 'herald.xml');
    await writeFile(file, fixture('herald-2.rss.xml').replaceAll('{{BASE}}', server.base));
    const json = JSON.parse((await cli(['ingest', file, '--any-topic', '--json', '--data-dir', dataDir])).out) as IngestJson;
    expect(json.added.map((a) => a.title)).toContain('Late Goal Gives City the Derby');
  });

  it('refuses a URL it cannot fetch, writing nothing', async () => {
    const { code, err } = await cli(['ingest', `${server.base}/news/missing`, '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(err).toMatch(/cannot fetch http:\/\/127\.0\.0\.1:\d+\/news\/missing: HTTP 404/);
    expect(existsSync(dataDir) ? await readdir(dataDir) : []).toEqual([]);
  });

  it('prints what a digest since a date would contain, as JSON or text', async () => {
    await cli(['ingest', `${server.base}/news/geneva-talks`, '--data-dir', dataDir]);
    const { code, out } = await cli(['digest', '--since', '2025-11-01', '--json', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { since: string; articles: { article: { title: string }; speakers: { name: string; quotes: string[] }[] }[]; events: { date: string }[] };
    expect(json.since).toBe('2025-11-01T00:00:00.000Z');
    // Ingested today: new whatever its publication date; seeds count from their publication date.
    expect(json.articles.map((a) => a.article.title)).toEqual(expect.arrayContaining(['Envoys Meet in Geneva as Ceasefire Talks Resume']));
    const geneva = json.articles.find((a) => a.article.title.startsWith('Envoys'))!;
    expect(geneva.speakers[0]?.name).toBe('Rustem Umerov');
    expect(json.events.length).toBeGreaterThan(0);
    const text = (await cli(['digest', '--since', '2025-11-01', '--query', 'Geneva', '--data-dir', dataDir])).out;
    expect(text).toMatch(/^1 new article since 2025-11-01, matching "Geneva"/);
    expect(text).toMatch(/Rustem Umerov \(Ukrainian negotiator\), \d quotes:\n {6}“/);
    expect(text).toMatch(/\n\nNew dated events:\n {2}\d{4}/);
    expect((await cli(['digest', '--since', '2099-01-01', '--data-dir', dataDir])).out).toBe('Nothing new since 2099-01-01.\n');
  });

  it.each([
    [['digest'], /digest needs --since YYYY-MM-DD/],
    [['digest', '--since', '2025-13-01'], /since must be a date written YYYY-MM-DD/],
    [['digest', '--since', '2025-11-01', 'extra'], /digest takes no arguments/],
  ])('refuses %j with exit 2', async (args, message) => {
    const { code, err } = await cli([...args, '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('lists the configured feeds with their last poll, last new article and last error', async () => {
    const feeds = `${server.base}/feeds/herald.xml, ${server.base}/feeds/broken.xml`;
    const before = JSON.parse((await cli(['feeds', '--json', '--data-dir', dataDir], { PARLEY_FEEDS: feeds })).out) as { feeds: { url: string; lastPoll: string | null }[] };
    expect(before.feeds.map((f) => [f.url, f.lastPoll])).toEqual([
      [`${server.base}/feeds/herald.xml`, null],
      [`${server.base}/feeds/broken.xml`, null],
    ]);
    await cli(['feeds', '--poll', '--data-dir', dataDir], { PARLEY_FEEDS: feeds });
    const { code, out } = await cli(['feeds', '--data-dir', dataDir], { PARLEY_FEEDS: feeds });
    expect(code).toBe(0);
    expect(out).toMatch(/feeds\/herald\.xml\n {4}last poll: \d{4}-\d\d-\d\d \d\d:\d\d UTC\n {4}last new article: never\n {4}last error: none/);
    expect(out).toMatch(/feeds\/broken\.xml\n {4}last poll: .*\n {4}last new article: never\n {4}last error: .*HTTP 404.*\(1 failed in a row\)/);
  });

  it.each([
    [{ PARLEY_FEEDS: 'ftp://x.example/feed' }, /PARLEY_FEEDS must list feed URLs/],
    [{ PARLEY_FEED_INTERVAL: '0' }, /PARLEY_FEED_INTERVAL must be a whole number of minutes/],
  ])('refuses bad feed configuration %j', async (env, message) => {
    const { code, err } = await cli(['feeds', '--data-dir', dataDir], env);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
