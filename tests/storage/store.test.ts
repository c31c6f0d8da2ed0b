import { Store } from '../../src/storage/store';
import { makeArticle, tempDir } from '../support/corpus';

describe('Store (SQLite in a temporary folder)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('parley-store-')));
  afterEach(async () => cleanup());

  const body = 'Negotiators met in Geneva on Tuesday for another round of talks aimed at ending the war, officials said.';

  it('keeps ingested articles across closing and reopening the database', () => {
    const store = Store.open(dir);
    store.ingest([makeArticle('a', body)]);
    store.close();
    const again = Store.open(dir);
    expect(again.articles().map((a) => a.title)).toEqual(['Headline a']);
    again.close();
  });

  it('does not store the same URL twice, even with tracking parameters', () => {
    const store = Store.open(dir);
    store.ingest([makeArticle('a', body, { url: 'https://example.com/story' })]);
    const r = store.ingest([makeArticle('b', `${body} Updated.`, { url: 'https://www.example.com/story?utm_source=feed#xtor=RSS-3' })]);
    expect(r.added).toHaveLength(0);
    expect(r.skipped[0]?.reason).toMatch(/same URL/);
    expect(store.articles()).toHaveLength(1);
    store.close();
  });

  it('does not store the same text twice under another URL', () => {
    const store = Store.open(dir);
    store.ingest([makeArticle('a', body, { url: 'https://one.example/x' })]);
    const r = store.ingest([makeArticle('b', `\n${body}\n\nRead more`, { url: 'https://two.example/y' })]);
    expect(r.skipped[0]?.reason).toMatch(/same text/);
    store.close();
  });

  it('skips an article that is already among the seeds', () => {
    const store = Store.open(dir);
    const seed = makeArticle('seed', body, { url: 'https://example.com/seed' });
    const r = store.ingest([makeArticle('copy', body, { url: 'https://example.com/seed' })], [seed]);
    expect(r.added).toHaveLength(0);
    store.close();
  });

  it('writes nothing when one article of a batch fails', () => {
    const store = Store.open(dir);
    const bad = makeArticle('bad', body, { url: 'https://example.com/bad' });
    // A NOT NULL column left empty makes the insert fail inside the transaction.
    (bad as { title: unknown }).title = null;
    expect(() => store.ingest([makeArticle('good', `${body} Another.`, { url: 'https://example.com/good' }), bad])).toThrow();
    expect(store.articles()).toHaveLength(0);
    store.close();
  });
});
