/** A digest as text for the terminal (`parley digest`). */
import type { DigestAnswer } from '../answers/digest';

function when(iso: string): string {
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatDigest(answer: DigestAnswer): string {
  const filters = [answer.query ? `matching "${answer.query}"` : null, answer.speaker ? `quoting ${answer.speaker}` : null].filter((f): f is string => f !== null);
  const scope = `since ${when(answer.since)}${answer.until ? ` until ${when(answer.until)}` : ''}${filters.length ? `, ${filters.join(', ')}` : ''}`;
  if (answer.articles.length === 0) return `Nothing new ${scope}.\n`;
  const n = answer.articles.length;
  const out: string[] = [`${n} new ${n === 1 ? 'article' : 'articles'} ${scope}`];
  answer.articles.forEach((item, i) => {
    const a = item.article;
    const lines = [`${i + 1}. ${a.title}`, `    ${a.source}, ${a.published}`];
    if (a.url) lines.push(`    ${a.url}`);
    for (const s of item.speakers) {
      lines.push(`    ${s.name}${s.role ? ` (${s.role})` : ''}, ${s.quoteCount} ${s.quoteCount === 1 ? 'quote' : 'quotes'}:`);
      for (const q of s.quotes) lines.push(`      “${q.replace(/\s+/g, ' ')}”`);
    }
    out.push(lines.join('\n'));
  });
  if (answer.events.length > 0) {
    const lines = ['New dated events:'];
    for (const e of answer.events) {
      const sources = [...new Set(e.articles.map((a) => a.source))].join(', ');
      lines.push(`  ${e.date.padEnd(10)}  ${e.summary.replace(/\s+/g, ' ')}${e.future ? ' (expected)' : ''}${sources ? ` (${sources})` : ''}`);
    }
    out.push(lines.join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}
