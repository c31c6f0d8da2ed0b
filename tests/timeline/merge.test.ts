import { extractEvents } from '../../src/timeline/extract';
import { buildTimeline } from '../../src/timeline/merge';
import { formatDate, periodOf } from '../../src/timeline/dates';
import type { DatedMention } from '../../src/timeline/types';
import { doc } from './helpers';

function mention(overrides: Partial<DatedMention>): DatedMention {
  const m: DatedMention = {
    articleId: 'a',
    published: '2025-11-14',
    sentence: 0,
    date: '2025-08',
    precision: 'month',
    evidence: 'Evidence.',
    matchedText: 'in August',
    summary: 'Evidence.',
    kind: 'mention',
    future: false,
    terms: [],
    // In these cases every key term is also written as a name unless a case says otherwise.
    names: overrides.names ?? overrides.terms ?? [],
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

const ALASKA_002 =
  'Russia has continued its war against Ukraine even as Trump pushed for an end to the fighting, including by hosting President Vladimir Putin at a summit in Alaska last month.';
const ALASKA_004 =
  'Clearly the status of US efforts to find peace in Ukraine have stalled to the point of dying, following the Trump-Putin summit in Alaska back in August.';

describe('buildTimeline', () => {
  it('merges the Alaska summit mentioned as "last month" and "back in August"', () => {
    const mentions = [
      ...extractEvents(doc('2025-09-12', [ALASKA_002], '002', 'Ukraine Peace Talks ‘On Pause,’ Kremlin Says')),
      ...extractEvents(doc('2025-11-14', [ALASKA_004], '004', 'Russia Still Open To Trump-Backed Peace Talks')),
    ];
    const alaska = buildTimeline(mentions).filter((e) => e.date === '2025-08');
    expect(alaska).toHaveLength(1);
    expect(alaska[0]).toMatchObject({ precision: 'month', articleIds: ['002', '004'], evidence: ALASKA_002 });
    expect(alaska[0]?.mentions.map((m) => m.matchedText)).toEqual(['last month', 'back in August']);
  });

  it('does not merge two events of the same month on the date alone', () => {
    const events = buildTimeline([
      mention({ articleId: 'a', terms: ['alaska', 'summit', 'trump', 'putin'] }),
      mention({ articleId: 'b', terms: ['sanction', 'rosneft', 'lukoil'] }),
    ]);
    expect(events).toHaveLength(2);
  });

  it('does not merge on terms every article uses', () => {
    const events = buildTimeline([
      mention({ articleId: 'a', terms: ['trump', 'putin', 'alaska', 'summit'] }),
      mention({ articleId: 'b', terms: ['trump', 'putin', 'phone', 'call'] }),
      mention({ articleId: 'c', date: '2025-03', terms: ['trump', 'putin', 'ceasefire'] }),
    ]);
    expect(events.filter((e) => e.date === '2025-08')).toHaveLength(2);
  });

  it('does not merge mentions whose dates disagree, whatever their terms', () => {
    const terms = ['alaska', 'summit', 'trump', 'putin'];
    const events = buildTimeline([
      mention({ articleId: 'a', date: '2025-08-15', precision: 'day', terms }),
      mention({ articleId: 'b', date: '2025-08-16', precision: 'day', terms }),
    ]);
    expect(events).toHaveLength(2);
  });

  it('does not merge mentions that share only content words, not a name', () => {
    const events = buildTimeline([
      mention({ articleId: 'a', terms: ['starting', 'point', 'plan', 'end'], names: ['starmer'] }),
      mention({ articleId: 'b', terms: ['starting', 'point', 'plan', 'end'], names: ['vance'] }),
    ]);
    expect(events).toHaveLength(2);
  });

  it('does not merge a year told as past with a day after the article was published', () => {
    const terms = ['istanbul', 'round', 'delegation', 'talk'];
    const events = buildTimeline([
      // "who have met in Istanbul twice this year", published 2025-09-12.
      mention({ articleId: 'a', date: '2025', precision: 'year', published: '2025-09-12', earliest: '2025-01-01', latest: '2025-09-12', terms }),
      mention({ articleId: 'b', date: '2025-12-05', precision: 'day', published: '2025-12-05', terms }),
    ]);
    expect(events).toHaveLength(2);
  });

  it('takes the most precise date of the mentions it merges', () => {
    const terms = ['alaska', 'summit', 'anchorage', 'putin'];
    const [event] = buildTimeline([
      mention({ articleId: 'a', date: '2025-08', precision: 'month', terms }),
      mention({ articleId: 'b', date: '2025-08-15', precision: 'day', terms, published: '2025-08-16' }),
    ]);
    expect(event).toMatchObject({ date: '2025-08-15', precision: 'day', articleIds: ['b', 'a'] });
  });

  it('merges same-day mentions of one article that share a term, and keeps its same-month mentions apart', () => {
    const events = buildTimeline([
      mention({ sentence: 1, date: '2024-01-25', precision: 'day', terms: ['bloomberg', 'report', 'source'] }),
      mention({ sentence: 4, date: '2024-01-25', precision: 'day', terms: ['bloomberg', 'peskov', 'negotiation'] }),
      mention({ sentence: 2, date: '2023-12', terms: ['putin', 'feeler', 'official', 'anonymous'] }),
      mention({ sentence: 6, date: '2023-12', terms: ['new', 'york', 'official', 'anonymous'] }),
    ]);
    expect(events.map((e) => [e.date, e.mentions.length])).toEqual([
      ['2023-12', 1],
      ['2023-12', 1],
      ['2024-01-25', 2],
    ]);
  });

  it('summarises an entry holding a publication by the headline', () => {
    const [event] = buildTimeline(
      extractEvents(doc('2025-09-12', ['The Kremlin said Friday that peace talks with Ukraine are on pause.'], '002', 'Ukraine Peace Talks On Pause, Kremlin Says')),
    );
    expect(event).toMatchObject({ date: '2025-09-12', summary: 'Ukraine Peace Talks On Pause, Kremlin Says', articleIds: ['002'] });
    expect(event?.mentions).toHaveLength(2);
  });

  it('sorts by date, a year or month before the days inside it', () => {
    const events = buildTimeline([
      mention({ articleId: 'a', date: '2025-08-15', precision: 'day', terms: ['x1'] }),
      mention({ articleId: 'b', date: '2025', precision: 'year', terms: ['x2'] }),
      mention({ articleId: 'c', date: '2025-08', precision: 'month', terms: ['x3'] }),
      mention({ articleId: 'd', date: '2022-02', precision: 'month', terms: ['x4'] }),
    ]);
    expect(events.map((e) => e.date)).toEqual(['2022-02', '2025', '2025-08', '2025-08-15']);
  });
});
