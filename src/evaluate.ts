/**
 * `npm run eval`: quote extraction and attribution (and, when present, dated events) on the seeds,
 * against the gold files in tests/fixtures/. Prints the figures and what was missed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSeeds } from './app';
import { buildCorpus } from './corpus/process';
import { scoreQuotes, type GoldQuote } from './eval/quotes';
import { packageRoot } from './paths';

/** Targets from the issues. */
export const TARGETS = { attributionPrecision: 0.95, attributionRecall: 0.9 } as const;

function pct(x: number): string {
  return x.toFixed(3);
}

export async function main(verbose = process.argv.includes('--verbose')): Promise<number> {
  const root = packageRoot();
  const gold = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/quotes.gold.json'), 'utf8')) as { quotes: GoldQuote[] };
  const corpus = buildCorpus(await loadSeeds());
  const s = scoreQuotes(corpus.articles, gold.quotes, corpus.speakers);
  const lines = [
    `quotes      extraction  precision ${pct(s.extraction.precision)}  recall ${pct(s.extraction.recall)}  (${s.extraction.matched} of ${s.extraction.gold} gold, ${s.extraction.extracted} extracted)`,
    `speakers    attribution precision ${pct(s.attribution.precision)}  recall ${pct(s.attribution.recall)}  (${s.attribution.correct} right of ${s.attribution.attributed} attributed, ${s.attribution.goldWithSpeaker} in gold)  targets P>=${TARGETS.attributionPrecision} R>=${TARGETS.attributionRecall}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (verbose || s.misses.length <= 10) for (const m of s.misses) process.stdout.write(`  ${m}\n`);
  else process.stdout.write(`  ${s.misses.length} misses (run with --verbose to list them)\n`);
  const ok = s.attribution.precision >= TARGETS.attributionPrecision && s.attribution.recall >= TARGETS.attributionRecall;
  return ok ? 0 : 1;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
