/**
 * The topic filter: only articles about the Russia–Ukraine peace negotiations are kept from feeds
 * and pages. An article is on topic when it names the war's parties (a context term) and speaks of
 * negotiating (a topic term) in its headline, or at least twice in its text.
 *
 * Terms are matched as whole words, case-insensitive; a term ending in `*` matches any word
 * starting with it (`negotiat*`: negotiation, negotiators …). Both lists are configurable; an empty
 * context list drops the context requirement.
 */

/** Words of negotiating. */
export const DEFAULT_TOPIC_TERMS: readonly string[] = [
  'talks',
  'negotiat*',
  'ceasefire',
  'cease-fire',
  'truce',
  'armistice',
  'peace plan',
  'peace deal',
  'peace process',
  'peace proposal',
  'peace framework',
  'peace agreement',
  'peace settlement',
  'peace summit',
  'peace talks',
  'summit',
  'envoy*',
  'delegation*',
  'mediat*',
  'security guarantee*',
  'memorandum',
  'prisoner exchange*',
  'prisoner swap*',
  'diploma*',
];

/** Words naming the war and its parties. */
export const DEFAULT_CONTEXT_TERMS: readonly string[] = [
  'ukrain*',
  'russia*',
  'kremlin',
  'kyiv',
  'kiev',
  'moscow',
  'zelensk*',
  'putin',
  'donbas*',
  'crimea*',
];

export interface TopicFilterOptions {
  /** Negotiation words (default DEFAULT_TOPIC_TERMS). */
  terms?: readonly string[];
  /** Context words (default DEFAULT_CONTEXT_TERMS); [] for none. */
  context?: readonly string[];
  /** Mentions of topic terms needed in the text when the headline has none (default 2). */
  minTextMentions?: number;
}

export type TopicFilter = (article: { title: string; body: string }) => boolean;

function termPattern(terms: readonly string[]): RegExp | null {
  const parts = terms
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0)
    .map((t) => {
      const prefix = t.endsWith('*');
      const words = (prefix ? t.slice(0, -1) : t).split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return `${words.join('[\\s-]+')}${prefix ? '[\\p{L}-]*' : ''}`;
    });
  return parts.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
}

/** A comma-separated list of terms ("talks, ceasefire, peace plan") as a list. */
export function parseTerms(value: string): string[] {
  return value.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
}

export function createTopicFilter(options: TopicFilterOptions = {}): TopicFilter {
  const topic = termPattern(options.terms ?? DEFAULT_TOPIC_TERMS);
  const context = termPattern(options.context ?? DEFAULT_CONTEXT_TERMS);
  const min = options.minTextMentions ?? 2;
  return ({ title, body }) => {
    if (!topic) return true;
    const count = (re: RegExp, text: string): number => text.match(re)?.length ?? 0;
    if (context && count(context, title) + count(context, body) === 0) return false;
    return count(topic, title) > 0 || count(topic, body) >= min;
  };
}

/** The filter used when nothing else is configured. */
export const defaultTopicFilter: TopicFilter = createTopicFilter();
