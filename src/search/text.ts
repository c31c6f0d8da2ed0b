/**
 * How text becomes search terms, in one place so that the index, the query planner, the cache's
 * fingerprint and autocomplete all agree: MiniSearch's own tokenizer (split on spaces and
 * punctuation), lower case, and English function words left out. Function words are in nearly every
 * quotation, so they cannot narrow a search; a query's exact phrase (function words included) is
 * still compared against the text itself when results are ranked.
 */

/** Bump when tokenizing, term processing or the stop words change: cached indexes are rebuilt. */
export const TEXT_VERSION = 1;

/** English function words that are not indexed. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with from as is was are were be been being am have has had ' +
    'having do does did doing not no nor it its itself this that these those he she they we i you his her hers ' +
    'their theirs our ours my mine your yours him them us me there here which who whom whose what when where ' +
    'why how than then so also can could will would should may might must shall just only very more most some ' +
    'any all each both other such into over under after before about up out off down again further once same ' +
    'own too few while during through against between since until because although though whether yet ' +
    'being s t d ll m re ve'
  ).split(/\s+/),
);

/** MiniSearch's default tokenizer: any run of Unicode spaces, newlines or punctuation splits. */
export const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

export function tokenize(text: string): string[] {
  return text.split(SPACE_OR_PUNCTUATION);
}

/** The indexed form of a token, or null when it is not indexed (a function word, a lone letter). */
export function processTerm(token: string): string | null {
  const term = token.toLowerCase();
  if (!term || STOP_WORDS.has(term)) return null;
  if (term.length === 1 && !/\p{N}/u.test(term)) return null;
  return term;
}

/** The indexed terms of a text, in order, repeats kept. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

/** Lower case, curly quotes straightened, punctuation to spaces: the form phrases are compared in. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}
