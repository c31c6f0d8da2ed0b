import { evaluateEvents, evidenceOverlaps, goldArticleId, samePhrase } from '../../src/timeline/evaluate';
import { formatDate, periodOf } from '../../src/timeline/dates';
import type { DatedMention, GoldEvent } from '../../src/timeline/types';

const SENTENCE = 'Putin hosted Trump at a summit in Alaska back in August.';

function gold(overrides: Partial<GoldEvent> = {}): GoldEvent {
  return {
    file: '004_e5ca7ebd10c2f819.txt',
    published: '2025-11-14',
    evidence: SENTENCE,
    phrase: 'back in August',
    date: '2025-08',
    precision: 'month',
    ...overrides,
  };
}

function mention(overrides: Partial<DatedMention> = {}): DatedMention {
  const m: DatedMention = {
    articleId: '004_e5ca7ebd10c2f819',
    published: '2025-11-14',
    sentence: 3,
    date: '2025-08',
    precision: 'month',
    evidence: SENTENCE,
    matchedText: 'August',
    summary: SENTENCE,
    kind: 'mention',
    future: false,
    terms: [],
    names: [],
    earliest: '',
    latest: '',
    ...overrides,
  };
  const period = periodOf(m.date);
  return {
    ...m,
    earliest: overrides.earliest ?? formatDate(period.start, 'day'),
    latest: overrides.latest ?? formatDate(period.end, 'day'),
  };
}

describe('evaluateEvents', () => {
  it('finds a gold event by article, overlapping evidence and the same date words', () => {
    const report = evaluateEvents([mention()], [gold()]);
    expect(report).toMatchObject({ recall: 1, dateAccuracy: 1, found: 1, total: 1, missed: [], wrong: [] });
  });

  it('misses a gold event mentioned by another article or with other date words', () => {
    const report = evaluateEvents([mention({ articleId: 'other' }), mention({ matchedText: 'last month' })], [gold()]);
    expect(report.recall).toBe(0);
    expect(report.missed).toHaveLength(1);
  });

  it('counts a found event with a wrong date or a finer precision than the gold as wrong', () => {
    const report = evaluateEvents(
      [mention({ date: '2024-08' }), mention({ sentence: 4, date: '2025-08-01', precision: 'day' })],
      [gold(), gold()],
    );
    expect(report.recall).toBe(1);
    expect(report.dateAccuracy).toBe(0);
    expect(report.wrong.map((w) => w.reason)).toEqual(['date', 'precision']);
  });

  it('maps gold events to articles with a caller-given function', () => {
    const report = evaluateEvents([mention({ articleId: 'ee672f4ad0561858' })], [gold()], { articleIdOf: () => 'ee672f4ad0561858' });
    expect(report.recall).toBe(1);
  });
});

describe('evaluation helpers', () => {
  it('reads the article id of a gold event from its file name', () => {
    expect(goldArticleId(gold())).toBe('004_e5ca7ebd10c2f819');
    expect(goldArticleId(gold({ articleId: 'abc' }))).toBe('abc');
  });

  it('lets evidence differ in spacing, quotes and splitting', () => {
    expect(evidenceOverlaps('He said “no” on\u00a0Friday.', 'He said "no" on Friday. And more words follow here.')).toBe(true);
    expect(evidenceOverlaps('He said no on Friday.', 'Something else entirely happened.')).toBe(false);
  });

  it('matches date phrases when the words of one are all in the other', () => {
    expect(samePhrase('The Thursday Kremlin statement', 'Thursday')).toBe(true);
    expect(samePhrase("Thursday's", "in Thursday's")).toBe(true);
    expect(samePhrase('last month', 'back in August')).toBe(false);
  });
});
