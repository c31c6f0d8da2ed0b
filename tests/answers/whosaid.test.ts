import { loadArticles } from '../../src/corpus/load';
import { buildCorpus } from '../../src/corpus/process';
import { CorpusIndex } from '../../src/search/index';
import { whosaid } from '../../src/answers/whosaid';
import { UserError } from '../../src/errors';
import { makeArticle, SEEDS_DIR } from '../support/corpus';

let index: CorpusIndex;
beforeAll(async () => {
  index = new CorpusIndex(buildCorpus(await loadArticles([SEEDS_DIR])));
});

describe('whosaid on the seeds', () => {
  it('finds Peskov’s “rose-tinted glasses” in The Moscow Times of 2025-09-12', () => {
    const [first] = whosaid(index, 'rose-tinted glasses').results;
    expect(first?.speaker?.name).toBe('Dmitry Peskov');
    expect(first?.article).toMatchObject({ source: 'The Moscow Times', published: '2025-09-12' });
    expect(first?.article.url).toMatch(/^https:\/\/www\.themoscowtimes\.com\//);
  });

  it.each([
    ['running out of patience', 'Donald Trump'],
    ['getting close to a deal', 'Donald Trump'],
    ['real mess', 'Jim Townsend'],
    ['zero indication', 'Kaja Kallas'],
    ['close the skies', 'Volodymyr Zelensky'],
    ['false information', 'Dmitry Peskov'],
    ['practical details of the meeting', 'Kremlin'],
  ])('names the speaker of “%s”: %s', (query, speaker) => {
    expect(whosaid(index, query).results[0]?.speaker?.name).toBe(speaker);
  });

  it('filters by speaker in any spelling', () => {
    const results = whosaid(index, 'peace', { speaker: 'Zelenskyy' }).results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.speaker?.name === 'Volodymyr Zelensky')).toBe(true);
  });

  it('filters by publication date range', () => {
    const results = whosaid(index, 'negotiations', { from: '2025-01-01', to: '2025-06-30' }).results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.article.published >= '2025-01-01' && r.article.published <= '2025-06-30')).toBe(true);
  });

  it('matches a word being typed (prefix) and a misspelled word (fuzzy)', () => {
    expect(whosaid(index, 'rose-tinted glas').results[0]?.speaker?.name).toBe('Dmitry Peskov');
    expect(whosaid(index, 'rose-tinted glases').results[0]?.speaker?.name).toBe('Dmitry Peskov');
  });

  it('finds a speaker whose name is misspelled in the speaker filter', () => {
    expect(whosaid(index, 'glasses', { speaker: 'Peskow' }).results[0]?.speaker?.name).toBe('Dmitry Peskov');
  });

  it('answers no results, with suggestions, when nothing matches', () => {
    const answer = whosaid(index, 'qwxzv');
    expect(answer.results).toEqual([]);
    expect(answer.suggestions).toEqual({ speakers: expect.any(Array), terms: expect.any(Array) });
  });

  it('rejects an empty query, a bad date, a reversed range and an unknown speaker with a UserError', () => {
    expect(() => whosaid(index, '   ')).toThrow(UserError);
    expect(() => whosaid(index, 'talks', { from: '2025-02-30' })).toThrow(/from must be a date/);
    expect(() => whosaid(index, 'talks', { from: '2025-06-01', to: '2025-01-01' })).toThrow(/after/);
    expect(() => whosaid(index, 'talks', { speaker: 'Peskin' })).toThrow(/did you mean Dmitry Peskov/);
  });
});

describe('ranking', () => {
  it('ranks a passage holding the exact phrase above one with the words scattered', () => {
    const corpus = buildCorpus([
      makeArticle('scattered', '“Glasses of water were on the table, and the roses were tinted red by the sunset over the city,” Finnish President Alexander Stubb said.'),
      makeArticle('exact', '“Nobody should look through rose tinted glasses at these talks with Moscow,” Polish Prime Minister Donald Tusk said.'),
    ]);
    const i = new CorpusIndex(corpus);
    expect(whosaid(i, 'rose tinted glasses').results[0]?.speaker?.name).toBe('Donald Tusk');
  });
});
