/**
 * Plain data of the timeline: dated mentions found in articles, the events they are merged into,
 * and the gold annotations the extraction is measured against. Nothing here knows about Discord.
 */
import type { Sentence } from '../corpus/types';

/** How precisely the text pins a date: a day, a month or only a year. Weeks are not a precision. */
export type Precision = 'day' | 'month' | 'year';

/** What `extractEvents` needs from a processed article: a structural subset of `ProcessedArticle`. */
export interface TimelineDoc {
  article: {
    /** Stable article id; copied into every mention. */
    id: string;
    /** Headline; it is the summary of the publication event. */
    title: string;
    /** Publication date, YYYY-MM-DD; the reference every relative date is resolved against. */
    published: string;
  };
  /** The article's sentences in reading order (the cleaned prose, without page furniture). */
  sentences: readonly Sentence[];
}

/** Whether a mention is the article's own publication or a date its prose mentions. */
export type MentionKind = 'publication' | 'mention';

/** One dated event as one article tells it. */
export interface DatedMention {
  /** Id of the article the mention comes from. */
  articleId: string;
  /** Publication date of that article (YYYY-MM-DD), kept so a timeline can say who reported it when. */
  published: string;
  /** Index of the sentence (`Sentence.index`) holding the date; -1 for the publication itself. */
  sentence: number;
  /** The date at its precision: `2025` (year), `2025-08` (month) or `2025-08-15` (day). */
  date: string;
  /** How precisely the text pins the date; `date` never shows more than this. */
  precision: Precision;
  /**
   * First day (YYYY-MM-DD) the date can stand for: the start of its period, or of the span of days
   * "this week" covers; for a future mention never before publication.
   */
  earliest: string;
  /** Last day (YYYY-MM-DD) the date can stand for; for a past mention never after publication. */
  latest: string;
  /** The whole sentence that dates the event (the headline for a publication). */
  evidence: string;
  /** The date words as written, with the words that qualify them ("back in August", "mid-October"); empty for a publication. */
  matchedText: string;
  /** A short readable summary: the sentence cut to about 200 characters around the date words, or the headline. */
  summary: string;
  /** `publication` for the day the article reported its headline, `mention` for a date its prose mentions. */
  kind: MentionKind;
  /** True when the event lies after the publication date or the sentence speaks of it as still to come. */
  future: boolean;
  /** Normalised key terms of the sentence (lower-case names and content words), used to merge mentions. */
  terms: string[];
  /**
   * The terms written as names (Alaska, Trump, NATO); two articles' mentions merge only when they
   * share a name that not every article uses. Empty for a Title Case headline.
   */
  names: string[];
}

/** One entry of the timeline: an event with every article that mentions it. */
export interface TimelineEvent {
  /** The date at its precision: the most precise date any of its mentions gives. */
  date: string;
  /** Precision of `date`. */
  precision: Precision;
  /** Readable summary: the headline of a publication among the mentions, else the summary of the most precise mention. */
  summary: string;
  /** The sentence the summary comes from. */
  evidence: string;
  /** Every mention merged into this event, earliest-published article first. */
  mentions: DatedMention[];
  /** Ids of the articles mentioning the event, without repeats, in the order of `mentions`. */
  articleIds: string[];
}

/** One hand-resolved dated event of a gold file (`tests/fixtures/events.gold.json`). */
export interface GoldEvent {
  /** File name of the article, e.g. `000_67d24780ad0156a2.txt`. */
  file: string;
  /** Article id, when the annotator knows it; otherwise the caller maps `file` to an id. */
  articleId?: string;
  /** Publication date of the article, YYYY-MM-DD. */
  published: string;
  /** The sentence that dates the event, as it stands in the article. */
  evidence: string;
  /** The date words of that sentence ("back in August"). */
  phrase: string;
  /** The date resolved by hand, at its precision. */
  date: string;
  /** How precisely the text pins the date. */
  precision: Precision;
}

/** A gold event found with a wrong date or precision. */
export interface WrongDate {
  /** The gold event. */
  gold: GoldEvent;
  /** The mention that was matched to it. */
  mention: DatedMention;
  /** `date` when the date differs at the gold precision, `precision` when only the precision differs. */
  reason: 'date' | 'precision';
}

/** How extraction compares with a gold file. */
export interface EventEvaluation {
  /** Share of gold events found (a mention of the same article, overlapping evidence, the same date words). */
  recall: number;
  /** Share of found gold events whose date and precision are both right. */
  dateAccuracy: number;
  /** Number of gold events. */
  total: number;
  /** Number of gold events found. */
  found: number;
  /** Gold events no mention matched. */
  missed: GoldEvent[];
  /** Gold events found with a wrong date or precision. */
  wrong: WrongDate[];
}
