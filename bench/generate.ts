/**
 * A deterministic generator of news-like articles about the negotiations, for the benchmark.
 *
 * Each article is a page as it comes from a site: an appeal and the headline repeated before the
 * prose, a caption, paragraphs of narration and quotations, and a sign-off with appeals after it.
 * Speakers are named in full with a role the first time ("Kremlin spokesman Dmitry Peskov"), then
 * by surname or pronoun; quotations use the usual frames (`“…,” Peskov said`, `Peskov told
 * reporters: “…”`, split quotations, partial quotations in paraphrase); dates are absolute and
 * relative; words follow a Zipf law over function words, the negotiations' words, general news
 * words and a long tail of rare words. The same seed and size always give the same articles.
 */
import { articleId } from '../src/corpus/load';
import type { Article } from '../src/corpus/types';
import {
  DOMAIN_WORDS,
  FIRST_NAMES,
  FUNCTION_WORDS,
  GENERAL_WORDS,
  MONTHS,
  OUTLETS,
  PLACES,
  ROLES,
  SPEECH_VERBS,
  SPELLINGS,
  SURNAMES,
  tailWord,
  WEEKDAYS,
} from './words';

/** Version of the generator's output: bump it when the articles it makes change. */
export const GENERATOR_VERSION = 1;
/** Sentences per article, on average (the seeds have 19). */
export const SENTENCES_PER_ARTICLE = 19;
/** Size of the long tail of rare words. */
export const TAIL_WORDS = 200_000;

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sampling from a weighted list by binary search over the cumulative weights. */
class Weighted<T> {
  private readonly cumulative: Float64Array;
  constructor(private readonly items: readonly T[], weights: readonly number[]) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
  }
  pick(random: () => number): T {
    const x = random() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}

/** Words written with a capital in news prose. */
const PROPER = new Set([
  'ukraine', 'russia', 'russian', 'ukrainian', 'kremlin', 'moscow', 'kyiv', 'washington', 'putin', 'zelensky', 'trump',
  'nato', 'european', 'donbas', 'crimea', 'donetsk', 'luhansk', 'zaporizhzhia', 'kherson', 'kharkiv', 'istanbul',
  'geneva', 'riyadh', 'alaska', 'minsk', 'black',
]);

interface Person {
  first: string;
  surname: string;
  spellings: readonly string[];
  role: string;
}

const FUNCTION = new Weighted(FUNCTION_WORDS.map(([w]) => w), FUNCTION_WORDS.map(([, f]) => f));
const CONTENT = (() => {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const w of [...DOMAIN_WORDS, ...GENERAL_WORDS]) {
    if (!seen.has(w) && !FUNCTION_WORDS.some(([f]) => f === w)) {
      seen.add(w);
      words.push(w);
    }
  }
  for (let i = 0; words.length < DOMAIN_WORDS.length + GENERAL_WORDS.length + TAIL_WORDS; i += 1) {
    const w = tailWord(i);
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Zipf: the r-th content word has weight 1 / (r + 2)^1.1.
  return new Weighted(words, words.map((_, r) => 1 / Math.pow(r + 2, 1.1)));
})();
/** First-person words, for quotations. */
const FIRST_PERSON = ['we', 'we', 'our', 'i', 'us', 'we’re', 'don’t', 'it’s', 'won’t', 'can’t', 'there’s', 'let’s'];

