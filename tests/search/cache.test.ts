import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openCorpus, type LoadedCorpus } from '../../src/app';
import { whosaid } from '../../src/answers/whosaid';
import { parseArticle } from '../../src/corpus/load';
import { silentLogger } from '../../src/logger';
import { CACHE_DIR, fingerprint, MANIFEST_FILE, readManifest, type CacheManifest } from '../../src/search/cache';
import { SEEDS_DIR, tempDir } from '../support/corpus';

const article = parseArticle(
  `---\ntitle: "Sybiha ready for Istanbul"\nsource: "Test Wire"\nurl: "https://wire.example/sybiha"\npublished: 2025-12-01\n---\n` +
    `“We are ready to meet in Istanbul next week,” Ukrainian Foreign Minister Andrii Sybiha told reporters in Kyiv on Monday.\n`,
  'sybiha.md',
);

let dataDir: string;
let cleanup: () => Promise<void>;
const opened: LoadedCorpus[] = [];

beforeEach(async () => {
  const t = await tempDir('parley-cache-');
  dataDir = path.join(t.dir, 'data');
  cleanup = t.cleanup;
});
afterEach(async () => {
  for (const o of opened.splice(0)) o.store.close();
  await cleanup();
});

async function open(): Promise<LoadedCorpus> {
  const loaded = await openCorpus({ dataDir, logger: silentLogger(), seedDirs: [SEEDS_DIR] });
  opened.push(loaded);
  return loaded;
}

function cacheDir(): string {
  return path.join(dataDir, CACHE_DIR);
}

function manifest(): CacheManifest {
  const m = readManifest(dataDir);
  if (!m) throw new Error('no manifest');
  return m;
}

function firstSpeaker(loaded: LoadedCorpus, query: string): string | undefined {
  return whosaid(loaded.index, query).results[0]?.speaker?.name;
}

