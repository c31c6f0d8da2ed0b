/** Plain data shared by the core modules. Nothing here knows about Discord. */
import type { DatedMention } from '../timeline/types';

/** What a reader needs to cite an article. */
export interface ArticleMeta {
  /** Headline. */
  title: string;
  /** The outlet, e.g. "The Moscow Times". */
  source: string;
  /** Canonical link, or null when unknown. */
  url: string | null;
  /** Publication date, YYYY-MM-DD. */
  published: string;
  /** Byline, when known. */
  author: string | null;
}

/** An article as loaded, before cleaning. */
export interface Article extends ArticleMeta {
  /** Stable id: a hash of the canonical URL, or of the cleaned text when there is no URL. */
  id: string;
  /** Body text exactly as it came, page furniture included. */
  body: string;
  /** Where it came from: a file path, or `db:<id>` for an ingested article. */
  origin: string;
}

/** One sentence of a cleaned article. */
export interface Sentence {
  /** Position of the sentence in the article (0-based, over all paragraphs). */
  index: number;
  /** Index of the paragraph it belongs to. */
  paragraph: number;
  text: string;
}

export interface Paragraph {
  index: number;
  text: string;
  sentences: Sentence[];
}

/** A person as named across the corpus. */
export interface Speaker {
  /** Canonical key, e.g. "dmitry-peskov". */
  id: string;
  /** Canonical display name, e.g. "Dmitry Peskov". */
  name: string;
  /** Role as an article gave it, e.g. "Kremlin spokesman"; null when none was given. */
  role: string | null;
  /** Every spelling seen or known (Zelensky, Zelenskyy, ...). */
  aliases: string[];
}

/** A direct quotation and who said it. */
export interface Quote {
  /** `<articleId>:<n>` */
  id: string;
  articleId: string;
  /** The quoted words, without the quotation marks; a quote split around a said-clause is joined with " … ". */
  text: string;
  /** The speaker, or null when the text does not say who it is. */
  speaker: { id: string; name: string; role: string | null } | null;
  /** The sentence(s) that contain the quote, as context. */
  passage: string;
  /** Index of the paragraph where the quote opens. */
  paragraph: number;
  /** Index of the first sentence of the passage. */
  sentence: number;
  /** True for a few words quoted inside paraphrase ("called the talks a “positive” development"). */
  partial: boolean;
}

/** An article after cleaning, splitting and attribution. */
export interface ProcessedArticle {
  article: Article;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quotes: Quote[];
  /** Its publication and the dated events its sentences mention, resolved against `published`. */
  events: DatedMention[];
}