function people(): Person[] {
  const random = rng(4242);
  const out: Person[] = [];
  const fixed: [string, string, string][] = [
    ['Dmitry', 'Peskov', 'Kremlin spokesman'],
    ['Volodymyr', 'Zelensky', 'Ukrainian President'],
    ['Sergei', 'Lavrov', 'Russian Foreign Minister'],
    ['Andrii', 'Sybiha', 'Ukrainian Foreign Minister'],
    ['Yuri', 'Ushakov', 'Kremlin aide'],
    ['Kaja', 'Kallas', 'EU foreign policy chief'],
    ['Steve', 'Witkoff', 'U.S. special envoy'],
    ['Marco', 'Rubio', 'U.S. Secretary of State'],
    ['Rustem', 'Umerov', 'chief negotiator'],
    ['Kirill', 'Dmitriev', 'Russian envoy'],
  ];
  for (const [first, surname, role] of fixed) out.push({ first, surname, role, spellings: SPELLINGS[surname] ?? [surname] });
  const used = new Set(out.map((p) => p.surname));
  for (const surname of SURNAMES) {
    if (used.has(surname)) continue;
    used.add(surname);
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!;
    const role = ROLES[Math.floor(random() * ROLES.length)]!;
    out.push({ first, surname, role, spellings: SPELLINGS[surname] ?? [surname] });
  }
  return out;
}

const PEOPLE = people();
/** Who speaks how often: a few people most of the time. */
const SPEAKERS = new Weighted(PEOPLE, PEOPLE.map((_, r) => 1 / Math.pow(r + 1, 0.9)));

export interface GeneratedArticle extends Article {
  /** How many sentences of prose the generator wrote (before the site's furniture). */
  sentenceCount: number;
}

class ArticleWriter {
  private readonly sentences: string[] = [];
  private sentenceCount = 0;
  constructor(private readonly random: () => number, private readonly published: Date) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private word(firstPerson: boolean): string {
    const r = this.random();
    if (firstPerson && r < 0.08) return this.pick(FIRST_PERSON);
    if (r < 0.46) return FUNCTION.pick(this.random);
    const w = CONTENT.pick(this.random);
    return PROPER.has(w) ? w[0]!.toUpperCase() + w.slice(1) : w;
  }

  /** Words of a clause, without final punctuation or a capital. */
  words(n: number, firstPerson = false): string {
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) {
      out.push(this.word(firstPerson));
      if (i > 3 && i < n - 3 && this.random() < 0.06) out[out.length - 1] += ',';
    }
    return out.join(' ');
  }

  private length(mean: number, spread: number): number {
    return Math.max(5, Math.round(mean + (this.random() + this.random() + this.random() - 1.5) * spread));
  }

  /** A date phrase relative to the publication or absolute. */
  datePhrase(): string {
    const r = this.random();
    const d = new Date(this.published.getTime() - Math.floor(this.random() * 400) * 86_400_000);
    if (r < 0.35) return `on ${WEEKDAYS[this.published.getUTCDay() === 0 ? 5 : this.published.getUTCDay() - 1]}`;
    if (r < 0.5) return this.pick(['last week', 'earlier this month', 'last month', 'next week', 'later this year', 'this week']);
    if (r < 0.8) return `on ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
    return `in ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }

  private capital(text: string): string {
    return text[0]!.toUpperCase() + text.slice(1);
  }

  /** A sentence of narration. */
  prose(): string {
    this.sentenceCount += 1;
    const n = this.length(22, 14);
    const r = this.random();
    if (r < 0.25) return `${this.capital(this.words(Math.ceil(n / 2)))} ${this.datePhrase()}, ${this.words(Math.floor(n / 2))}.`;
    if (r < 0.35) return `In ${this.pick(PLACES)}, ${this.words(n)}.`;
    return `${this.capital(this.words(n))}.`;
  }

  /** The words of a quotation (one or two sentences), without marks or final punctuation. */
  quoted(): string {
    const first = this.capital(this.words(this.length(16, 12), true));
    if (this.random() < 0.2) {
      this.sentenceCount += 0; // one sentence of the page, whatever its quotation holds
      return `${first}. ${this.capital(this.words(this.length(12, 8), true))}`;
    }
    return first;
  }

  paragraphs(cast: Person[]): string[] {
    const out: string[] = [];
    const introduced = new Set<Person>();
    const name = (p: Person): string => {
      const spelling = this.pick(p.spellings);
      if (!introduced.has(p)) {
        introduced.add(p);
        return `${p.role} ${p.first} ${spelling}`;
      }
      return spelling;
    };
    let current = cast[0]!;
    // The lead: who said what, when.
    out.push(`${name(current)} said ${this.datePhrase()} that ${this.words(this.length(20, 8))}. ${this.prose()}`);
    this.sentenceCount += 1;
    while (this.sentenceCount < SENTENCES_PER_ARTICLE - 2 + Math.floor(this.random() * 5)) {
      const r = this.random();
      const verb = this.pick(SPEECH_VERBS);
      if (r < 0.36) {
        const count = 1 + Math.floor(this.random() * 3);
        out.push(Array.from({ length: count }, () => this.prose()).join(' '));
        continue;
      }
      if (this.random() < 0.4) current = this.pick(cast);
      this.sentenceCount += 1;
      if (r < 0.5) out.push(`“${this.quoted()},” ${name(current)} ${verb} ${this.datePhrase()}.`);
      else if (r < 0.58) out.push(`“${this.quoted()},” said ${name(current)}.`);
      else if (r < 0.66) out.push(`${name(current)} ${verb}: “${this.quoted()}.”`);
      else if (r < 0.74) out.push(`“${this.quoted()},” ${name(current)} ${verb}, “${this.words(this.length(10, 6), true)}.”`);
      else if (r < 0.82) out.push(`${name(current)} called the ${this.pick(['talks', 'proposal', 'plan', 'meeting'])} “${this.words(2 + Math.floor(this.random() * 2))}” and ${this.words(this.length(10, 6))}.`);
      else if (r < 0.9) {
        out.push(`“${this.quoted()},” ${name(current)} ${verb}. “${this.quoted()},” ${this.pick(['he', 'she'])} added.`);
        this.sentenceCount += 1;
      } else out.push(`${this.capital(this.words(this.length(12, 6)))}, ${name(current)} ${verb} that “${this.words(this.length(12, 6), true)}.”`);
    }
    return out;
  }
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const FIRST_DAY = Date.UTC(2022, 1, 24);
const LAST_DAY = Date.UTC(2025, 11, 31);

