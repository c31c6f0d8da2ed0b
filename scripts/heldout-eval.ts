/**
 * Held-out evaluation of quote extraction and attribution on articles from other outlets
 * (tests/fixtures/heldout/*.md against tests/fixtures/heldout/quotes.gold.json).
 *
 *   npx tsc -p tsconfig.json --outDir .debug && node .debug/scripts/heldout-eval.js [heldout|blind] [--dump]
 *
 * Prints the scores, per-file figures and every miss. `--dump` also lists every extracted
 * quotation with its speaker. The "surname-lenient" attribution figure counts a speaker as right
 * when its surname matches the gold surname (to separate spelling/merging problems such as
 * Sergey/Sergei or Erdoğan/Erdogan from wrong attributions); the official figures are strict.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadArticles } from '../src/corpus/load';
import { buildCorpus } from '../src/corpus/process';
import { scoreQuotes, type GoldQuote } from '../src/eval/quotes';

const ROOT = path.resolve(__dirname, '..', '..');
/** The set to score: a folder of tests/fixtures (default heldout), e.g. `blind`. */
const SET = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'heldout';
const DIR = path.join(ROOT, 'tests/fixtures', SET);

function pct(x: number): string {
  return x.toFixed(3);
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function surname(name: string): string {
  const parts = fold(name).split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

async function main(): Promise<void> {
  const gold = (JSON.parse(readFileSync(path.join(DIR, 'quotes.gold.json'), 'utf8')) as { quotes: GoldQuote[] }).quotes;
  const corpus = buildCorpus(await loadArticles([DIR]));
  const s = scoreQuotes(corpus.articles, gold, corpus.speakers);

  process.stdout.write(
    [
      `held-out: ${corpus.articles.length} articles, ${gold.length} gold quotations (${s.attribution.goldWithSpeaker} with a speaker)`,
      `quotes      extraction  precision ${pct(s.extraction.precision)}  recall ${pct(s.extraction.recall)}  (${s.extraction.matched} of ${s.extraction.gold} gold, ${s.extraction.extracted} extracted)`,
      `speakers    attribution precision ${pct(s.attribution.precision)}  recall ${pct(s.attribution.recall)}  (${s.attribution.correct} right of ${s.attribution.attributed} attributed, ${s.attribution.goldWithSpeaker} in gold)`,
    ].join('\n') + '\n',
  );

  // Surname-lenient attribution recall, and per-file figures.
  const wrongSpeaker = s.misses.filter((m) => / should be .*, got /.test(m));
  let lenientFixed = 0;
  for (const m of wrongSpeaker) {
    const mm = / should be (.+), got (.+)$/.exec(m);
    if (mm && mm[2] !== 'no speaker' && surname(mm[1]!) === surname(mm[2]!)) lenientFixed += 1;
  }
  process.stdout.write(
    `            surname-lenient attribution recall ${pct((s.attribution.correct + lenientFixed) / Math.max(1, s.attribution.goldWithSpeaker))}  (+${lenientFixed} right person under another spelling)\n`,
  );

  process.stdout.write('\nper file:\n');
  for (const doc of corpus.articles) {
    const key = path.basename(doc.article.origin).replace(/\.[^.]+$/, '');
    const own = gold.filter((g) => g.file === key);
    const fs = scoreQuotes([doc], own, corpus.speakers);
    process.stdout.write(
      `  ${key.padEnd(22)} extr P ${pct(fs.extraction.precision)} R ${pct(fs.extraction.recall)}  attr P ${pct(fs.attribution.precision)} R ${pct(fs.attribution.recall)}  (${fs.extraction.matched}/${own.length} found, ${fs.extraction.extracted} extracted, ${fs.attribution.correct}/${fs.attribution.goldWithSpeaker} right)\n`,
    );
  }

  process.stdout.write(`\nmisses (${s.misses.length}):\n`);
  for (const m of s.misses) process.stdout.write(`  ${m}\n`);

  if (process.argv.includes('--dump')) {
    process.stdout.write('\nextracted:\n');
    for (const doc of corpus.articles) {
      process.stdout.write(`== ${path.basename(doc.article.origin)}\n`);
      for (const q of doc.quotes) {
        process.stdout.write(`  [p${q.paragraph}] ${q.partial ? 'P' : 'F'} ${q.speaker ? q.speaker.name : 'NULL'} <- ${q.text.slice(0, 90)}\n`);
      }
    }
    process.stdout.write('\nspeakers:\n');
    for (const sp of corpus.speakers) process.stdout.write(`  ${sp.name} / ${sp.role ?? '-'} / ${sp.aliases.join(', ')}\n`);
  }
}

void main();
