/**
 * The held-out measure of the timeline: the articles of `tests/fixtures/heldout/` (other outlets'
 * styles, which the rules were not written from), loaded and split by `src/corpus` as the bot does,
 * against the hand-resolved `tests/fixtures/heldout/events.gold.json`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadArticles } from '../corpus/load';
import { buildCorpus } from '../corpus/process';
import { evaluateEvents, goldArticleId } from './evaluate';
import type { EventEvaluation, GoldEvent } from './types';

/** The held-out folder, relative to the package root. */
export const HELDOUT_DIR = path.join('tests', 'fixtures', 'heldout');
/** Its gold file of dated events, relative to the package root. */
export const HELDOUT_EVENTS_GOLD = path.join(HELDOUT_DIR, 'events.gold.json');

function stemOf(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

/**
 * Event recall and date accuracy on the held-out articles under `root` (the package root). Gold
 * events name their article by file ("01_reuters.md"); the stem is mapped to the id the corpus gives
 * the article loaded from that file.
 */
export async function evaluateHeldoutEvents(root: string): Promise<EventEvaluation> {
  return evaluateFolderEvents(path.join(root, HELDOUT_DIR), path.join(root, HELDOUT_EVENTS_GOLD));
}

/** The same measure on any folder of articles and a gold file of events naming them by file. */
export async function evaluateFolderEvents(dir: string, goldFile: string): Promise<EventEvaluation> {
  const gold = (JSON.parse(readFileSync(goldFile, 'utf8')) as { events: GoldEvent[] }).events;
  const corpus = buildCorpus(await loadArticles([dir]));
  const idByStem = new Map(corpus.articles.map((a) => [stemOf(a.article.origin), a.article.id]));
  return evaluateEvents(
    corpus.articles.flatMap((a) => a.events),
    gold,
    { articleIdOf: (g) => idByStem.get(stemOf(goldArticleId(g))) ?? goldArticleId(g) },
  );
}
