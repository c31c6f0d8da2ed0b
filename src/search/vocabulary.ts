/**
 * Every indexed term of the quotations with its document frequency, kept as one sorted array: the
 * structure prefix completion, prefix and fuzzy expansion, and the query planner read from. Built
 * once per index (or loaded from the cache); nothing here allocates per keystroke beyond the answer.
 */

/** A term of the index and how many quotations hold it. */
export interface TermCount {
  term: string;
  df: number;
}

/** Bounded Levenshtein distance: the distance when it is at most `max`, else `max + 1`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) prev[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Letters a–z present in a word, as bits: two words within edit distance d differ in at most 2d bits. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i) - 97;
    mask |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return mask;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class Vocabulary {
  /** Sorted terms. */
  readonly terms: readonly string[];
  /** Document frequency of `terms[i]`. */
  readonly df: Int32Array;
  private masks: Int32Array | null = null;
  /** Term indexes by length, for fuzzy matching (built on first use). */
  private byLength: Map<number, number[]> | null = null;

  constructor(terms: readonly string[], df: Int32Array) {
    this.terms = terms;
    this.df = df;
  }

  /** From term counts in any order. */
  static from(counts: ReadonlyMap<string, number>): Vocabulary {
    const terms = [...counts.keys()].sort();
    return new Vocabulary(terms, Int32Array.from(terms, (t) => counts.get(t) ?? 0));
  }

  get size(): number {
    return this.terms.length;
  }

  /** Index of the first term not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Quotations holding `term` (0 when it is not indexed). */
  frequency(term: string): number {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? this.df[i]! : 0;
  }

  /** The range [start, end) of terms starting with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    const start = this.lowerBound(prefix);
    let lo = start;
    let hi = this.terms.length;
    // The first term after the prefix range: binary search on "starts with".
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]!.startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return [start, lo];
  }

  /** Terms starting with `prefix` (itself included when indexed), most frequent first, at most `limit`. */
  completions(prefix: string, limit: number): TermCount[] {
    const [start, end] = this.prefixRange(prefix);
    const top: TermCount[] = [];
    for (let i = start; i < end; i += 1) {
      const df = this.df[i]!;
      if (top.length === limit && df <= top[top.length - 1]!.df) continue;
      const entry = { term: this.terms[i]!, df };
      let at = top.length;
      while (at > 0 && top[at - 1]!.df < df) at -= 1;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    return top;
  }

  /** How many quotations hold some term starting with `prefix`, at most (the sum of their frequencies). */
  prefixFrequency(prefix: string): number {
    const [start, end] = this.prefixRange(prefix);
    let sum = 0;
    for (let i = start; i < end; i += 1) sum += this.df[i]!;
    return sum;
  }

  /** Terms within `maxDistance` edits of `term` (itself excluded), with their distance. */
  fuzzy(term: string, maxDistance: number): (TermCount & { distance: number })[] {
    if (!this.masks || !this.byLength) {
      this.masks = Int32Array.from(this.terms, letterMask);
      this.byLength = new Map();
      this.terms.forEach((t, i) => {
        const list = this.byLength!.get(t.length);
        if (list) list.push(i);
        else this.byLength!.set(t.length, [i]);
      });
    }
    const mask = letterMask(term);
    const out: (TermCount & { distance: number })[] = [];
    for (let len = term.length - maxDistance; len <= term.length + maxDistance; len += 1) {
      for (const i of this.byLength.get(len) ?? []) {
        if (popcount(this.masks[i]! ^ mask) > 2 * maxDistance) continue;
        const candidate = this.terms[i]!;
        if (candidate === term) continue;
        const distance = boundedDistance(term, candidate, maxDistance);
        if (distance <= maxDistance) out.push({ term: candidate, df: this.df[i]!, distance });
      }
    }
    return out;
  }
}
