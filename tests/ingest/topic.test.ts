import { createTopicFilter, defaultTopicFilter, parseTerms } from '../../src/ingest/topic';

const article = (title: string, body: string) => ({ title, body });

describe('topic filter', () => {
  it('keeps an article whose headline speaks of talks and whose text names the war', () => {
    expect(defaultTopicFilter(article('Ceasefire talks resume in Geneva', 'Ukrainian and Russian envoys met on Thursday.'))).toBe(true);
  });

  it('keeps an article that speaks of negotiating at least twice in its text', () => {
    expect(defaultTopicFilter(article('A long day in Istanbul', 'The Kremlin said negotiations would go on. Negotiators from Kyiv agreed.'))).toBe(true);
  });

  it('drops an article with a single passing mention in its text', () => {
    expect(defaultTopicFilter(article('Grain prices rise', 'Ukraine exported more wheat this year, months after talks on shipping stalled.'))).toBe(false);
  });

  it('drops an article that does not name the war or its parties, however much it speaks of talks', () => {
    expect(defaultTopicFilter(article('Ceasefire talks on Gaza', 'Negotiations in Cairo continued; mediators met the delegations.'))).toBe(false);
  });

  it('drops sport', () => {
    expect(defaultTopicFilter(article('Late goal gives City the derby', 'City won the derby on Saturday with a goal in stoppage time.'))).toBe(false);
  });

  it('matches a term ending in * as a prefix, and a phrase across a hyphen or spaces', () => {
    const filter = createTopicFilter({ terms: ['negotiat*', 'peace plan'], context: [] });
    expect(filter(article('Negotiators arrive', ''))).toBe(true);
    expect(filter(article('The peace-plan is out', ''))).toBe(true);
    expect(filter(article('Renegotiated leases', ''))).toBe(false);
  });

  it('takes configured terms, as a comma-separated list', () => {
    const filter = createTopicFilter({ terms: parseTerms('grain deal, Black Sea') });
    expect(filter(article('Grain deal extended', 'Russia and Ukraine agreed.'))).toBe(true);
    expect(filter(article('Ceasefire talks resume', 'Ukraine and Russia met.'))).toBe(false);
  });
});
