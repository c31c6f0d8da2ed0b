import MiniSearch from 'minisearch';
import { buildCorpus } from '../../src/corpus/process';
import { CorpusIndex, FREQUENT_MIN, hasWord, normalizePhrase, QUOTE_INDEX_OPTIONS, SHARD_SIZE, type QuoteDoc } from '../../src/search/index';
import { loadSnapshot, takeSnapshot } from '../../src/search/snapshot';
import { termsOf } from '../../src/search/text';
import { Vocabulary } from '../../src/search/vocabulary';
import { generateArticle } from '../../bench/generate';
import { makeArticle } from '../support/corpus';

/** A small corpus of generated news: enough articles for several shards of passages. */
const generated = buildCorpus(Array.from({ length: 160 }, (_, n) => generateArticle(7, n)));
/** Small shards, so that queries cross several. */
const SHARDS = 700;
const index = new CorpusIndex(generated, undefined, { shardSize: SHARDS });
const quotes = [...index.quotes.values()];

function quoteOf(id: string) {
  return index.quotes.get(id.slice(2))!;
}

/** Everything a quotation is found by: its words, its sentence, its article's headline. */
function searchable(id: string): string {
  const q = quoteOf(id);
  return `${q.text} ${q.passage} ${index.articles.get(q.articleId)!.article.title}`;
}

/** A word few quotations hold. */
function rare(word: string): boolean {
  return /^[\p{L}]{4,}$/u.test(word) && index.search(word, { kind: 'quote' }, 60).length < 40;
}

function holdsAll(text: string, query: string): boolean {
  const hay = normalizePhrase(text);
  const terms = termsOf(query);
  return terms.every((t, i) => hasWord(hay, t, i === terms.length - 1));
}

