import { loadArticles } from '../../src/corpus/load';
import { buildCorpus } from '../../src/corpus/process';
import { CorpusIndex } from '../../src/search/index';
import { dateSpan, timeline } from '../../src/answers/timeline';
import { UserError } from '../../src/errors';
import { SEEDS_DIR } from '../support/corpus';

let index: CorpusIndex;
beforeAll(async () => {
  index = new CorpusIndex(buildCorpus(await loadArticles([SEEDS_DIR])));
});

describe('timeline on the seeds', () => {
  it('lists the September 2022 decree at month precision', () => {
    const decree = timeline(index).events.find((e) => /decree/.test(e.evidence));
    expect(decree).toMatchObject({ date: '2022-09', precision: 'month' });
  });

  it('lists the Alaska summit in August 2025 once, with both articles that mention it', () => {
    const alaska = timeline(index).events.filter((e) => /Alaska/.test(e.evidence) && e.date.startsWith('2025-08'));
    expect(alaska).toHaveLength(1);
    expect(alaska[0]!.precision).toBe('month');
    expect(alaska[0]!.articles.map((a) => a.published)).toEqual(['2025-09-12', '2025-11-14']);
  });

  it('dates "The Thursday Kremlin statement" of the article of 2025-11-14 to 2025-11-13', () => {
    const thursday = timeline(index).events.find((e) => /Thursday Kremlin statement/.test(e.evidence));
    expect(thursday).toMatchObject({ date: '2025-11-13', precision: 'day' });
  });

  it('sorts events by date', () => {
    const dates = timeline(index).events.map((e) => dateSpan(e.date).first);
    expect(dates).toEqual([...dates].sort());
  });

  it('keeps only 2025 events about sanctions for --from 2025-01-01 --query sanctions', () => {
    const events = timeline(index, { from: '2025-01-01', query: 'sanctions' }).events;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.date >= '2025').toBe(true);
      expect(e.evidence.toLowerCase()).toContain('sanction');
    }
  });

  it('keeps an event whose month overlaps the range even when its first day is before it', () => {
    const events = timeline(index, { from: '2025-08-15', to: '2025-08-20' }).events;
    expect(events.some((e) => e.date === '2025-08')).toBe(true);
    expect(events.every((e) => dateSpan(e.date).last >= '2025-08-15' && dateSpan(e.date).first <= '2025-08-20')).toBe(true);
  });

  it('filters by speaker in any spelling', () => {
    const events = timeline(index, { speaker: 'Zelenskiy', to: '2024-12-31' }).events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => /Zelensk/.test(e.evidence) || e.publication)).toBe(true);
  });

  it('rejects a reversed range and an unknown speaker', () => {
    expect(() => timeline(index, { from: '2025-02-01', to: '2025-01-01' })).toThrow(UserError);
    expect(() => timeline(index, { speaker: 'Nobody Atall' })).toThrow(/no speaker matches/);
  });
});
