/** Dated events of articles, resolved against each article's publication date, merged into a timeline. */
export { extractEvents, summarize, SUMMARY_LENGTH } from './extract';
export {
  buildTimeline,
  COMMON_NAME_SHARE,
  MERGE_MIN_SCORE,
  MERGE_MIN_SHARED,
  MIN_ARTICLES_FOR_RARITY,
  SAME_ARTICLE_MIN_SHARED,
} from './merge';
export { evaluateEvents, evidenceOverlaps, goldArticleId, samePhrase, type EvaluateOptions } from './evaluate';
export { parseDates } from './parser';
export { speaksOfFuture } from './tense';
export { keyNames, keyTerms } from './terms';
export type {
  DatedMention,
  EventEvaluation,
  GoldEvent,
  MentionKind,
  Precision,
  TimelineDoc,
  TimelineEvent,
  WrongDate,
} from './types';