describe('CorpusIndex.search', () => {
  it('finds each quotation by a phrase from it holding a rare word, first', () => {
    for (const q of quotes.filter((x) => x.text.split(' ').length > 8 && x.text.split(' ').slice(2, 7).some(rare)).slice(0, 40)) {
      const phrase = q.text.split(' ').slice(2, 7).join(' ');
      const hits = index.search(phrase, { kind: 'quote' }, 10);
      expect(hits[0]?.phrase).toBe(true);
      expect(hits.some((h) => h.id === `q:${q.id}`)).toBe(true);
    }
  });

  it('returns only quotations holding every word of the query (the last one as a prefix)', () => {
    for (const q of quotes.slice(0, 80)) {
      const words = q.text.split(/\s+/).filter((w) => /^\p{L}{4,}$/u.test(w)).slice(0, 2);
      if (words.length < 2) continue;
      const query = words.join(' ');
      // One result: the exact words found enough, so nothing was widened to near spellings.
      const hits = index.search(query, { kind: 'quote' }, 1);
      expect(hits.length).toBe(1);
      expect(holdsAll(searchable(hits[0]!.id), query)).toBe(true);
    }
  });

  it('answers a query of function words only by its phrase, newest first', () => {
    const hits = index.search('of the', { kind: 'quote' }, 10);
    expect(hits.length).toBe(10);
    for (const h of hits) expect(normalizePhrase(searchable(h.id))).toContain('of the');
    const dates = hits.map((h) => index.articles.get(quoteOf(h.id).articleId)!.article.published);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('answers frequent words from the newest quotations holding them all', () => {
    const hits = index.search('Ukraine Russia', { kind: 'quote' }, 10);
    expect(hits.length).toBe(10);
    for (const h of hits) expect(holdsAll(searchable(h.id), 'Ukraine Russia')).toBe(true);
  });

  it('keeps to the speakers and dates asked for', () => {
    const speaker = quotes.find((q) => q.speaker)!.speaker!;
    const hits = index.search('Ukraine', { kind: 'quote', speakerIds: new Set([speaker.id]) }, 25);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(quoteOf(h.id).speaker?.id).toBe(speaker.id);
    const dated = index.search('peace', { kind: 'quote', from: '2024-01-01', to: '2024-06-30' }, 25);
    expect(dated.length).toBeGreaterThan(0);
    for (const h of dated) {
      const published = index.articles.get(quoteOf(h.id).articleId)!.article.published;
      expect(published >= '2024-01-01' && published <= '2024-06-30').toBe(true);
    }
  });

  it('matches a misspelled word only when the exact words find too little', () => {
    const q = quotes.find((x) => x.text.split(' ').some((w) => /^[a-z]{8,}$/.test(w) && index.search(w, { kind: 'quote' }, 50).length < 5))!;
    const word = q.text.split(' ').find((w) => /^[a-z]{8,}$/.test(w))!;
    const typo = `${word.slice(0, 3)}${word[4]}${word[3]}${word.slice(5)}`;
    expect(index.search(typo, { kind: 'quote' }, 25).some((h) => h.id === `q:${q.id}`)).toBe(true);
  });

  it('searches passages (sentences) too, and both kinds when no kind is given', () => {
    const sentence = generated.articles[3]!.sentences[2]!;
    const phrase = sentence.text.split(' ').slice(1, 6).join(' ');
    const hits = index.search(phrase, { kind: 'passage' }, 10);
    expect(hits[0]?.kind).toBe('passage');
    expect(hits.some((h) => h.id === `p:${generated.articles[3]!.article.id}:2`)).toBe(true);
    expect(index.passages.get(`p:${generated.articles[3]!.article.id}:2`)?.text).toBe(sentence.text);
    expect(new Set(index.search('Ukraine', {}, 50).map((h) => h.kind))).toEqual(new Set(['quote', 'passage']));
  });

  it('splits documents into shards and still finds the oldest and the newest', () => {
    expect(SHARD_SIZE).toBeGreaterThan(SHARDS);
    expect(index.passages.size).toBeGreaterThan(3 * SHARDS);
    const byDate = [...generated.articles].sort((a, b) => a.article.published.localeCompare(b.article.published));
    for (const doc of [byDate[0]!, byDate[byDate.length - 1]!]) {
      const s = doc.sentences[1]!;
      const hits = index.search(s.text.split(' ').slice(0, 6).join(' '), { kind: 'passage' }, 5);
      expect(hits.some((h) => h.id === `p:${doc.article.id}:${s.index}`)).toBe(true);
    }
  });

  it('does not treat words as frequent in a small corpus', () => {
    expect(FREQUENT_MIN).toBeGreaterThan(100);
    const corpus = buildCorpus([
      makeArticle('a', '“The talks in Geneva were useful and long overdue,” Finnish President Alexander Stubb said.'),
      makeArticle('b', '“Talks alone will not end this war in Geneva or anywhere,” Polish Prime Minister Donald Tusk said.'),
    ]);
    const small = new CorpusIndex(corpus);
    expect(small.search('geneva talks', { kind: 'quote' }).length).toBe(2);
  });
});

describe('CorpusIndex.suggest', () => {
  it('completes the word being typed, most frequent first, after the words before it', () => {
    const suggestions = index.suggest('rose tinted ukr', 3);
    expect(suggestions[0]).toBe('rose tinted ukraine');
    expect(suggestions.every((s) => s.startsWith('rose tinted ukr'))).toBe(true);
  });

  it('offers near spellings for a misspelled word', () => {
    expect(index.suggest('negotiatoins', 3)).toContain('negotiations');
  });
});

describe('snapshots', () => {
  it('load into an index that answers exactly as the one built', () => {
    const built = new MiniSearch<QuoteDoc>(QUOTE_INDEX_OPTIONS);
    quotes.slice(0, 500).forEach((q, n) => built.add({ n, text: q.text, context: q.passage, speaker: q.speaker?.name ?? '', title: '', source: '' }));
    const loaded = loadSnapshot(takeSnapshot(built as MiniSearch<unknown>), QUOTE_INDEX_OPTIONS);
    for (const query of ['ukraine', 'peace talks', 'ceasefire', 'kremlin said', 'moscow']) {
      for (const options of [{}, { prefix: true }, { fuzzy: 0.2 }, { combineWith: 'AND' as const }]) {
        expect(loaded.search(query, options)).toEqual(built.search(query, options));
      }
    }
    expect(loaded.documentCount).toBe(built.documentCount);
  });

  it('refuse data that does not match their terms', () => {
    const built = new MiniSearch<QuoteDoc>(QUOTE_INDEX_OPTIONS);
    built.add({ n: 0, text: 'peace talks', context: '', speaker: '', title: '', source: '' });
    const snapshot = takeSnapshot(built as MiniSearch<unknown>);
    expect(() => loadSnapshot({ ...snapshot, data: snapshot.data.subarray(0, snapshot.data.length - 2) }, QUOTE_INDEX_OPTIONS)).toThrow(/truncated or corrupt/);
  });
});

describe('Vocabulary', () => {
  const vocabulary = Vocabulary.from(new Map([['peace', 50], ['peaceful', 5], ['peacekeepers', 9], ['pear', 1], ['talks', 30]]));

  it('completes a prefix by frequency', () => {
    expect(vocabulary.completions('pea', 3).map((c) => c.term)).toEqual(['peace', 'peacekeepers', 'peaceful']);
    expect(vocabulary.completions('zz', 3)).toEqual([]);
    expect(vocabulary.prefixFrequency('peace')).toBe(64);
  });

  it('finds near spellings within the edit distance', () => {
    expect(vocabulary.fuzzy('taks', 1).map((f) => f.term)).toEqual(['talks']);
    expect(vocabulary.fuzzy('peice', 1).map((f) => f.term)).toEqual(['peace']);
    expect(vocabulary.frequency('talks')).toBe(30);
    expect(vocabulary.frequency('talk')).toBe(0);
  });
});
