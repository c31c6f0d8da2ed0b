/**
 * Finding direct quotations in an article's paragraphs.
 *
 * Handles curly and straight double marks, single curly marks where an outlet uses them for
 * speech, a quotation that runs over paragraphs (each reopening with a mark and only the last one
 * closing it), and a quotation left open at the end of its paragraph (closed there).
 */

export interface QuoteSpan {
  /** Paragraph where the quotation opens. */
  paragraph: number;
  /** Paragraph where it closes (the same unless it runs over paragraphs). */
  endParagraph: number;
  /** Offset of the opening mark in `paragraph`. */
  start: number;
  /** Offset just after the closing mark in `endParagraph` (or the paragraph's end). */
  end: number;
  /** The quoted words, without marks; paragraphs joined by a space. */
  text: string;
}

const PAIRS: readonly { open: string; close: string }[] = [
  { open: '“', close: '”' },
  { open: '«', close: '»' },
];

/** Positions of straight double quotes that open (the rest close), paired in order. */
function straightSpans(p: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let open = -1;
  for (let i = 0; i < p.length; i += 1) {
    if (p[i] !== '"') continue;
    if (open < 0) open = i;
    else {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: p.length });
  return spans;
}

/** Single curly quotes used for speech: ‘…’ opening after a space and closing before a non-letter. */
function singleCurlySpans(p: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /(^|[\s(—–-])‘([^‘’]*(?:’\p{L}[^‘’]*)*)’(?!\p{L})/gu;
  for (const m of p.matchAll(re)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    spans.push({ start, end: start + (m[2]?.length ?? 0) + 2 });
  }
  return spans;
}

/** Straight single quotes used for speech ('Nothing to celebrate yet'), never an apostrophe inside a word. */
function singleStraightSpans(p: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /(^|[\s(—–:-])'((?:[^'\n]|'(?=\p{L}))+?)'(?![\p{L}\p{N}])/gu;
  for (const m of p.matchAll(re)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (/\s/.test(m[2] ?? '') || /^\p{Lu}/u.test(m[2] ?? '')) spans.push({ start, end: start + (m[2]?.length ?? 0) + 2 });
  }
  return spans;
}

interface RawSpan {
  start: number;
  end: number;
  closed: boolean;
}

function spansIn(p: string): RawSpan[] {
  const out: RawSpan[] = [];
  for (const { open, close } of PAIRS) {
    let i = 0;
    while (i < p.length) {
      const s = p.indexOf(open, i);
      if (s < 0) break;
      const e = p.indexOf(close, s + 1);
      const nextOpen = p.indexOf(open, s + 1);
      if (e < 0 || (nextOpen >= 0 && nextOpen < e)) {
        // Unclosed before the next opening (or at all): the quotation runs to the next opening or the end.
        const stop = e < 0 && nextOpen < 0 ? p.length : nextOpen >= 0 ? nextOpen : p.length;
        out.push({ start: s, end: stop, closed: false });
        i = stop;
      } else {
        out.push({ start: s, end: e + 1, closed: true });
        i = e + 1;
      }
    }
  }
  for (const s of straightSpans(p)) out.push({ ...s, closed: p[s.end - 1] === '"' && s.end - 1 > s.start });
  if (out.length === 0) for (const s of singleCurlySpans(p)) out.push({ ...s, closed: true });
  if (out.length === 0) for (const s of singleStraightSpans(p)) out.push({ ...s, closed: true });
  return out.sort((a, b) => a.start - b.start);
}

function inner(p: string, s: RawSpan): string {
  const from = s.start + 1;
  const to = s.closed ? s.end - 1 : s.end;
  return p.slice(from, to).trim();
}

/** Every quotation in the paragraphs, in reading order. */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let pi = 0;
  /** Spans of paragraph `pi` already taken by a quotation that ran into it. */
  let skip = 0;
  while (pi < paragraphs.length) {
    const p = paragraphs[pi]!;
    const spans = spansIn(p);
    let next = pi + 1;
    let nextSkip = 0;
    for (let k = skip; k < spans.length; k += 1) {
      const s = spans[k]!;
      let text = inner(p, s);
      let endParagraph = pi;
      let end = s.end;
      // Left open at the paragraph's end: it goes on while the next paragraphs reopen with a mark.
      if (!s.closed && k === spans.length - 1) {
        for (let q = pi + 1; q < paragraphs.length; q += 1) {
          const first = spansIn(paragraphs[q]!)[0];
          if (!first || first.start !== 0) break;
          text = `${text} ${inner(paragraphs[q]!, first)}`;
          endParagraph = q;
          end = first.end;
          if (first.closed) break;
        }
      }
      if (/[\p{L}\p{N}]/u.test(text)) out.push({ paragraph: pi, endParagraph, start: s.start, end, text });
      if (endParagraph > pi) {
        next = endParagraph;
        nextSkip = 1;
      }
    }
    pi = next;
    skip = nextSkip;
  }
  return out;
}
