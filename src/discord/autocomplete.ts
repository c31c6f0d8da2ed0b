/**
 * Autocomplete suggestions, from the index's public surface: quotations and key phrases for a
 * query being typed, and known speakers in any spelling. Plain data; `renderChoices` fits them to
 * Discord's limits. A suggestion's value is what gets searched, so a value typed without picking a
 * suggestion works the same way.
 */
import { closestSpeakers } from '../answers/whosaid';
import type { Quote, Speaker } from '../corpus/types';
import type { CorpusIndex } from '../search/index';
import { clip, LIMITS, oneLine, type ChoiceInput } from './render';

/** Quotations offered per query (the rest of the 25 are key phrases). */
export const QUOTE_SUGGESTIONS = 20;
export const PHRASE_SUGGESTIONS = 5;

function shortName(speaker: Quote['speaker']): string {
  if (!speaker) return 'unattributed';
  const words = speaker.name.split(/\s+/);
  return words.length > 1 ? words[words.length - 1]! : speaker.name;
}

function quoteChoice(quote: Quote): ChoiceInput {
  const text = oneLine(quote.text.replace(/[,;:]$/, ''));
  const who = ` — ${shortName(quote.speaker)}`;
  return { name: `“${clip(text, LIMITS.choiceName - who.length - 2)}”${who}`, value: clip(text, LIMITS.choiceValue, '') };
}

/** Per index, computed once: whole quotations by named speakers, newest first; quotations per speaker. */
const cache = new WeakMap<CorpusIndex, { newest: Quote[]; counts: Map<string, number> }>();

function summary(index: CorpusIndex): { newest: Quote[]; counts: Map<string, number> } {
  let entry = cache.get(index);
  if (!entry) {
    const published = (q: Quote): string => index.articles.get(q.articleId)?.article.published ?? '';
    const all = [...index.quotes.values()];
    const newest = all.filter((q) => q.speaker && !q.partial).sort((a, b) => published(b).localeCompare(published(a)));
    const counts = new Map<string, number>();
    for (const q of all) if (q.speaker) counts.set(q.speaker.id, (counts.get(q.speaker.id) ?? 0) + 1);
    entry = { newest, counts };
    cache.set(index, entry);
  }
  return entry;
}

function newestQuotes(index: CorpusIndex): readonly Quote[] {
  return summary(index).newest;
}

/** Quotations (and key phrases) for the query typed so far, optionally by one speaker. */
export function suggestQueries(index: CorpusIndex, typed: string, speaker: string | null = null): ChoiceInput[] {
  const speakerIds = speaker?.trim() ? new Set(index.matchSpeakers(speaker).map((s) => s.id)) : undefined;
  const query = oneLine(typed);
  if (!query) {
    // Nothing typed yet: whole quotations by named speakers, newest articles first.
    const quotes: Quote[] = [];
    for (const q of newestQuotes(index)) {
      if (speakerIds && !speakerIds.has(q.speaker?.id ?? '')) continue;
      quotes.push(q);
      if (quotes.length >= LIMITS.choices) break;
    }
    return quotes.map(quoteChoice);
  }
  const hits = index.search(query, { kind: 'quote', ...(speakerIds && speakerIds.size > 0 ? { speakerIds } : {}) }, QUOTE_SUGGESTIONS);
  const quotes = hits.map((h) => index.quotes.get(h.id.slice(2))).filter((q): q is Quote => q !== undefined);
  return [...quotes.map(quoteChoice), ...suggestPhrases(index, query)];
}

/** Key phrases of the corpus that complete what was typed ("security guar" → "security guarantees"). */
export function suggestPhrases(index: CorpusIndex, typed: string, limit = PHRASE_SUGGESTIONS): ChoiceInput[] {
  const query = oneLine(typed);
  if (!query) return [];
  // MiniSearch's suggestions can string many prefix matches together; keep the ones as long as what was typed.
  const words = query.split(' ').length;
  return index
    .suggest(query, limit * 2)
    .filter((p) => p.split(' ').length <= words)
    .slice(0, limit)
    .map((p) => ({ name: p, value: p }));
}

function speakerChoice(speaker: Speaker, spelling: string | null): ChoiceInput {
  const alias = spelling ? ` (“${spelling}”)` : '';
  const role = speaker.role ? ` — ${oneLine(speaker.role)}` : '';
  return { name: `${speaker.name}${alias}${role}`, value: speaker.name };
}

/**
 * The spelling to show beside the canonical name: the shortest alias that starts like what was
 * typed, when the canonical name itself does not ("zelenskyy" → "Zelenskyy"; "pes" → none).
 */
function matchedSpelling(speaker: Speaker, typed: string): string | null {
  const first = typed.toLowerCase().split(/\s+/)[0] ?? '';
  const startsLike = (spelling: string): boolean => spelling.toLowerCase().split(/\s+/).some((w) => w.startsWith(first));
  if (!first || startsLike(speaker.name)) return null;
  return [...speaker.aliases].sort((a, b) => a.length - b.length).find(startsLike) ?? null;
}

/** Known speakers matching what was typed, in any spelling, then the nearest names for a typo. */
export function suggestSpeakers(index: CorpusIndex, typed: string): ChoiceInput[] {
  const query = oneLine(typed);
  if (!query) {
    const { counts } = summary(index);
    return [...index.speakers]
      .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.name.localeCompare(b.name))
      .slice(0, LIMITS.choices)
      .map((s) => speakerChoice(s, null));
  }
  const matched = index.matchSpeakers(query);
  const near = closestSpeakers(index, query, 5)
    .map((name) => index.speakers.find((s) => s.name === name))
    .filter((s): s is Speaker => s !== undefined);
  const seen = new Set<string>();
  const out: ChoiceInput[] = [];
  for (const speaker of [...matched, ...near]) {
    if (seen.has(speaker.id)) continue;
    seen.add(speaker.id);
    out.push(speakerChoice(speaker, matchedSpelling(speaker, query)));
  }
  return out;
}
