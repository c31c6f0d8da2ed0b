/** Small builders for the timeline tests. */
import { extractEvents } from '../../src/timeline/extract';
import type { DatedMention, TimelineDoc } from '../../src/timeline/types';

/** A document of one article with the given sentences. */
export function doc(published: string, sentences: readonly string[], id = 'a', title = 'Headline'): TimelineDoc {
  return {
    article: { id, title, published },
    sentences: sentences.map((text, index) => ({ index, paragraph: index, text })),
  };
}

/** The dated mentions (publication left out) of sentences published on `published`. */
export function mentionsOf(published: string, ...sentences: string[]): DatedMention[] {
  return extractEvents(doc(published, sentences)).filter((m) => m.kind === 'mention');
}

/** `date/precision[ future]` of each mention, compact for assertions. */
export function datesOf(published: string, ...sentences: string[]): string[] {
  return mentionsOf(published, ...sentences).map((m) => `${m.date}/${m.precision}${m.future ? ' future' : ''}`);
}
