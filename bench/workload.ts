/**
 * Queries drawn from the corpus, as people would type them: exact phrases, a few words, a prefix
 * being typed, a misspelled word, with a speaker filter, with a date range; and what autocomplete
 * receives keystroke by keystroke. Deterministic for a seed.
 */
import type { Quote } from '../src/corpus/types';
import type { CorpusIndex } from '../src/search/index';
import { rng } from './generate';

export type WhoSaidKind = 'phrase' | 'words' | 'prefix' | 'fuzzy' | 'speaker' | 'dates';
export const WHOSAID_KINDS: readonly WhoSaidKind[] = ['phrase', 'words', 'prefix', 'fuzzy', 'speaker', 'dates'];

export interface WhoSaidCase {
  kind: WhoSaidKind;
  query: string;
  speaker?: string;
  from?: string;
  to?: string;
}

export interface AutocompleteCase {
  option: 'query' | 'speaker';
  typed: string;
  /** The speaker option already filled in, for query suggestions. */
  speaker?: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shiftDate(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** One edit (substitution, deletion or transposition) inside a word of five letters or more. */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const r = random();
  if (r < 0.4) return word.slice(0, at) + 'aeiouy'[Math.floor(random() * 6)] + word.slice(at + 1);
  if (r < 0.7) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

export class Workload {
  private readonly quotes: Quote[];
  private readonly random: () => number;

  constructor(private readonly index: CorpusIndex, seed = 99) {
    this.quotes = [...index.quotes.values()].filter((q) => wordsOf(q.text).length >= 4);
    this.random = rng(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private run(words: readonly string[], min: number, max: number): string[] {
    const n = Math.min(words.length, min + Math.floor(this.random() * (max - min + 1)));
    const start = Math.floor(this.random() * (words.length - n + 1));
    return words.slice(start, start + n);
  }

  whosaid(count: number): WhoSaidCase[] {
    const out: WhoSaidCase[] = [];
    const attributed = this.quotes.filter((q) => q.speaker);
    for (let i = 0; out.length < count; i += 1) {
      const kind = WHOSAID_KINDS[i % WHOSAID_KINDS.length]!;
      const quote = kind === 'speaker' ? this.pick(attributed) : this.pick(this.quotes);
      const words = wordsOf(quote.text);
      switch (kind) {
        case 'phrase':
          out.push({ kind, query: this.run(words, 3, 6).join(' ') });
          break;
        case 'words': {
          const n = 2 + Math.floor(this.random() * 2);
          const picked = [...words.keys()].sort(() => this.random() - 0.5).slice(0, n).sort((a, b) => a - b);
          out.push({ kind, query: picked.map((k) => words[k]!).join(' ') });
          break;
        }
        case 'prefix': {
          const run = this.run(words, 1, 3);
          const last = run[run.length - 1]!;
          if (last.length >= 3) run[run.length - 1] = last.slice(0, 2 + Math.floor(this.random() * (last.length - 2)));
          out.push({ kind, query: run.join(' ') });
          break;
        }
        case 'fuzzy': {
          const run = this.run(words, 2, 3);
          const long = run.map((w, k) => (w.length >= 5 ? k : -1)).filter((k) => k >= 0);
          if (long.length === 0) {
            i -= 1; // draw another quote for this kind
            continue;
          }
          const k = this.pick(long);
          run[k] = misspell(run[k]!, this.random);
          out.push({ kind, query: run.join(' ') });
          break;
        }
        case 'speaker': {
          const speaker = this.index.speakers.find((s) => s.id === quote.speaker!.id);
          const spelling = speaker ? this.pick([speaker.name, ...speaker.aliases]) : quote.speaker!.name;
          out.push({ kind, query: this.run(words, 1, 2).join(' '), speaker: spelling });
          break;
        }
        case 'dates': {
          const published = this.index.articles.get(quote.articleId)!.article.published;
          const before = Math.floor(this.random() * 90);
          const after = Math.floor(this.random() * 90);
          out.push({ kind, query: this.run(words, 2, 3).join(' '), from: shiftDate(published, -before), to: shiftDate(published, after) });
          break;
        }
      }
    }
    return out;
  }

  /** What autocomplete receives while someone types: every prefix of an opening, some empty. */
  autocomplete(count: number): AutocompleteCase[] {
    const out: AutocompleteCase[] = [];
    const names = this.index.speakers.flatMap((s) => [s.name, ...s.aliases]);
    while (out.length < count) {
      const option = out.length % 2 === 0 ? 'query' : 'speaker';
      if (this.random() < 0.05) {
        out.push({ option, typed: '' });
        continue;
      }
      if (option === 'query') {
        const opening = this.run(wordsOf(this.pick(this.quotes).text), 1, 4).join(' ');
        const typed = opening.slice(0, 1 + Math.floor(this.random() * opening.length));
        const withSpeaker = this.random() < 0.2 && names.length > 0;
        out.push({ option, typed, ...(withSpeaker ? { speaker: this.pick(names) } : {}) });
      } else {
        const name = this.pick(names);
        out.push({ option, typed: name.slice(0, 1 + Math.floor(this.random() * name.length)) });
      }
    }
    return out;
  }
}
