/** render: every payload within Discord's limits, article text shown as text, mentions disabled. */
import { ButtonStyle, ComponentType, MessageFlags, type APIEmbed } from 'discord.js';
import type { WhoSaidAnswer, WhoSaidResult } from '../../src/answers/whosaid';
import type { TimelineAnswer } from '../../src/answers/timeline';
import type { DigestMessage } from '../../src/digest/render';
import type { DigestPreview, DigestStatus, SubscribeResult } from '../../src/digest/service';
import {
  LIMITS,
  PREVIEW_MAX_MESSAGES,
  renderDigestPreview,
  renderDigestStatus,
  renderInstant,
  renderSubscribed,
  QUOTE_MAX,
  WHOSAID_PAGE_SIZE,
  clip,
  embedLength,
  escapeText,
  fitEmbeds,
  renderChoices,
  renderNoEvents,
  renderNoQuotes,
  renderPage,
  renderQuoteEmbed,
  renderTimeline,
  renderUserError,
  renderWhoSaid,
  safeUrl,
  type MessagePayload,
} from '../../src/discord/render';

function result(overrides: Partial<WhoSaidResult> = {}): WhoSaidResult {
  return {
    quote: 'You shouldn’t wear rose-tinted glasses and expect lightning-fast results',
    speaker: { name: 'Dmitry Peskov', role: 'top spokesman' },
    passage: '',
    score: 1,
    article: { title: 'Ukraine Peace Talks ‘On Pause,’ Kremlin Says', source: 'The Moscow Times', url: 'https://example.com/a', published: '2025-09-12' },
    quoteId: 'a:1',
    speakerId: 'dmitry-peskov',
    ...overrides,
  };
}