/** The n-th article of the generated corpus with this seed. */
export function generateArticle(seed: number, n: number): GeneratedArticle {
  const random = rng((seed * 1_000_003 + n * 7919) >>> 0);
  const published = new Date(FIRST_DAY + Math.floor(random() * ((LAST_DAY - FIRST_DAY) / 86_400_000)) * 86_400_000);
  const outlet = OUTLETS[Math.floor(random() * OUTLETS.length)]!;
  const writer = new ArticleWriter(random, published);
  const cast: Person[] = [];
  const castSize = 2 + Math.floor(random() * 3);
  while (cast.length < castSize) {
    const p = SPEAKERS.pick(random);
    if (!cast.includes(p)) cast.push(p);
  }
  const title = writer
    .words(6 + Math.floor(random() * 6))
    .replace(/,/g, '')
    .split(' ')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  const paragraphs = writer.paragraphs(cast);
  const lines = [
    outlet.appeal,
    '',
    title,
    '',
    `${cast[0]!.first} ${cast[0]!.spellings[0]} in ${PLACES[Math.floor(random() * PLACES.length)]}. Reuters`,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    'Sign up for our free weekly newsletter',
    '',
    `${outlet.appeal} Your support, no matter how small, makes a world of difference. Donate today.`,
    'Read more',
  ];
  const date = isoDate(published);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  const url = `https://${outlet.host}/${date.replace(/-/g, '/')}/${slug}-${seed}x${n}`;
  const meta = { title, source: outlet.name, url, published: date, author: null };
  const body = lines.join('\n');
  return { ...meta, id: articleId(meta, body), body, origin: `bench:${seed}:${n}`, sentenceCount: SENTENCES_PER_ARTICLE };
}

/** Articles enough for about `passages` sentences of prose. */
export function articlesFor(passages: number): number {
  return Math.max(1, Math.round(passages / SENTENCES_PER_ARTICLE));
}

/** The generated corpus: `count` articles with `seed`. */
export function* generateArticles(seed: number, count: number): Generator<GeneratedArticle> {
  for (let n = 0; n < count; n += 1) yield generateArticle(seed, n);
}
