/**
 * The seed articles as timeline documents, split naively: front matter read by hand, the body cut
 * into lines and each line into sentences. Page furniture stays in; the timeline rules must cope.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sentence } from '../../src/corpus/types';
import type { TimelineDoc } from '../../src/timeline/types';

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

/** Words ending in a full stop that do not end a sentence. */
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|Inc|Co)|\b\p{L}(?:\.\p{L})*)\.$/u;

/** Splits a line of prose into sentences at . ! ? (and a closing quote) followed by a capital. */
export function naiveSentences(line: string): string[] {
  const out: string[] = [];
  const boundary = /[.!?]["”’)]?(?=\s+["“‘(]?\p{Lu})/gu;
  let from = 0;
  for (const m of line.matchAll(boundary)) {
    const end = (m.index ?? 0) + m[0].length;
    if (ABBREVIATION.test(line.slice(from, (m.index ?? 0) + 1))) continue;
    out.push(line.slice(from, end).trim());
    from = end;
  }
  const rest = line.slice(from).trim();
  if (rest) out.push(rest);
  return out.filter(Boolean);
}

/** A seed file as a timeline document; its id is the file name without extension. */
export function seedDoc(file: string): TimelineDoc {
  const text = readFileSync(join(SEEDS_DIR, file), 'utf8');
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  const header = fm?.[1] ?? '';
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(header)?.[1] ?? '';
  const published = /^published:\s*"?(\d{4}-\d{2}-\d{2})"?\s*$/m.exec(header)?.[1] ?? '';
  const body = fm ? text.slice(fm[0].length) : text;
  const sentences: Sentence[] = [];
  body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, paragraph) => {
      for (const s of naiveSentences(line)) sentences.push({ index: sentences.length, paragraph, text: s });
    });
  return { article: { id: file.replace(/\.[^.]+$/, ''), title, published }, sentences };
}

/** Every seed file name, in order. */
export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => /\.(?:md|txt)$/.test(f))
    .sort();
}
