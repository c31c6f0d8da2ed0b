import { parseFeedXml } from '../../src/ingest/feed';
import { fixture } from './server';

const BASE = 'https://herald.example';

describe('parseFeedXml', () => {
  it('reads an RSS 2.0 feed: titles, links, dates, and keys that ignore tracking parameters', () => {
    const feed = parseFeedXml(fixture('herald-2.rss.xml').replaceAll('{{BASE}}', BASE));
    expect(feed.title).toBe('Test Herald: World');
    const geneva = feed.items[0]!;
    expect(geneva.title).toBe('Envoys Meet in Geneva as Ceasefire Talks Resume');
    expect(geneva.url).toBe(`${BASE}/news/geneva-talks?utm_source=rss&utm_medium=feed#xtor=RSS-3`);
    expect(geneva.key).toBe('url:https://herald.example/news/geneva-talks');
    expect(geneva.published).toBe('2025-11-20');
    expect(feed.items.find((i) => i.title?.includes('no date'))?.published).toBeNull();
  });

  it('reads an Atom feed, taking <updated> when there is no <published>', () => {
    const feed = parseFeedXml(fixture('daily.atom.xml').replaceAll('{{BASE}}', BASE));
    expect(feed.title).toBe('Metadata Daily');
    expect(feed.items.map((i) => i.key)).toEqual([
      'url:https://herald.example/daily/zelensky-trump-call',
      'url:https://herald.example/partner/geneva-talks',
      'url:https://herald.example/news/geneva-talks',
    ]);
    expect(feed.items[0]?.published).toBe('2025-11-25');
    expect(feed.items[0]?.text).toBe('A phone call about the revised peace plan.');
  });

  it('refuses what is not a feed', () => {
    expect(() => parseFeedXml('<html><body>hello</body></html>')).toThrow(/^feed: not an RSS or Atom feed/);
  });
});
