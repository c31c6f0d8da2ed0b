/**
 * Scoring quote extraction and speaker attribution against a gold file.
 *
 * A gold quotation is found when an extracted quotation of the same article shares most of its
 * words (overlap of at least 0.8 of the shorter, and not less than half the length of the longer);
 * each extracted quotation matches at most one gold quotation, in reading order.
 */
import type { ProcessedArticle, Speaker } from '../corpus/types';

export interface GoldQuote {
  /** Article file name without extension (e.g. "000_67d24780ad0156a2"). */
  file: string;
  quote: string;
  /** Canonical speaker name, or null when the text does not say who spoke. */
  speaker: string | null;
  note?: string;
}

export interface QuoteScores {
  extraction: { precision: number; recall: number; extracted: number; gold: number; matched: number };
  attribution: { precision: number; recall: number; attributed: number; correct: number; goldWithSpeaker: number };
  /** Gold quotations not found, and wrong or missing speakers, for reading. */
  misses: string[];
}

function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
}

function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of tb) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(t, n - 1);
    }
  }
  const shorter = Math.min(ta.length, tb.length);
  const longer = Math.max(ta.length, tb.length);
  if (shorter / longer < 0.5) return 0;
  return common / shorter;
}

function fileKey(origin: string): string {
  const base = origin.split(/[\\/]/).pop() ?? origin;
  return base.replace(/\.[^.]+$/, '');
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function scoreQuotes(articles: readonly ProcessedArticle[], gold: readonly GoldQuote[], speakers: readonly Speaker[]): QuoteScores {
  const aliasesOf = new Map<string, Set<string>>();
  for (const s of speakers) aliasesOf.set(s.name, new Set([s.name, ...s.aliases].map((x) => x.toLowerCase())));
  const misses: string[] = [];
  let extracted = 0;
  let matched = 0;
  let attributed = 0;
  let correct = 0;
  const goldWithSpeaker = gold.filter((g) => g.speaker !== null).length;
  const files = new Set(gold.map((g) => g.file));
  for (const doc of articles) {
    const key = fileKey(doc.article.origin);
    if (!files.has(key)) continue;
    const own = gold.filter((g) => g.file === key);
    const used = new Set<number>();
    extracted += doc.quotes.length;
    attributed += doc.quotes.filter((q) => q.speaker !== null).length;
    for (const g of own) {
      let pick = -1;
      for (let i = 0; i < doc.quotes.length; i += 1) {
        if (used.has(i)) continue;
        if (similarity(g.quote, doc.quotes[i]!.text) >= 0.8) {
          pick = i;
          break;
        }
      }
      if (pick < 0) {
        misses.push(`${key}: not found: “${g.quote.slice(0, 60)}”`);
        continue;
      }
      used.add(pick);
      matched += 1;
      const q = doc.quotes[pick]!;
      const said = q.speaker?.name ?? null;
      if (g.speaker === null) {
        if (said !== null) misses.push(`${key}: “${g.quote.slice(0, 40)}” has no speaker in gold, got ${said}`);
        continue;
      }
      const ok = said !== null && (said === g.speaker || (aliasesOf.get(said)?.has(g.speaker.toLowerCase()) ?? false));
      if (ok) correct += 1;
      else misses.push(`${key}: “${g.quote.slice(0, 40)}” should be ${g.speaker}, got ${said ?? 'no speaker'}`);
    }
    doc.quotes.forEach((q, i) => {
      if (!used.has(i)) misses.push(`${key}: extracted but not in gold: “${q.text.slice(0, 60)}” (${q.speaker?.name ?? 'no speaker'})`);
    });
  }
  return {
    extraction: { precision: ratio(matched, extracted), recall: ratio(matched, gold.length), extracted, gold: gold.length, matched },
    attribution: { precision: ratio(correct, attributed), recall: ratio(correct, goldWithSpeaker), attributed, correct, goldWithSpeaker },
    misses,
  };
}
