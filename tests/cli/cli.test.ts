import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { run } from '../../src/cli';
import { silentLogger } from '../../src/logger';
import { tempDir } from '../support/corpus';

const BIN = path.join(__dirname, '../../bin/parley.js');
const exec = promisify(execFile);

/** Run the CLI in-process, capturing stdout and stderr. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), env, logger: silentLogger() });
  return { code, out, err };
}

describe('parley CLI', () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const t = await tempDir('parley-cli-');
    dataDir = path.join(t.dir, 'data');
    cleanup = t.cleanup;
  });
  afterEach(async () => cleanup());

  describe('whosaid', () => {
    it('prints JSON of the documented shape with --json', async () => {
      const { code, out, err } = await cli(['whosaid', 'rose-tinted glasses', '--json', '--data-dir', dataDir]);
      expect(code).toBe(0);
      expect(err).toBe('');
      const json = JSON.parse(out) as { query: string; results: Record<string, unknown>[] };
      expect(json.query).toBe('rose-tinted glasses');
      expect(json.results[0]).toEqual({
        quote: expect.stringContaining('rose-tinted glasses'),
        speaker: { name: 'Dmitry Peskov', role: expect.any(String) },
        passage: expect.any(String),
        score: expect.any(Number),
        article: { title: 'Ukraine Peace Talks ‘On Pause,’ Kremlin Says', source: 'The Moscow Times', url: expect.stringMatching(/^https:/), published: '2025-09-12' },
      });
    });

    it('prints the quote, speaker, outlet, date and link as text', async () => {
      const { code, out } = await cli(['whosaid', 'rose-tinted glasses', '--data-dir', dataDir]);
      expect(code).toBe(0);
      expect(out).toMatch(/rose-tinted glasses/);
      expect(out).toMatch(/Dmitry Peskov/);
      expect(out).toMatch(/The Moscow Times, 2025-09-12/);
      expect(out).toMatch(/https:\/\/www\.themoscowtimes\.com\/2025\/09\/12\//);
    });

    it.each([
      [['whosaid', ''], /query is empty/],
      [['whosaid', 'talks', '--from', '2025-1-5'], /from must be a date written YYYY-MM-DD/],
      [['whosaid', 'talks', '--from', '2025-06-01', '--to', '2025-01-01'], /from \(2025-06-01\) is after to \(2025-01-01\)/],
      [['whosaid', 'talks', '--colour'], /unknown option '--colour'/],
      [['whosaid', 'talks', '--limit', 'many'], /limit must be a whole number/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ])('rejects %j with one clear line on stderr, exit 2, and nothing written', async (args, message) => {
      const { code, out, err } = await cli([...args, '--data-dir', dataDir]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(existsSync(dataDir)).toBe(false);
    });
  });

  describe('timeline', () => {
    it('prints events of the documented JSON shape', async () => {
      const { code, out } = await cli(['timeline', '--json', '--data-dir', dataDir]);
      expect(code).toBe(0);
      const json = JSON.parse(out) as { events: Record<string, unknown>[] };
      expect(json.events[0]).toEqual(
        expect.objectContaining({
          date: expect.stringMatching(/^\d{4}(-\d{2}(-\d{2})?)?$/),
          precision: expect.stringMatching(/^(day|month|year)$/),
          summary: expect.any(String),
          evidence: expect.any(String),
          articles: expect.arrayContaining([expect.objectContaining({ title: expect.any(String), source: expect.any(String), published: expect.any(String) })]),
        }),
      );
    });

    it('reads as a timeline grouped by year and month', async () => {
      const { out } = await cli(['timeline', '--from', '2025-08-01', '--to', '2025-08-31', '--data-dir', dataDir]);
      expect(out).toMatch(/== 2025 ==\n(?:.*\n)*-- August 2025 --\nAugust 2025 \(month\): .*Alaska/);
    });

    it('rejects a malformed date with exit 2', async () => {
      const { code, err } = await cli(['timeline', '--to', '14/11/2025', '--data-dir', dataDir]);
      expect(code).toBe(2);
      expect(err).toMatch(/to must be a date written YYYY-MM-DD/);
    });
  });

  describe('quotes', () => {
    it('lists every quotation with its speaker as JSON', async () => {
      const { code, out } = await cli(['quotes', '--json', '--data-dir', dataDir]);
      expect(code).toBe(0);
      const json = JSON.parse(out) as { quotes: { quote: string; speaker: { name: string } | null; article: { published: string } }[] };
      expect(json.quotes.length).toBeGreaterThanOrEqual(30);
      expect(json.quotes.find((q) => q.quote.includes('rose-tinted'))?.speaker?.name).toBe('Dmitry Peskov');
    });
  });

  describe('ingest', () => {
    const article = (title: string, url: string) =>
      `---\ntitle: "${title}"\nsource: "Test Wire"\nurl: "${url}"\npublished: 2025-12-01\n---\n` +
      `“We are ready to meet in Istanbul next week,” Ukrainian Foreign Minister Andrii Sybiha told reporters in Kyiv on Monday.\n`;

    it('adds an article that whosaid then finds, and does not duplicate it when ingested again', async () => {
      const file = path.join(path.dirname(dataDir), 'new.md');
      await writeFile(file, article('Sybiha ready for Istanbul', 'https://wire.example/sybiha'));
      expect((await cli(['ingest', file, '--data-dir', dataDir])).out).toMatch(/1 added/);
      expect((await cli(['ingest', file, '--data-dir', dataDir])).out).toMatch(/0 added, 1 already in the corpus/);
      const { out } = await cli(['whosaid', 'Istanbul next week', '--json', '--data-dir', dataDir]);
      const json = JSON.parse(out) as { results: { speaker: { name: string } | null }[] };
      expect(json.results[0]?.speaker?.name).toBe('Andrii Sybiha');
      const again = JSON.parse((await cli(['quotes', '--json', '--data-dir', dataDir])).out) as { quotes: { quote: string }[] };
      expect(again.quotes.filter((q) => q.quote.includes('Istanbul next week'))).toHaveLength(1);
    });

    it('refuses a batch with a file that is not an article, writing nothing', async () => {
      const dir = path.dirname(dataDir);
      await writeFile(path.join(dir, 'good.md'), article('Good', 'https://wire.example/good'));
      await writeFile(path.join(dir, 'notes.txt'), 'shopping list\nmilk\n');
      const { code, err } = await cli(['ingest', path.join(dir, 'good.md'), path.join(dir, 'notes.txt'), '--data-dir', dataDir]);
      expect(code).toBe(2);
      expect(err).toMatch(/notes\.txt: not an article/);
      expect(existsSync(dataDir) ? await readdir(dataDir) : []).toEqual([]);
    });

    it('refuses a missing file with exit 2', async () => {
      const { code, err } = await cli(['ingest', '/nonexistent/story.md', '--data-dir', dataDir]);
      expect(code).toBe(2);
      expect(err).toMatch(/\/nonexistent\/story\.md: no such file/);
    });
  });

  describe('as a process (bin/parley.js, built by npm ci)', () => {
    it('keeps stdout clean JSON and exits 0', async () => {
      const { stdout } = await exec('node', [BIN, 'whosaid', 'rose-tinted glasses', '--json', '--data-dir', dataDir], { env: { ...process.env, LOG_LEVEL: 'debug' } });
      expect(JSON.parse(stdout).results[0].speaker.name).toBe('Dmitry Peskov');
    });

    it('exits 2 with one line and no stack trace on bad input', async () => {
      const error = await exec('node', [BIN, 'whosaid', '--from', 'yesterday', 'x', '--data-dir', dataDir]).catch((e: { code: number; stderr: string }) => e);
      expect(error).toMatchObject({ code: 2 });
      expect((error as { stderr: string }).stderr).toBe('parley: from must be a date written YYYY-MM-DD (got "yesterday")\n');
    });
  });
});
