import { digest, isEmptyDigest, parseInstant } from '../../src/answers/digest';
import { buildCorpus } from '../../src/corpus/process';
import type { Article } from '../../src/corpus/types';
import { CorpusIndex } from '../../src/search/index';
import { makeArticle } from '../support/corpus';
import { talksArticle } from './helpers';

const arrivals = new Map<string, string>([
  ['talks-1', '2025-11-20T09:00:00.000Z'],
  ['talks-2', '2025-11-21T09:00:00.000Z'],
  ['talks-3', '2025-11-22T09:00:00.000Z'],
]);
const articles: Article[] = [
  talksArticle(1),
  talksArticle(2, { title: 'Round 2 of ceasefire talks in Istanbul', published: '2025-11-21' }),
  talksArticle(3, { published: '2025-11-22' }),
  makeArticle('seedlike', 'An older article that never arrived through ingestion, about talks in Kyiv and Moscow.', { published: '2025-11-21' }),
];
const index = new CorpusIndex(buildCorpus(articles));
const arrivedAt = (a: Article) => arrivals.get(a.id) ?? null;

describe('digest (answer)', () => {
  it('lists the articles that arrived in the window, with outlet, date and link, in order of publication', () => {
    const answer = digest(index, { since: '2025-11-21', until: '2025-11-22T09:00:00Z', arrivedAt });
    expect(answer.articles.map((a) => a.article)).toEqual([
      { title: 'Round 2 of ceasefire talks in Istanbul', source: 'Test Herald', url: 'https://example.com/talks-2', published: '2025-11-21' },
    ]);
    expect(answer.since).toBe('2025-11-21T00:00:00.000Z');
    expect(answer.until).toBe('2025-11-22T09:00:00.000Z');
  });

  it("gives each article's most quoted speakers first, with their best quotes", () => {
    const [item] = digest(index, { since: '2025-11-20', until: '2025-11-21', arrivedAt }).articles;
    expect(item?.speakers.map((s) => [s.name, s.quoteCount])).toEqual([
      ['Rustem Umerov', 2],
      ['Dmitry Peskov', 1],
    ]);
    expect(item?.speakers[0]?.quotes).toHaveLength(2);
    expect(item?.speakers[0]?.quotes[0]).toMatch(/^Nobody should expect a peace deal/);
  });

  it('lists the dated events the new articles report, not their publications', () => {
    const answer = digest(index, { since: '2025-11-20', arrivedAt });
    expect(answer.events.map((e) => e.date)).toContain('2025-12-04');
    expect(answer.events.every((e) => e.articles.length > 0)).toBe(true);
    expect(answer.events.find((e) => e.date === '2025-12-04')?.future).toBe(true);
  });

  it('filters by words of the query (prefixes count) and by speaker', () => {
    expect(digest(index, { since: '2025-11-20', arrivedAt, query: 'istanb' }).articles.map((a) => a.article.title)).toEqual(['Round 2 of ceasefire talks in Istanbul']);
    expect(digest(index, { since: '2025-11-20', arrivedAt, query: 'Geneva ceasefire' }).articles).toHaveLength(2);
    expect(digest(index, { since: '2025-11-20', arrivedAt, speaker: 'Peskov' }).articles).toHaveLength(3);
    expect(digest(index, { since: '2025-11-20', arrivedAt, speaker: 'Lavrov' }).articles).toHaveLength(0);
  });

  it('never counts an article without an arrival time as new when arrivedAt says null', () => {
    expect(digest(index, { since: '2000-01-01', arrivedAt }).articles.map((a) => a.article.title)).not.toContain('Headline seedlike');
    // By default an article arrives on its publication date (what the terminal uses for seeds).
    expect(digest(index, { since: '2025-11-21', until: '2025-11-22' }).articles.map((a) => a.article.title)).toContain('Headline seedlike');
  });

  it('is empty when nothing arrived', () => {
    expect(isEmptyDigest(digest(index, { since: '2025-12-01', arrivedAt }))).toBe(true);
  });

  it('refuses a malformed date', () => {
    expect(() => parseInstant('since', '2025-13-01')).toThrow(/since must be a date written YYYY-MM-DD/);
    expect(() => digest(index, { since: 'yesterday' })).toThrow(/since must be a date/);
  });
});
