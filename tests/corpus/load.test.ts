import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalUrl, loadArticleFile, loadArticles, parseArticle } from '../../src/corpus/load';
import { UserError } from '../../src/errors';

const SHARED_SEED_004 = path.join(__dirname, '../../seeds/004_e5ca7ebd10c2f819.md');

describe('loading article files', () => {
  it('loads the five seeds with their front matter', async () => {
    const articles = await loadArticles([path.join(__dirname, '../../seeds')]);
    expect(articles).toHaveLength(5);
    expect(articles.map((a) => a.published)).toEqual(['2025-03-05', '2024-01-26', '2025-09-12', '2025-11-26', '2025-11-14']);
    expect(articles[4]).toMatchObject({ source: 'ZeroHedge', url: null, author: 'Tyler Durden' });
  });

  it('loads a file without front matter when its text states a date and its first line is a headline', async () => {
    const withFront = await readFile(SHARED_SEED_004, 'utf8');
    const raw = withFront.replace(/^---[\s\S]*?---\n/, '');
    const a = parseArticle(raw, '004.txt');
    expect(a.published).toBe('2025-11-14');
    expect(a.title).toBe('Russia Still Open To Trump-Backed Peace Talks, But Ukraine Must Open Door: Kremlin');
  });

  it('fails with one line naming the file when published is missing', () => {
    expect(() => parseArticle('---\ntitle: T\nsource: S\n---\nBody text.', 'x.md')).toThrow(new UserError('x.md: "published" is missing'));
  });

  it('fails when published is not a real date', () => {
    expect(() => parseArticle('---\ntitle: T\nsource: S\npublished: 2025-02-30\n---\nBody.', 'x.md')).toThrow(/x\.md: "published" must be a date written YYYY-MM-DD/);
  });

  it('fails for a text with no front matter and no stated date', () => {
    expect(() => parseArticle('Some Headline Here\nJust text, no date at all.', 'note.txt')).toThrow(/^note\.txt: not an article: .*publication date/);
  });

  it('fails clearly for a missing file', async () => {
    await expect(loadArticleFile('/nonexistent/a.md')).rejects.toThrow('/nonexistent/a.md: no such file');
  });

  it('reads a folder of files in name order, ignoring other extensions', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parley-load-'));
    await writeFile(path.join(dir, 'b.md'), '---\ntitle: B\nsource: S\npublished: 2025-01-02\n---\nText B.');
    await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\nsource: S\npublished: 2025-01-01\n---\nText A.');
    await writeFile(path.join(dir, 'image.png'), 'PNG');
    expect((await loadArticles([dir])).map((a) => a.title)).toEqual(['A', 'B']);
  });

  it('compares URLs without tracking parameters or fragments', () => {
    expect(canonicalUrl('https://www.example.com/a?utm_source=x&id=3#xtor=RSS-1')).toBe(canonicalUrl('https://example.com/a?id=3'));
  });
});
