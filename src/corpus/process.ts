/**
 * From loaded articles to the corpus: cleaning, paragraphs and sentences, quotations and speakers.
 * Speakers are made canonical across the whole corpus (one person, one name, whatever the spelling).
 */
import { ArticleAttributor, type AttributedQuote } from '../quotes/attribute';
import { SpeakerRegistry } from '../quotes/speakers';
import { extractEvents } from '../timeline/extract';
import { cleanBody } from './clean';
import { splitSentences } from './sentences';
import type { Article, Paragraph, ProcessedArticle, Quote, Sentence, Speaker } from './types';

/** Paragraphs and sentences of an article, page furniture removed. */
export function splitArticle(article: Article): { paragraphs: Paragraph[]; sentences: Sentence[] } {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  cleanBody(article.body, article.title).forEach((text, index) => {
    const own = splitSentences(text).map((s) => ({ index: sentences.length, paragraph: index, text: s }));
    for (const s of own) sentences.push({ ...s, index: sentences.length });
    paragraphs.push({ index, text, sentences: sentences.slice(sentences.length - own.length) });
  });
  return { paragraphs, sentences };
}

/** The sentence(s) of a paragraph that hold a quotation, as the passage shown with it. */
function passageOf(paragraphs: readonly Paragraph[], q: AttributedQuote): { text: string; sentence: number } {
  const para = paragraphs[q.span.paragraph]!;
  const first = q.text.split(/\s+/).slice(0, 4).join(' ');
  const holding = para.sentences.filter((s) => s.text.includes(first) || (q.span.endParagraph === para.index && s.text.includes(q.text.slice(-20))));
  const chosen = holding.length > 0 ? holding : para.sentences.slice(0, 1);
  if (q.span.endParagraph > q.span.paragraph) {
    const texts = paragraphs.slice(q.span.paragraph, q.span.endParagraph + 1).map((p) => p.text);
    return { text: texts.join('\n'), sentence: para.sentences[0]?.index ?? 0 };
  }
  const from = chosen[0]!;
  const to = chosen[chosen.length - 1]!;
  const text = para.sentences.filter((s) => s.index >= from.index && s.index <= to.index).map((s) => s.text).join(' ');
  return { text, sentence: from.index };
}

export interface Corpus {
  articles: ProcessedArticle[];
  speakers: Speaker[];
}

/** Process every article, then make speakers canonical across them. */
export function buildCorpus(articles: readonly Article[]): Corpus {
  const registry = new SpeakerRegistry();
  const staged = articles.map((article) => {
    const { paragraphs, sentences } = splitArticle(article);
    const attributor = new ArticleAttributor(registry.knownSurnames(), registry.knownRoles());
    const attributed = attributor.attribute(paragraphs.map((p) => p.text));
    for (const q of attributed) if (q.speaker?.key && q.speaker.name) registry.observe(q.speaker.key, q.speaker.name, q.speaker.role);
    for (const p of attributor.people()) registry.observe(p.key, p.name, p.role, false);
    return { article, paragraphs, sentences, attributed };
  });
  const processed: ProcessedArticle[] = staged.map(({ article, paragraphs, sentences, attributed }) => {
    const quotes: Quote[] = attributed.map((q, n) => {
      const passage = passageOf(paragraphs, q);
      const speaker = q.speaker?.key ? registry.resolve(q.speaker.key, q.speaker.name ?? '') : null;
      return {
        id: `${article.id}:${n}`,
        articleId: article.id,
        // The comma before a said-clause belongs to the sentence, not to the quotation.
        text: q.text.replace(/\s*,$/, ''),
        speaker: speaker ? { id: speaker.id, name: speaker.name, role: q.speaker?.role ?? speaker.role } : null,
        passage: passage.text,
        paragraph: q.span.paragraph,
        sentence: passage.sentence,
        partial: q.partial,
      };
    });
    return { article, paragraphs, sentences, quotes, events: extractEvents({ article, sentences }) };
  });
  return { articles: processed, speakers: registry.speakers() };
}