describe('the corpus cache', () => {
  it('is written on the first start and reused by the next one, with the same answers', async () => {
    const first = await open();
    expect(first.cache).toEqual({ used: false, miss: 'absent' });
    expect(existsSync(path.join(cacheDir(), MANIFEST_FILE))).toBe(true);
    const second = await open();
    expect(second.cache).toEqual({ used: true });
    expect(second.timings.corpusMs).toBe(0);
    expect(firstSpeaker(second, 'rose-tinted glasses')).toBe('Dmitry Peskov');
    expect(whosaid(second.index, 'peace', { speaker: 'Zelenskyy' })).toEqual(whosaid(first.index, 'peace', { speaker: 'Zelenskyy' }));
    expect(second.corpus.articles.map((a) => a.quotes)).toEqual(first.corpus.articles.map((a) => a.quotes));
    expect(second.corpus.articles.map((a) => a.sentences)).toEqual(first.corpus.articles.map((a) => a.sentences));
    expect(second.corpus.speakers).toEqual(first.corpus.speakers);
  });

  it('restores every field of a processed article, the raw text included (read on demand)', async () => {
    const first = await open();
    const second = await open();
    const a = first.corpus.articles[0]!;
    const b = second.corpus.articles.find((d) => d.article.id === a.article.id)!;
    expect(b.article.body).toBe(a.article.body);
    expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
  });

  it('is rebuilt when the articles change, then reused again', async () => {
    await open();
    const before = manifest().fingerprint;
    opened[0]!.store.ingest([article]);
    const changed = await open();
    expect(changed.cache).toEqual({ used: false, miss: 'stale' });
    expect(firstSpeaker(changed, 'Istanbul next week')).toBe('Andrii Sybiha');
    expect(manifest().fingerprint).not.toBe(before);
    const again = await open();
    expect(again.cache.used).toBe(true);
    expect(firstSpeaker(again, 'Istanbul next week')).toBe('Andrii Sybiha');
    expect(again.corpus.articles.find((d) => d.article.id === article.id)?.article.body).toBe(article.body);
  });

  it('is rebuilt when the code or options it was made with change (another fingerprint)', async () => {
    await open();
    const stamps = [{ id: 'a', content: 'x' }];
    expect(fingerprint(stamps, { codeDigest: 'one' })).not.toBe(fingerprint(stamps, { codeDigest: 'two' }));
    expect(fingerprint(stamps, { codeDigest: 'one' })).not.toBe(fingerprint([{ id: 'a', content: 'y' }], { codeDigest: 'one' }));
    const file = path.join(cacheDir(), MANIFEST_FILE);
    writeFileSync(file, JSON.stringify({ ...manifest(), fingerprint: 'made-with-other-options' }));
    const rebuilt = await open();
    expect(rebuilt.cache).toEqual({ used: false, miss: 'stale' });
    expect(manifest().fingerprint).not.toBe('made-with-other-options');
    expect((await open()).cache.used).toBe(true);
  });

  it.each([
    ['a truncated index', (m: CacheManifest) => truncateSync(path.join(cacheDir(), m.dataFile), Math.floor(statSync(path.join(cacheDir(), m.dataFile)).size / 2))],
    ['an index cut mid-number', (m: CacheManifest) => truncateSync(path.join(cacheDir(), m.dataFile), statSync(path.join(cacheDir(), m.dataFile)).size - 3)],
    ['a truncated corpus file', (m: CacheManifest) => truncateSync(path.join(cacheDir(), m.corpusFiles[0]!), 100)],
    ['a corpus file of garbage', (m: CacheManifest) => writeFileSync(path.join(cacheDir(), m.corpusFiles[0]!), '[{"article":{},"paragraphs":[],"sentences":[[7,0,99]],"quotes":[],"rest":{}}]')],
    ['a missing index header', (m: CacheManifest) => writeFileSync(path.join(cacheDir(), m.indexFile), '')],
    ['a manifest of garbage', () => writeFileSync(path.join(cacheDir(), MANIFEST_FILE), '{"version":')],
  ])('is rebuilt, without a crash, from %s', async (_what, damage) => {
    const first = await open();
    damage(manifest());
    const rebuilt = await open();
    expect(rebuilt.cache.used).toBe(false);
    expect(rebuilt.cache.miss).toBe('corrupt');
    expect(firstSpeaker(rebuilt, 'rose-tinted glasses')).toBe('Dmitry Peskov');
    expect(whosaid(rebuilt.index, 'negotiations')).toEqual(whosaid(first.index, 'negotiations'));
    expect((await open()).cache.used).toBe(true);
  });

  it('replaces the cache atomically: new files under new names, the manifest renamed into place last, old files removed', async () => {
    await open();
    const old = manifest();
    const oldFiles = [old.indexFile, old.dataFile, old.speakersFile, ...old.corpusFiles];
    // A save that died half-way leaves temporary files and the old manifest: the old cache still loads.
    writeFileSync(path.join(cacheDir(), `${MANIFEST_FILE}.123.abcd.tmp`), '{"half":');
    writeFileSync(path.join(cacheDir(), 'index-deadbeef.bin.123.abcd.tmp'), 'partial');
    expect((await open()).cache.used).toBe(true);

    opened[0]!.store.ingest([article]);
    await open();
    const now = manifest();
    expect(now.fingerprint).not.toBe(old.fingerprint);
    const files = readdirSync(cacheDir());
    for (const f of [now.indexFile, now.dataFile, now.speakersFile, ...now.corpusFiles]) expect(files).toContain(f);
    for (const f of oldFiles) expect(files).not.toContain(f);
    expect(files.filter((f) => f.endsWith('.tmp') && !f.includes('.123.abcd'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(cacheDir(), MANIFEST_FILE), 'utf8'))).toEqual(now);
  });

  it('can be turned off', async () => {
    const loaded = await openCorpus({ dataDir, logger: silentLogger(), seedDirs: [SEEDS_DIR], cache: false });
    opened.push(loaded);
    expect(loaded.cache).toEqual({ used: false, miss: 'off' });
    expect(existsSync(cacheDir())).toBe(false);
  });

  it('saves in the background when asked, settling cacheSaved once the cache is written', async () => {
    const loaded = await openCorpus({ dataDir, logger: silentLogger(), seedDirs: [SEEDS_DIR], saveInBackground: true });
    opened.push(loaded);
    await loaded.cacheSaved;
    expect(readManifest(dataDir)).not.toBeNull();
    expect((await open()).cache.used).toBe(true);
  });
});
