import type { DigestAnswer, DigestArticle, DigestEvent } from '../../src/answers/digest';
import { checkLimits, DIGEST_LIMITS, embedLength, escapeMarkdown, fitEscaped, renderDigest } from '../../src/digest/render';

function article(n: number, over: Partial<DigestArticle['article']> = {}, quoteLength = 120): DigestArticle {
  return {
    article: { title: `Talks round ${n}`, source: 'Test Herald', url: `https://herald.example/${n}`, published: '2025-11-20', ...over },
    arrivedAt: '2025-11-20T09:00:00.000Z',
    speakers: [
      { name: 'Rustem Umerov', role: 'negotiator', quoteCount: 3, quotes: ['a'.repeat(quoteLength), 'b'.repeat(quoteLength)] },
      { name: 'Dmitry Peskov', role: 'Kremlin spokesman', quoteCount: 1, quotes: ['c'.repeat(quoteLength)] },
    ],
  };
}

function event(n: number, summaryLength = 150): DigestEvent {
  return { date: `2025-12-${String((n % 28) + 1).padStart(2, '0')}`, precision: 'day', summary: `Event ${n} ${'x'.repeat(summaryLength)}`, future: n % 2 === 0, articles: [article(n).article] };
}

function answer(articles: DigestArticle[], events: DigestEvent[] = []): DigestAnswer {
  return { since: '2025-11-20T08:00:00.000Z', until: '2025-11-21T08:00:00.000Z', query: null, speaker: null, articles, events };
}

describe('renderDigest', () => {
  it('renders nothing when nothing is new', () => {
    expect(renderDigest(answer([], [event(1)]))).toEqual([]);
  });

  it('shows each article with title, link, outlet, date, speakers and quotes, mentions disabled', () => {
    const [message, ...more] = renderDigest(answer([article(1)], [event(3)]), { reference: 'abc' });
    expect(more).toEqual([]);
    expect(message?.allowedMentions).toEqual({ parse: [] });
    expect(message?.content).toBe('**Parley digest**: 1 new article since 2025-11-20 08:00 UTC');
    const [a, e] = message!.embeds;
    expect(a).toMatchObject({ title: 'Talks round 1', url: 'https://herald.example/1' });
    expect(a?.description).toContain('*Test Herald* · 2025-11-20');
    expect(a?.description).toContain('**Rustem Umerov**, negotiator — 3 quotes');
    expect(a?.description).toContain(`> “${'a'.repeat(120)}”`);
    expect(e?.title).toBe('New dated events');
    expect(e?.description).toMatch(/^\*\*2025-12-04\*\* Event 3/);
    expect(e?.footer?.text).toBe('Parley digest · abc');
  });

  it('escapes markdown and mention syntax in article text', () => {
    const [message] = renderDigest(answer([article(1, { title: '*Bold* claims_ at @everyone <@123> [link](x)', url: null, source: 'A|B' })]));
    const embed = message!.embeds[0]!;
    expect(embed.title).toBe('\\*Bold\\* claims\\_ at @\u200beveryone \\<@123\\> \\[link\\](x)');
    expect(embed.url).toBeUndefined();
    expect(embed.description).toContain('*A\\|B* · 2025-11-20 · (no link)');
  });

  it('splits a long digest over several messages, each within every limit, numbered in the footer', () => {
    const long = Array.from({ length: 40 }, (_, i) => article(i, { title: `${'Very long headline '.repeat(20)}${i}` }, 600));
    const messages = renderDigest(answer(long, Array.from({ length: 60 }, (_, i) => event(i, 380))), { reference: 'r3f9' });
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) {
      expect(checkLimits(m)).toBeNull();
      expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DIGEST_LIMITS.embedTotal);
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      expect(m.allowedMentions).toEqual({ parse: [] });
    }
    expect(messages.map((m) => m.embeds.at(-1)?.footer?.text)).toEqual(messages.map((_, i) => `Parley digest · r3f9 · ${i + 1}/${messages.length}`));
    // Every article is there, in order, once.
    const titles = messages.flatMap((m) => m.embeds.map((e) => e.title ?? '')).filter((t) => t.startsWith('Very long'));
    expect(titles).toHaveLength(40);
    expect(titles.every((t) => t.length <= 256)).toBe(true);
    // Only the first message has the headline content.
    expect(messages.slice(1).every((m) => m.content === undefined)).toBe(true);
  });

  it('cuts long quotes and event summaries with an ellipsis', () => {
    const [m] = renderDigest(answer([article(1, {}, 2000)], [event(1, 2000)]));
    expect(m!.embeds[0]!.description).toMatch(/a…”/);
    expect(m!.embeds[1]!.description!.length).toBeLessThan(500);
    expect(checkLimits(m!)).toBeNull();
  });
});

describe('escaping', () => {
  it('escapes list and heading markers at line starts', () => {
    expect(escapeMarkdown('# Title\n- item\n1. first')).toBe('\\# Title\n\\- item\n1\\. first');
  });

  it('never leaves a dangling backslash when it cuts', () => {
    for (let max = 5; max < 40; max += 1) {
      const out = fitEscaped('*'.repeat(50), max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).toMatch(/^(\\\*)*…$/);
    }
  });
});
