/**
 * Key terms of a sentence, for telling whether two dated mentions speak of the same event: names
 * (Alaska, Trump, Putin) and content words (summit, sanctions), lower-cased, with possessives and
 * plurals folded ("Russia's" → russia, "talks" → talk). Function words, reporting verbs and date
 * words are left out: the date is compared on its own.
 */

const STOPWORDS = new Set(
  `a about above across after afterwards again against all almost alone along already also although always am among
  amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became because become
  becomes been before beforehand being below beside besides between beyond both but by can cannot could did do does
  doing done down due during each either else elsewhere enough even ever every everyone everything everywhere except
  few first for former formerly from further had has have having he hence her here hereby herein hers herself him
  himself his how however i if in indeed into is it its itself just last latter least less made many may me meanwhile
  might mine more moreover most mostly much must my myself namely neither never nevertheless next no nobody none
  noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves
  out over own per perhaps please put rather re same see seem seemed seeming seems several she should since so some
  somehow someone something sometime sometimes somewhere still such than that the their theirs them themselves then
  thence there thereafter thereby therefore therein thereupon these they this those though through throughout thru
  thus to together too toward towards under until up upon us very via was we well were what whatever when whence
  whenever where whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose
  why will with within without would yet you your yours yourself yourselves
  said say says saying told tell tells telling according reported reporting report reports added adding noted
  stated claimed asked say spokesman spokeswoman spokesperson reporters reporter statement statements comments
  mr mrs ms dr also including including way made make makes making take took taken get got
  today yesterday tomorrow tonight day days week weeks weekend month months year years ago earlier later early late
  mid recent recently time times previous following
  monday tuesday wednesday thursday friday saturday sunday january february march april june july august
  september october november december jan feb mar apr jun jul aug sep sept oct nov dec`.split(/\s+/),
);

/** Shortest content word kept (shorter words are kept only when written in capitals: EU, UN, UK). */
export const MIN_TERM_LENGTH = 3;

/** Lower case, without possessive, with a plural folded to its singular. */
function fold(word: string): string {
  const t = word.toLowerCase().replace(/['’]s?$/, '');
  if (t.length > 4 && t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  if (t.length > 4 && t.endsWith('s') && !/(?:ss|us|is)$/.test(t)) return t.slice(0, -1);
  return t;
}

/**
 * Whether the word at `index` opens a sentence or a quotation: only blanks before it, or a full
 * stop, "!" or "?" and a blank, or an opening quotation mark or bracket. Reads back from the word
 * only over blanks (a test of the whole text before every word would cost the square of its length).
 */
function opensSentence(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  if (i < 0) return true;
  const c = text[i] as string;
  if ('"“‘('.includes(c)) return true;
  return i < index - 1 && '.!?'.includes(c);
}

interface Token {
  term: string;
  /** Written as a name: an acronym, or capitalised other than as the first word of a sentence. */
  name: boolean;
  /** Capitalised as the first word of a sentence (or of a quotation): a name only if seen as one elsewhere. */
  initial: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}'’]*/gu)) {
    const raw = m[0];
    const capitals = raw.replace(/[.'’]/g, '');
    const isAcronym = capitals.length >= 2 && capitals === capitals.toUpperCase();
    let term: string;
    if (isAcronym) {
      term = capitals.toLowerCase();
      if (term === 'us') term = 'usa';
    } else {
      term = fold(raw);
      if (STOPWORDS.has(raw.toLowerCase().replace(/['’]s?$/, '')) || STOPWORDS.has(term)) continue;
      if (term.length < MIN_TERM_LENGTH) continue;
    }
    const capitalised = /^\p{Lu}/u.test(raw);
    const initial = capitalised && !isAcronym && opensSentence(text, m.index ?? 0);
    out.push({ term, name: isAcronym || (capitalised && !initial), initial });
  }
  return out;
}

/** The key terms of a text, without repeats, in the order they first appear. */
export function keyTerms(text: string): string[] {
  return termsOf(tokens(text));
}

function termsOf(all: readonly Token[]): string[] {
  return [...new Set(all.map((t) => t.term))];
}

/** Share of capitalised content words above which a text is taken for a Title Case headline. */
export const TITLE_CASE_SHARE = 0.6;

/**
 * The key terms of a text that are names (Alaska, Trump, NATO), without repeats. A Title Case
 * headline, where every word is capitalised, has no names that can be told apart.
 */
export function keyNames(text: string): string[] {
  return namesOf(tokens(text));
}

function namesOf(all: readonly Token[]): string[] {
  const words = all.filter((t) => !t.initial);
  if (words.length >= 4 && words.filter((t) => t.name).length / words.length >= TITLE_CASE_SHARE) return [];
  const names = new Set(all.filter((t) => t.name).map((t) => t.term));
  return [...new Set(all.filter((t) => t.name || (t.initial && names.has(t.term))).map((t) => t.term))];
}

/** `keyTerms` and `keyNames` of one text, reading its words once. */
export function keyTermsAndNames(text: string): { terms: string[]; names: string[] } {
  const all = tokens(text);
  return { terms: termsOf(all), names: namesOf(all) };
}
