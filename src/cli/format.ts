/** Text output of the terminal front end: for a person to read. */
import type { WhoSaidAnswer, WhoSaidResult, ArticleRef } from '../answers/whosaid';
import type { TimelineAnswer, TimelineEntry } from '../answers/timeline';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date at its precision, for a person: "2025", "August 2025", "15 August 2025". */
export function humanDate(date: string): string {
  const [y, m, d] = date.split('-');
  if (!m) return y ?? date;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

function sourcesLine(e: TimelineEntry): string {
  return e.articles.map((a) => `${a.source}, ${a.published}`).join('; ');
}

/** The timeline as a person reads it: grouped by year and month, each entry with its sources. */
export function formatTimeline(answer: TimelineAnswer): string {
  if (answer.events.length === 0) return 'No dated events match.\n';
  const lines: string[] = [];
  let year = '';
  let month = '';
  for (const e of answer.events) {
    const y = e.date.slice(0, 4);
    if (y !== year) {
      lines.push('', `== ${y} ==`);
      year = y;
      month = '';
    }
    const m = e.date.length >= 7 ? e.date.slice(0, 7) : '';
    if (m && m !== month) {
      lines.push(`-- ${humanDate(m)} --`);
      month = m;
    }
    const when = e.precision === 'day' ? humanDate(e.date) : e.precision === 'month' ? `${humanDate(e.date)} (month)` : `${e.date} (year)`;
    lines.push(`${when}: ${e.publication ? 'reported: ' : ''}${e.summary}`);
    if (e.publication && e.evidence !== e.summary) lines.push(`    ${e.evidence}`);
    lines.push(`    ${sourcesLine(e)}`);
  }
  return `${lines.join('\n').trim()}\n`;
}

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
