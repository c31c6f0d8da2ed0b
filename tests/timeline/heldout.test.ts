/**
 * The held-out articles (tests/fixtures/heldout/*.md, other outlets' styles): the hand-resolved gold
 * file is well formed, and extraction through `src/corpus` stays above a floor on it. The figures
 * themselves are printed by `npm run eval` (see src/timeline/heldout.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import goldFile from '../fixtures/heldout/events.gold.json';
import { evaluateHeldoutEvents } from '../../src/timeline/heldout';
import type { GoldEvent } from '../../src/timeline/types';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'tests', 'fixtures', 'heldout');
const gold = goldFile.events as GoldEvent[];

/** Floors on the held-out articles (measured: recall 0.976, date accuracy 1.000). */
const MIN_RECALL = 0.9;
const MIN_DATE_ACCURACY = 0.95;

const FORMAT = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ } as const;

describe('held-out gold of dated events', () => {
  const articles = readdirSync(DIR).filter((f) => f.endsWith('.md'));

  it('names held-out articles only, with their publication date, and quotes their prose', () => {
    for (const g of gold) {
      expect(articles).toContain(g.file);
      const text = readFileSync(join(DIR, g.file), 'utf8');
      expect(text).toContain(`published: ${g.published}`);
      expect(text).toContain(g.evidence);
      expect(g.evidence).toContain(g.phrase);
      expect(g.date).toMatch(FORMAT[g.precision]);
    }
  });

  it('annotates every held-out article', () => {
    expect(new Set(gold.map((g) => g.file))).toEqual(new Set(articles));
  });
});

describe('timeline on the held-out articles (src/corpus loading and splitting)', () => {
  it(`finds the gold events with recall >= ${MIN_RECALL} and date accuracy >= ${MIN_DATE_ACCURACY}`, async () => {
    const report = await evaluateHeldoutEvents(ROOT);
    if (report.recall < MIN_RECALL || report.dateAccuracy < MIN_DATE_ACCURACY) {
      console.log(
        [
          ...report.missed.map((g) => `missed ${g.file} "${g.phrase}" (${g.date})`),
          ...report.wrong.map((w) => `wrong ${w.gold.file} "${w.gold.phrase}": ${w.mention.date}/${w.mention.precision}, gold ${w.gold.date}/${w.gold.precision}`),
        ].join('\n'),
      );
    }
    expect(report.total).toBe(gold.length);
    expect(report.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(report.dateAccuracy).toBeGreaterThanOrEqual(MIN_DATE_ACCURACY);
  });
});
