/** Text output of the terminal front end: for a person to read. */
import type { WhoSaidAnswer, WhoSaidResult, ArticleRef } from '../answers/whosaid';

function speakerLine(s: WhoSaidResult['speaker']): string {
  if (!s) return '— speaker not stated';
  return `— ${s.name}${s.role ? `, ${s.role}` : ''}`;
}

function sourceLine(a: ArticleRef): string {
  return `${a.source}, ${a.published}${a.url ? `\n    ${a.url}` : ''}`;
}

export function formatQuote(quote: string, speaker: WhoSaidResult['speaker'], article: ArticleRef): string {
  return `“${quote.replace(/,$/, '')}”\n    ${speakerLine(speaker)}\n    ${sourceLine(article)}`;
}

export function formatWhoSaid(answer: WhoSaidAnswer): string {
  if (answer.results.length === 0) {
    const hints: string[] = [];
    if (answer.suggestions?.speakers.length) hints.push(`speakers: ${answer.suggestions.speakers.join(', ')}`);
    if (answer.suggestions?.terms.length) hints.push(`terms: ${answer.suggestions.terms.join(', ')}`);
    return `No quotation matches "${answer.query}".${hints.length ? ` Try ${hints.join('; ')}.` : ''}\n`;
  }
  return `${answer.results.map((r, i) => `${i + 1}. ${formatQuote(r.quote, r.speaker, r.article)}`).join('\n\n')}\n`;
}
