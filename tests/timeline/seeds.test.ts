/**
 * The seed articles end to end: extraction measured against tests/fixtures/events.gold.json, and
 * the timeline entries the issue names as its acceptance test.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import goldFile from '../fixtures/events.gold.json';
import type { Article, Sentence } from '../../src/corpus/types';
import { evaluateEvents } from '../../src/timeline/evaluate';
import { extractEvents } from '../../src/timeline/extract';
import { buildTimeline } from '../../src/timeline/merge';
import type { DatedMention, GoldEvent, TimelineDoc } from '../../src/timeline/types';
import { SEEDS_DIR, seedDoc, seedFiles } from './seedArticles';

/** Targets on the seeds. */
const MIN_RECALL = 0.9;
const MIN_DATE_ACCURACY = 0.95;

const gold = goldFile.events as GoldEvent[];
const stem = (file: string): string => basename(file).replace(/\.[^.]+$/, '');

function describeFailures(report: ReturnType<typeof evaluateEvents>): string {
  const missed = report.missed.map((g) => `missed ${g.file} "${g.phrase}" (${g.date})`);
  const wrong = report.wrong.map((w) => `wrong ${w.gold.file} "${w.gold.phrase}": ${w.mention.date}/${w.mention.precision}, gold ${w.gold.date}/${w.gold.precision}`);
  return [...missed, ...wrong].join('\n');
}

describe('timeline on the seeds (naive sentence splitting)', () => {
  const mentions: DatedMention[] = seedFiles().flatMap((f) => extractEvents(seedDoc(f)));
  const timeline = buildTimeline(mentions);

  it('covers every seed article of the gold file', () => {
    const files = new Set(seedFiles().map(stem));
    for (const g of gold) expect(files.has(stem(g.file))).toBe(true);
  });

  it(`finds the gold events with recall >= ${MIN_RECALL} and date accuracy >= ${MIN_DATE_ACCURACY}`, () => {
    const report = evaluateEvents(mentions, gold);
    if (report.recall < MIN_RECALL || report.dateAccuracy < MIN_DATE_ACCURACY) console.log(describeFailures(report));
    expect(report.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(report.dateAccuracy).toBeGreaterThanOrEqual(MIN_DATE_ACCURACY);
  });

  it('lists the September 2022 decree at month precision', () => {
    const decree = timeline.find((e) => e.date === '2022-09' && /decree/.test(e.evidence));
    expect(decree).toMatchObject({ precision: 'month', articleIds: ['000_67d24780ad0156a2'] });
  });

  it('lists the Alaska summit in August 2025 with both articles that mention it', () => {
    const alaska = timeline.filter((e) => e.date === '2025-08' && e.mentions.some((m) => /Alaska/.test(m.evidence)));
    expect(alaska).toHaveLength(1);
    expect(alaska[0]?.precision).toBe('month');
    expect(alaska[0]?.articleIds).toEqual(['002_1652934e62daf62b', '004_e5ca7ebd10c2f819']);
  });

  it("lists Peskov's Thursday statement of 2025-11-13 at day precision", () => {
    const thursday = timeline.find((e) => e.date === '2025-11-13' && e.mentions.some((m) => /The Thursday Kremlin statement/.test(m.evidence)));
    expect(thursday).toMatchObject({ precision: 'day', articleIds: ['004_e5ca7ebd10c2f819'] });
  });

  it('gives every article its publication as an event', () => {
    for (const f of seedFiles()) {
      const doc = seedDoc(f);
      expect(timeline.some((e) => e.date === doc.article.published && e.mentions.some((m) => m.kind === 'publication' && m.articleId === doc.article.id))).toBe(true);
    }
  });
});

/** The corpus module's own loading and splitting, when it offers them. */
interface CorpusApi {
  loadArticleFile: (file: string) => Promise<Article>;
  splitArticle: (article: Article) => { sentences: Sentence[] };
}

function corpusApi(): CorpusApi | null {
  const root = join(__dirname, '..', '..', 'src', 'corpus');
  if (!existsSync(join(root, 'load.ts')) || !existsSync(join(root, 'process.ts'))) return null;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = require('../../src/corpus/load') as Partial<CorpusApi>;
  const process = require('../../src/corpus/process') as Partial<CorpusApi>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (typeof load.loadArticleFile !== 'function' || typeof process.splitArticle !== 'function') return null;
  return { loadArticleFile: load.loadArticleFile, splitArticle: process.splitArticle };
}

const corpus = corpusApi();
(corpus ? describe : describe.skip)('timeline on the seeds (src/corpus loading and splitting)', () => {
  it(`finds the gold events with recall >= ${MIN_RECALL} and date accuracy >= ${MIN_DATE_ACCURACY}`, async () => {
    const api = corpus as CorpusApi;
    const idOfStem = new Map<string, string>();
    const mentions: DatedMention[] = [];
    for (const f of seedFiles()) {
      const article = await api.loadArticleFile(join(SEEDS_DIR, f));
      idOfStem.set(stem(f), article.id);
      const doc: TimelineDoc = { article, sentences: api.splitArticle(article).sentences };
      mentions.push(...extractEvents(doc));
    }
    const report = evaluateEvents(mentions, gold, { articleIdOf: (g) => idOfStem.get(stem(g.file)) ?? g.file });
    if (report.recall < MIN_RECALL || report.dateAccuracy < MIN_DATE_ACCURACY) console.log(describeFailures(report));
    expect(report.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(report.dateAccuracy).toBeGreaterThanOrEqual(MIN_DATE_ACCURACY);
  });
});

describe('timeline invariants', () => {
  const sentences = [
    'The Kremlin said on Friday that talks were paused.',
    'Putin and Trump will meet on Wednesday in Budapest.',
    'Talks collapsed in December and resumed in March.',
    'The ceasefire took effect on Feb. 24.',
    'Officials met last week and will meet again next month.',
    'A report published the day before cited sources; later that month, another followed.',
    'Russia annexed Crimea in 2014, back in the days of Obama.',
    'Drones struck Kyiv over the weekend, a day after the talks.',
  ];
  const days = ['2024-01-01', '2024-02-29', '2024-12-31', '2025-03-05', '2025-06-15', '2025-11-14', '2025-11-30'];
  const FORMAT = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ } as const;

  it('writes every date at its precision, and never puts a past mention after publication', () => {
    for (const published of days) {
      const doc: TimelineDoc = {
        article: { id: published, title: 'Headline', published },
        sentences: sentences.map((text, index) => ({ index, paragraph: index, text })),
      };
      for (const m of extractEvents(doc)) {
        expect(m.date).toMatch(FORMAT[m.precision]);
        if (!m.future) expect(m.date <= published.slice(0, m.date.length)).toBe(true);
        if (m.future) expect(m.date >= published.slice(0, m.date.length)).toBe(true);
      }
    }
  });

  it('merges only mentions whose dates agree with the entry at the coarser precision', () => {
    const mentions = seedFiles().flatMap((f) => extractEvents(seedDoc(f)));
    for (const e of buildTimeline(mentions)) {
      expect(e.date).toMatch(FORMAT[e.precision]);
      for (const m of e.mentions) expect(m.date.startsWith(e.date) || e.date.startsWith(m.date)).toBe(true);
      expect(e.articleIds).toEqual([...new Set(e.mentions.map((m) => m.articleId))]);
    }
  });
});