function expectEmbedWithinLimits(embed: APIEmbed): void {
  expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect((embed.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect((embed.author?.name ?? '').length).toBeLessThanOrEqual(LIMITS.authorName);
  expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footerText);
  expect((embed.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
}

function expectWithinLimits(payload: MessagePayload): void {
  expect((payload.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(payload.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  payload.embeds.forEach(expectEmbedWithinLimits);
  expect(payload.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(payload.allowedMentions).toEqual({ parse: [] });
}

const huge = (n: number, word = 'word'): string => Array.from({ length: Math.ceil(n / (word.length + 1)) }, () => word).join(' ').slice(0, n);

describe('render: /whosaid', () => {
  it('shows the quote as a block quote, the speaker with role, the outlet, the date and a link', () => {
    const embed = renderQuoteEmbed(result());
    expect(embed).toEqual({
      author: { name: 'Dmitry Peskov, top spokesman' },
      description: '> You shouldn’t wear rose-tinted glasses and expect lightning-fast results',
      title: 'Ukraine Peace Talks ‘On Pause,’ Kremlin Says',
      url: 'https://example.com/a',
      fields: [
        { name: 'Outlet', value: 'The Moscow Times', inline: true },
        { name: 'Date', value: '2025-09-12', inline: true },
      ],
    });
  });

  it('cuts a 5000-character quote with "…" and keeps it a block quote', () => {
    const embed = renderQuoteEmbed(result({ quote: huge(5000) }));
    expectEmbedWithinLimits(embed);
    expect(embed.description!.length).toBeLessThanOrEqual(QUOTE_MAX + 2);
    expect(embed.description).toMatch(/^> word word/);
    expect(embed.description).toMatch(/…$/);
  });

  it('block-quotes every line of a quote that spans lines', () => {
    expect(renderQuoteEmbed(result({ quote: 'first line\nsecond line' })).description).toBe('> first line\n> second line');
  });

  it('escapes markdown and mention syntax in article text; mentions are disabled', () => {
    const [page] = renderWhoSaid({
      query: '**who** @everyone',
      results: [
        result({
          quote: '**bold** _it_ ~~gone~~ ||spoiler|| `code` @everyone <@123> <#456> [click](https://evil.example)',
          article: { title: '# Big _news_', source: 'The *Times*', url: 'https://example.com/a', published: '2025-01-01' },
        }),
      ],
    });
    const embed = page!.embeds[0]!;
    expect(embed.description).toBe('> \\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| \\`code\\` @everyone \\<@123> \\<#456> \\[click](https://evil.example)');
    expect(embed.title).toBe('\\# Big \\_news\\_');
    expect(embed.fields?.[0]?.value).toBe('The \\*Times\\*');
    expect(page!.content).toBe('**1 quotation** for “\\*\\*who\\*\\* @everyone”');
    expect(page!.allowedMentions).toEqual({ parse: [] });
  });

  it('puts 30 results on 10 pages of three, every page within the limits', () => {
    const answer: WhoSaidAnswer = {
      query: huge(200),
      results: Array.from({ length: 30 }, (_, i) =>
        result({
          quote: huge(5000, `q${i}`),
          speaker: { name: huge(300, 'Name'), role: huge(300, 'role') },
          article: { title: huge(400, 'Title'), source: huge(300, 'Outlet'), url: `https://example.com/${'x'.repeat(3000)}`, published: '2025-01-01' },
        }),
      ),
    };
    const pages = renderWhoSaid(answer);
    expect(pages).toHaveLength(30 / WHOSAID_PAGE_SIZE);
    pages.forEach((page, i) => {
      expectWithinLimits(page);
      expect(page.embeds).toHaveLength(3);
      expect(page.content).toMatch(new RegExp(`page ${i + 1} of 10$`));
    });
    expect(pages[9]!.embeds[2]!.description).toMatch(/^> q29/);
  });

  it('says when a quote has no stated speaker', () => {
    expect(renderQuoteEmbed(result({ speaker: null })).author?.name).toBe('Speaker not stated');
  });

  it('nothing found: an ephemeral message with the closest speakers and terms', () => {
    const notice = renderNoQuotes({ query: 'Peskof', results: [], suggestions: { speakers: ['Dmitry Peskov'], terms: ['peskov'] } });
    expect(notice).toEqual({
      content: 'No quotation matches “Peskof”. Closest speakers: **Dmitry Peskov**; terms: “peskov”.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    expect(renderNoQuotes({ query: 'x', results: [], suggestions: { speakers: [], terms: [] } }).content).toBe(
      'No quotation matches “x”. Try fewer or different words, or a wider date range.',
    );
  });
});

describe('render: /timeline', () => {
  const article = { title: 'T', source: 'The Moscow Times', url: 'https://example.com/t', published: '2025-09-12' };

  it('groups by year and month, shows each date at its precision and its sources', () => {
    const answer: TimelineAnswer = {
      events: [
        { date: '2024', precision: 'year', summary: 'Sometime in 2024.', evidence: '', articles: [article], publication: false },
        { date: '2025-08', precision: 'month', summary: 'In August.', evidence: '', articles: [article], publication: false },
        { date: '2025-08-15', precision: 'day', summary: 'Alaska summit.', evidence: '', articles: [article, { ...article, source: 'Reuters', url: null }], publication: false },
      ],
    };
    const [page, ...rest] = renderTimeline(answer, { from: '2024-01-01' });
    expect(rest).toEqual([]);
    expect(page!.content).toBe('**3 dated events** from 2024-01-01');
    expect(page!.embeds[0]!.description).toBe(
      [
        '__**2024**__',
        '**2024** — Sometime in 2024.',
        '↳ [The Moscow Times, 2025-09-12](https://example.com/t)',
        '',
        '__**2025**__',
        '*August*',
        '**2025-08** — In August.',
        '↳ [The Moscow Times, 2025-09-12](https://example.com/t)',
        '**2025-08-15** — Alaska summit.',
        '↳ [The Moscow Times, 2025-09-12](https://example.com/t) · Reuters, 2025-09-12',
      ].join('\n'),
    );
  });

  it('pages 40 long events with many sources, every page within the limits', () => {
    const answer: TimelineAnswer = {
      events: Array.from({ length: 40 }, (_, i) => ({
        date: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`,
        precision: 'day' as const,
        summary: huge(2000, `e${i}`),
        evidence: huge(3000),
        publication: false,
        articles: Array.from({ length: 10 }, (_, j) => ({ ...article, title: huge(500), source: `Outlet ${j} [x](y)`, url: `https://example.com/${j}?q=(a)` })),
      })),
    };
    const pages = renderTimeline(answer);
    expect(pages.length).toBeGreaterThanOrEqual(8);
    pages.forEach(expectWithinLimits);
    const description = pages[0]!.embeds[0]!.description!;
    expect(description).toContain('· +7 more');
    expect(description).toContain('[Outlet 0 \\[x\\](y), 2025-09-12](https://example.com/0?q=%28a%29)');
    const shown = pages.flatMap((p) => [...p.embeds[0]!.description!.matchAll(/^\*\*(\d{4}-\d{2}-\d{2})\*\*/gm)].map((m) => m[1]));
    expect(shown).toEqual(answer.events.map((e) => e.date));
  });

  it('nothing in range: an ephemeral message that says what to try', () => {
    expect(renderNoEvents({ query: 'ceasefire', speaker: 'Peskov' }).content).toBe(
      'No dated events about “ceasefire” involving Peskov. Try a wider date range, fewer words, or no speaker.',
    );
  });
});

describe('render: paging', () => {
  const pages: MessagePayload[] = [0, 1, 2].map((i) => ({ content: `p${i}`, embeds: [], components: [], allowedMentions: { parse: [] } }));
  const id = (page: number): string => `pager:test:abc:${page}`;

  it('one page: no buttons', () => {
    expect(renderPage(pages.slice(0, 1), 0, id).components).toEqual([]);
  });

  it('Previous is disabled on the first page, Next on the last; custom ids name the target page', () => {
    const buttons = (index: number) => {
      const row = renderPage(pages, index, id).components[0]!;
      expect(row.type).toBe(ComponentType.ActionRow);
      return row.components.map((b) => ({ id: b.custom_id, disabled: b.disabled, style: b.style }));
    };
    expect(buttons(0)).toEqual([
      { id: id(0), disabled: true, style: ButtonStyle.Secondary },
      { id: id(1), disabled: false, style: ButtonStyle.Secondary },
    ]);
    expect(buttons(1).map((b) => [b.id, b.disabled])).toEqual([
      [id(0), false],
      [id(2), false],
    ]);
    expect(buttons(2).map((b) => [b.id, b.disabled])).toEqual([
      [id(1), false],
      [id(2), true],
    ]);
    expect(renderPage(pages, 2, id).content).toBe('p2');
  });
});

describe('render: autocomplete choices', () => {
  it('at most 25, names and values on one line and at most 100 characters, no repeated values', () => {
    const choices = renderChoices([
      { name: 'a\nb', value: 'same' },
      { name: 'dup', value: 'SAME' },
      { name: '', value: 'no name' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: huge(300, `n${i}`), value: huge(300, `v${i}`) })),
    ]);
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'a b', value: 'same' });
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
      expect(c.name).not.toMatch(/\n/);
    }
    expect(choices[1]!.name).toMatch(/…$/);
    expect(choices[1]!.value).not.toMatch(/…$/);
  });
});

describe('render: text and limits', () => {
  it('clip cuts at a word boundary and never leaves a dangling escape', () => {
    expect(clip('one two three four', 12)).toBe('one two…');
    expect(clip('short', 10)).toBe('short');
    const escaped = escapeText('a'.repeat(9) + '*'.repeat(20));
    const cut = clip(escaped, 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut.replace(/…$/, '')).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
  });

  it('safeUrl keeps http(s) only and encodes what would end a masked link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(null)).toBeNull();
    expect(safeUrl('https://example.com/a_(b)')).toBe('https://example.com/a_%28b%29');
  });

  it('fitEmbeds shortens the longest descriptions until the message holds 6000 characters', () => {
    const embeds = fitEmbeds(Array.from({ length: 12 }, () => ({ title: 't', description: 'd'.repeat(4000) })));
    expect(embeds).toHaveLength(10);
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('user errors are ephemeral, escaped, with mentions disabled', () => {
    expect(renderUserError('from must be a date written YYYY-MM-DD (got "**x**")')).toEqual({
      content: '⚠️ from must be a date written YYYY-MM-DD (got "\\*\\*x\\*\\*")',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  });
});

describe('render: /digest', () => {
  const status = (overrides: Partial<DigestStatus> = {}): DigestStatus => ({
    channelId: '1',
    schedule: 'daily at 08:00 UTC',
    spec: { schedule: 'daily', time: '08:00', weekday: null },
    query: null,
    speaker: null,
    since: '2025-11-22T08:00:00.000Z',
    nextDeliveryAt: '2025-11-23T08:00:00.000Z',
    lastDelivery: { at: '2025-11-22T08:00:00.000Z', messages: 2 },
    paused: null,
    retrying: null,
    ...overrides,
  });

  it('an instant in UTC with Discord’s relative timestamp', () => {
    expect(renderInstant('2025-11-23T08:00:00.000Z')).toBe('2025-11-23 08:00 UTC (<t:1763884800:R>)');
  });

  it('status: paused with an escaped reason, within 2000 characters, ephemeral, mentions disabled', () => {
    const notice = renderDigestStatus(status({ paused: { at: '2025-11-22T09:00:00.000Z', reason: `the channel no longer exists (404 *Unknown* @everyone ${'x'.repeat(5000)})` }, nextDeliveryAt: null }));
    expect(notice.flags).toBe(MessageFlags.Ephemeral);
    expect(notice.allowedMentions).toEqual({ parse: [] });
    expect(notice.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(notice.content).toContain('⏸️ **Paused** since 2025-11-22 09:00 UTC (<t:1763802000:R>): the channel no longer exists (404 \\*Unknown\\*');
    expect(notice.content).not.toContain('Next digest');
    expect(notice.content).toContain('Last digest: 2025-11-22 08:00 UTC (<t:1763798400:R>) (2 messages)');
  });

  it('status: a delivery being retried says when the next attempt is', () => {
    const notice = renderDigestStatus(status({ retrying: { attempts: 1, lastError: '503 Service Unavailable', nextAttemptAt: '2025-11-23T08:01:00.000Z' } }));
    expect(notice.content).toContain('⚠️ A digest could not be posted yet (503 Service Unavailable); attempt 2 at 2025-11-23 08:01 UTC');
  });

  it('preview: at most three messages, the first headed by what is previewed, all ephemeral and within the limits', () => {
    const message = (n: number): DigestMessage => ({
      ...(n === 0 ? { content: `**Parley digest**: 40 new articles ${'y'.repeat(1990)}` } : {}),
      embeds: [{ title: `part ${n}`, description: 'z'.repeat(4000), footer: { text: `Parley digest · ${n + 1}/5` } }],
      allowedMentions: { parse: [] },
    });
    const preview: DigestPreview = {
      answer: { since: '2025-11-22T08:00:00.000Z', until: '2025-11-22T10:00:00.000Z', query: null, speaker: null, articles: [], events: [] },
      messages: [0, 1, 2, 3, 4].map(message),
      subscribed: true,
    };
    const rendered = renderDigestPreview({ preview, status: status(), filtersIgnored: true, period: 'day' });
    if (!Array.isArray(rendered)) throw new Error('expected messages');
    expect(rendered).toHaveLength(PREVIEW_MAX_MESSAGES);
    expect(rendered[0]?.content).toMatch(/^👀 \*\*Preview\*\* of this channel's next digest \(due 2025-11-23 08:00 UTC .*\nThe filters given were not used.*\n\(The first 3 of its 5 messages\.\)\n\*\*Parley digest\*\*/);
    for (const m of rendered) {
      expect(m.flags).toBe(MessageFlags.Ephemeral);
      expect(m.allowedMentions).toEqual({ parse: [] });
      expect((m.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
      expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });

  it('subscribed: filters escaped; a resumed subscription and an unknown speaker are mentioned', () => {
    const subscription: SubscribeResult['subscription'] = {
      id: 1,
      guildId: '1',
      channelId: '2',
      createdBy: '3',
      schedule: 'daily',
      time: '08:00',
      weekday: null,
      query: 'talks_in *Geneva*',
      speaker: 'Nobody',
      cursor: '2025-11-22T08:00:00.000Z',
      nextDueAt: '2025-11-23T08:00:00.000Z',
      createdAt: '2025-11-20T08:00:00.000Z',
      lastDeliveredAt: null,
      pausedAt: null,
      pausedReason: null,
    };
    const notice = renderSubscribed({
      result: { subscription, created: false, schedule: 'daily at 08:00 UTC', nextDeliveryAt: '2025-11-23T08:00:00.000Z' },
      resumed: true,
      unknownSpeaker: true,
    });
    expect(notice.allowedMentions).toEqual({ parse: [] });
    expect(notice.content).toContain('about “talks\\_in \\*Geneva\\*”, quoting Nobody');
    expect(notice.content).toContain('Deliveries were paused and resume now.');
    expect(notice.content).toContain('Note: no article so far quotes “Nobody”');
  });
});
