/**
 * Rendering: pure functions from answers to Discord message payloads. This module alone knows
 * Discord's limits; everything it returns fits them, shows article text as text (markdown and
 * mention syntax escaped), and disables mentions.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type MessageMentionTypes,
} from 'discord.js';
import type { ArticleRef, WhoSaidAnswer, WhoSaidResult } from '../answers/whosaid';
import { DISCORD_LIMITS } from '../limits';
import type { TimelineAnswer } from '../answers/timeline';
import type { DigestMessage } from '../digest/render';
import type { DigestPreview, DigestStatus, SubscribeResult } from '../digest/service';

/** Discord's limits on what a bot sends (src/limits.ts). */
export const LIMITS = DISCORD_LIMITS;

/** Quotations per page of /whosaid. */
export const WHOSAID_PAGE_SIZE = 3;
/** Longest quotation shown (escaped characters); longer ones are cut with "…". */
export const QUOTE_MAX = 1200;
/** At most this many events per page of /timeline (fewer when they are long). */
export const TIMELINE_PAGE_SIZE = 5;
/** Longest event summary shown. */
export const SUMMARY_MAX = 350;
/** Sources listed per event; the rest are counted ("+2 more"). */
export const SOURCES_SHOWN = 3;
/** Room kept free in a timeline page's description. */
const TIMELINE_DESCRIPTION_BUDGET = 3800;

export type AllowedMentions = { parse: MessageMentionTypes[] };

/** A message: what a reply, an edit or an update sends. Components are added by the pager. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: AllowedMentions;
}

/** A short message everyone in the channel sees (the answer to a change of the channel's settings). */
export interface PublicNotice {
  content: string;
  allowedMentions: AllowedMentions;
}

/** A message only the person who asked sees, with embeds (a digest preview). */
export interface EphemeralMessage {
  content?: string;
  embeds: APIEmbed[];
  flags: MessageFlags.Ephemeral;
  allowedMentions: AllowedMentions;
}

/** A short message only the person who asked sees. */
export interface EphemeralNotice {
  content: string;
  flags: MessageFlags.Ephemeral;
  allowedMentions: AllowedMentions;
}

/** Fresh on every call: nothing the bot sends can ping anyone. */
export function noMentions(): AllowedMentions {
  return { parse: [] };
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/**
 * Text from an article or a user, made to show as typed: markdown (including headings, lists and
 * masked links) is escaped, and mention/channel/timestamp syntax (`<@1>`, `<#1>`, `<t:1>`) is
 * broken so it shows literally. `@everyone` stays readable; mentions are disabled anyway.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/^(\s*)-#/gm, '$1\\-#')
    .replace(/<(?=[@#:]|a:|t:|\/|https?:)/g, '\\<');
}

/** Whitespace runs (including newlines) to one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `text` cut to at most `max` characters, at a word boundary when one is near, with "…". Never
 * leaves a dangling escape backslash at the cut.
 */
export function clip(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return text.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - ellipsis.length);
  const space = cut.search(/\s\S*$/);
  if (space > cut.length - 20 && space > 0) cut = cut.slice(0, space);
  cut = cut.replace(/\s+$/, '');
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}${ellipsis}`;
}

/** Escaped and cut to `max` (cut before escaping too: escaping long text is slow, and only makes it longer). */
function shown(text: string, max: number): string {
  return clip(escapeText(clip(text, max)), max);
}

function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** An http(s) URL safe to put in a masked link, or null. */
export function safeUrl(url: string | null | undefined, max = 512): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const href = parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return href.length <= max ? href : null;
}

/** `[text](url)`, or the escaped text alone when there is no usable URL. */
function maskedLink(text: string, url: string | null, max: number): string {
  const href = safeUrl(url);
  // Brackets would end the link text: escape the ones escapeMarkdown left (it escapes only "[x](y)" shapes).
  const escaped = escapeText(clip(oneLine(text), max)).replace(/\\.|[[\]]/g, (m) => (m.length === 1 ? `\\${m}` : m));
  const label = clip(escaped, href ? Math.max(1, max - href.length - 4) : max);
  return href ? `[${label}](${href})` : label;
}

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

/** The characters of an embed that count towards the 6000 limit. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title ?? '').length +
    (embed.description ?? '').length +
    (embed.footer?.text ?? '').length +
    (embed.author?.name ?? '').length +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every per-embed limit applied (title, description, fields, footer, author). */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = clip(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = clip(out.description, LIMITS.embedDescription);
  if (out.author) out.author = { ...out.author, name: clip(out.author.name, LIMITS.authorName) };
  if (out.footer) out.footer = { ...out.footer, text: clip(out.footer.text, LIMITS.footerText) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: clip(f.name, LIMITS.fieldName) || '\u200b',
      value: clip(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  return out;
}

/**
 * A message's embeds within every limit: each embed fitted, at most 10, and the longest
 * descriptions shortened until all of them together hold at most 6000 characters.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embedsPerMessage).map(fitEmbed);
  let total = out.reduce((n, e) => n + embedLength(e), 0);
  while (total > LIMITS.embedTotal) {
    const longest = out.reduce((a, b) => ((b.description ?? '').length > (a.description ?? '').length ? b : a));
    const description = longest.description ?? '';
    if (description.length <= 1) {
      // Only titles/fields left to trim: drop the last embed (never happens with our renderers).
      out.pop();
    } else {
      longest.description = clip(description, Math.max(1, description.length - (total - LIMITS.embedTotal)));
    }
    total = out.reduce((n, e) => n + embedLength(e), 0);
  }
  return out;
}

/** A full message payload within Discord's limits. */
export function fitMessage(payload: MessagePayload): MessagePayload {
  return {
    ...payload,
    ...(payload.content !== undefined ? { content: clip(payload.content, LIMITS.content) } : {}),
    embeds: fitEmbeds(payload.embeds),
    components: payload.components.slice(0, 5),
    allowedMentions: noMentions(),
  };
}

// ---------------------------------------------------------------------------
// Notices
// ---------------------------------------------------------------------------

export function ephemeral(content: string): EphemeralNotice {
  return { content: clip(content, LIMITS.content), flags: MessageFlags.Ephemeral, allowedMentions: noMentions() };
}

/** Something the person typed needs fixing: say what. */
export function renderUserError(message: string): EphemeralNotice {
  return ephemeral(`⚠️ ${escapeText(message)}`);
}

/** A bug: a short apology (the details are in the log). */
export function renderApology(): EphemeralNotice {
  return ephemeral('Sorry, something went wrong on my side while answering that. It has been logged; please try again in a moment.');
}

export function renderExpired(commandName: string | null): EphemeralNotice {
  return ephemeral(`This list has expired: run ${commandName ? `/${commandName}` : 'the command'} again to page through it.`);
}

export function renderNotYours(commandName: string | null): EphemeralNotice {
  return ephemeral(
    `Only the person who ran ${commandName ? `/${commandName}` : 'this command'} can turn its pages. Run it yourself to get your own copy.`,
  );
}

// ---------------------------------------------------------------------------
// /whosaid
// ---------------------------------------------------------------------------

function speakerLine(speaker: WhoSaidResult['speaker']): string {
  if (!speaker) return 'Speaker not stated';
  return oneLine(speaker.role ? `${speaker.name}, ${speaker.role}` : speaker.name);
}

/** One quotation: the quote as a block quote; speaker with role; outlet, date and a link to the article. */
export function renderQuoteEmbed(result: WhoSaidResult): APIEmbed {
  const quote = result.quote.replace(/[,;:]$/, '').trim();
  const url = safeUrl(result.article.url, 2048);
  return fitEmbed({
    // Author names are plain text in Discord: no escaping.
    author: { name: clip(speakerLine(result.speaker), LIMITS.authorName) },
    description: blockQuote(shown(quote, QUOTE_MAX)),
    title: shown(oneLine(result.article.title), LIMITS.embedTitle),
    ...(url ? { url } : {}),
    fields: [
      { name: 'Outlet', value: shown(oneLine(result.article.source), 100), inline: true },
      { name: 'Date', value: shown(result.article.published, 32), inline: true },
    ],
  });
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The pages of a /whosaid answer with results (three quotations to a page). */
export function renderWhoSaid(answer: WhoSaidAnswer): MessagePayload[] {
  const pageCount = Math.max(1, Math.ceil(answer.results.length / WHOSAID_PAGE_SIZE));
  const pages: MessagePayload[] = [];
  for (let page = 0; page < pageCount; page += 1) {
    const results = answer.results.slice(page * WHOSAID_PAGE_SIZE, (page + 1) * WHOSAID_PAGE_SIZE);
    const header = `**${plural(answer.results.length, 'quotation', 'quotations')}** for “${shown(oneLine(answer.query), 300)}”`;
    pages.push(
      fitMessage({
        content: pageCount > 1 ? `${header} · page ${page + 1} of ${pageCount}` : header,
        embeds: results.map(renderQuoteEmbed),
        components: [],
        allowedMentions: noMentions(),
      }),
    );
  }
  return pages;
}

/** Nothing matched: say so, and suggest the closest speakers and terms. */
export function renderNoQuotes(answer: WhoSaidAnswer): EphemeralNotice {
  const hints: string[] = [];
  const speakers = answer.suggestions?.speakers ?? [];
  const terms = answer.suggestions?.terms ?? [];
  if (speakers.length > 0) hints.push(`speakers: ${speakers.map((s) => `**${shown(s, 100)}**`).join(', ')}`);
  if (terms.length > 0) hints.push(`terms: ${terms.map((t) => `“${shown(t, 100)}”`).join(', ')}`);
  const tail = hints.length > 0 ? ` Closest ${hints.join('; ')}.` : ' Try fewer or different words, or a wider date range.';
  return ephemeral(`No quotation matches “${shown(oneLine(answer.query), 300)}”.${tail}`);
}

// ---------------------------------------------------------------------------
// /timeline
// ---------------------------------------------------------------------------

type TimelineEventView = TimelineAnswer['events'][number];

/** What the events were filtered by, for the header. */
export interface TimelineFilterView {
  from?: string | null;
  to?: string | null;
  query?: string | null;
  speaker?: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The year and month an event is grouped under ("2025", "August"); month is null for a date known only to the year. */
export function timelineGroup(event: Pick<TimelineEventView, 'date' | 'precision'>): { year: string; month: string | null } {
  const year = event.date.slice(0, 4);
  if (event.precision === 'year') return { year, month: null };
  return { year, month: MONTHS[Number(event.date.slice(5, 7)) - 1] ?? null };
}

function sourcesLine(articles: readonly ArticleRef[]): string {
  if (articles.length === 0) return '';
  const shownArticles = articles.slice(0, SOURCES_SHOWN).map((a) => maskedLink(`${a.source}, ${a.published}`, a.url, 400));
  const more = articles.length > SOURCES_SHOWN ? ` · +${articles.length - SOURCES_SHOWN} more` : '';
  return `↳ ${shownArticles.join(' · ')}${more}`;
}

/** One event: its date at its precision, the summary, and its sources. */
export function renderTimelineEvent(event: TimelineEventView): string {
  const lines = [`**${shown(event.date, 10)}** — ${shown(oneLine(event.summary), SUMMARY_MAX)}`];
  const sources = sourcesLine(event.articles);
  if (sources) lines.push(sources);
  return lines.join('\n');
}

function filterText(filter: TimelineFilterView): string {
  const parts: string[] = [];
  if (filter.query?.trim()) parts.push(`about “${shown(oneLine(filter.query), 200)}”`);
  if (filter.speaker?.trim()) parts.push(`involving ${shown(oneLine(filter.speaker), 100)}`);
  if (filter.from?.trim()) parts.push(`from ${shown(filter.from.trim(), 20)}`);
  if (filter.to?.trim()) parts.push(`to ${shown(filter.to.trim(), 20)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/**
 * The pages of a /timeline answer: events in the order given, under a heading for each year and
 * a subheading for each month (repeated at the top of a page that continues them).
 */
export function renderTimeline(answer: TimelineAnswer, filter: TimelineFilterView = {}): MessagePayload[] {
  const chunks: TimelineEventView[][] = [];
  let current: TimelineEventView[] = [];
  let size = 0;
  for (const event of answer.events) {
    const length = renderTimelineEvent(event).length + 40;
    if (current.length > 0 && (current.length >= TIMELINE_PAGE_SIZE || size + length > TIMELINE_DESCRIPTION_BUDGET)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(event);
    size += length;
  }
  if (current.length > 0) chunks.push(current);

  const header = `**${plural(answer.events.length, 'dated event', 'dated events')}**${filterText(filter)}`;
  return chunks.map((events, page) => {
    const lines: string[] = [];
    let year: string | null = null;
    let month: string | null = null;
    for (const event of events) {
      const group = timelineGroup(event);
      if (group.year !== year) {
        if (year !== null) lines.push('');
        lines.push(`__**${group.year}**__`);
        year = group.year;
        month = null;
      }
      if (group.month !== null && group.month !== month) lines.push(`*${group.month}*`);
      month = group.month;
      lines.push(renderTimelineEvent(event));
    }
    return fitMessage({
      content: chunks.length > 1 ? `${header} · page ${page + 1} of ${chunks.length}` : header,
      embeds: [{ title: 'Timeline of the negotiations', description: lines.join('\n') }],
      components: [],
      allowedMentions: noMentions(),
    });
  });
}

export function renderNoEvents(filter: TimelineFilterView = {}): EphemeralNotice {
  return ephemeral(`No dated events${filterText(filter)}. Try a wider date range, fewer words, or no speaker.`);
}

// ---------------------------------------------------------------------------
// Paging and autocomplete
// ---------------------------------------------------------------------------

/**
 * Page `index` of `pages` with Previous/Next buttons (none for a single page). `customIdFor` names
 * the button that shows a given page; buttons past either end are disabled.
 */
export function renderPage(pages: readonly MessagePayload[], index: number, customIdFor: (page: number) => string): MessagePayload {
  const page = pages[index];
  if (!page) throw new RangeError(`render: no page ${index} (of ${pages.length})`);
  if (pages.length <= 1) return { ...page, components: [] };
  const button = (label: string, target: number, disabled: boolean): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customIdFor(target),
    disabled,
  });
  return {
    ...page,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [button('◀ Previous', Math.max(0, index - 1), index === 0), button('Next ▶', Math.min(pages.length - 1, index + 1), index === pages.length - 1)],
      },
    ],
  };
}

export interface ChoiceInput {
  name: string;
  value: string;
}

/**
 * Autocomplete choices within Discord's limits: names and values on one line and at most 100
 * characters, no repeated values, at most 25.
 */
export function renderChoices(choices: readonly ChoiceInput[]): APIApplicationCommandOptionChoice<string>[] {
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    const value = clip(oneLine(choice.value), LIMITS.choiceValue, '');
    const name = clip(oneLine(choice.name), LIMITS.choiceName);
    if (!value || !name || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    out.push({ name, value });
    if (out.length >= LIMITS.choices) break;
  }
  return out;
}

// ---------------------------------------------------------------------------
// /digest
// ---------------------------------------------------------------------------

/** Messages of a preview shown at most (the rest are counted). */
export const PREVIEW_MAX_MESSAGES = 3;

export function notice(content: string): PublicNotice {
  return { content: clip(content, LIMITS.content), allowedMentions: noMentions() };
}

/**
 * An instant for people: "2025-11-22 08:00 UTC (<t:1763798400:R>)", the UTC time the schedule is
 * written in, then Discord's relative time ("in 3 hours"), shown in each reader's own terms.
 */
export function renderInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return shown(iso, 40);
  const utc = new Date(ms).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC (<t:${Math.floor(ms / 1000)}:R>)`;
}

function digestFilters(query: string | null, speaker: string | null): string | null {
  const parts: string[] = [];
  if (query) parts.push(`about “${shown(oneLine(query), 200)}”`);
  if (speaker) parts.push(`quoting ${shown(oneLine(speaker), 100)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** What a subscription became, for `renderSubscribed`. */
export interface SubscribedView {
  result: SubscribeResult;
  /** The subscription had been paused (channel gone, access lost) and now resumes. */
  resumed: boolean;
  /** The speaker filter matches nobody quoted so far. */
  unknownSpeaker: boolean;
}

/** The channel subscribed (or its subscription changed): public, so the channel knows. */
export function renderSubscribed(view: SubscribedView): PublicNotice {
  const { result } = view;
  const sub = result.subscription;
  const filters = digestFilters(sub.query, sub.speaker);
  const what = `**${shown(result.schedule, 60)}**${filters ? `, only new articles ${filters}` : ''}`;
  const lines = result.created
    ? [
        `📰 This channel is subscribed to the Parley digest: ${what}.`,
        `The first digest comes ${renderInstant(result.nextDeliveryAt)}, with the articles that arrive from now on. When nothing new arrives, nothing is posted.`,
      ]
    : [
        `📰 This channel's Parley digest now comes ${what}.`,
        `Next digest: ${renderInstant(result.nextDeliveryAt)}, with everything that arrived since the last one.`,
      ];
  if (view.resumed) lines.push('Deliveries were paused and resume now.');
  if (view.unknownSpeaker && sub.speaker) {
    lines.push(`Note: no article so far quotes “${shown(oneLine(sub.speaker), 100)}”; the digest lists articles once one does.`);
  }
  return notice(lines.join('\n'));
}

export function renderUnsubscribed(): PublicNotice {
  return notice('This channel no longer gets the Parley digest. `/digest subscribe` starts it again (from then on).');
}

/** This channel's subscription: schedule, filters, next and last delivery, and why it is paused, if it is. */
export function renderDigestStatus(status: DigestStatus | null): EphemeralNotice {
  if (!status) {
    return ephemeral('This channel has no digest subscription. Members with the Manage Channels permission can start one with `/digest subscribe`.');
  }
  const lines = [
    `**Parley digest** in this channel: ${shown(status.schedule, 60)}`,
    `Filters: ${digestFilters(status.query, status.speaker) ?? 'none (every new article)'}`,
  ];
  if (status.paused) {
    lines.push(
      `⏸️ **Paused** since ${renderInstant(status.paused.at)}: ${shown(oneLine(status.paused.reason), 600)}`,
      'Give the bot View Channel, Send Messages and Embed Links here, then run `/digest subscribe` again to resume: the next digest covers everything since the last one.',
    );
  } else if (status.nextDeliveryAt) {
    lines.push(`Next digest: ${renderInstant(status.nextDeliveryAt)}, with the articles that arrived since ${renderInstant(status.since)}`);
  }
  if (status.retrying) {
    const error = status.retrying.lastError ? ` (${shown(oneLine(status.retrying.lastError), 300)})` : '';
    lines.push(`⚠️ A digest could not be posted yet${error}; attempt ${status.retrying.attempts + 1} at ${renderInstant(status.retrying.nextAttemptAt)}.`);
  }
  lines.push(
    status.lastDelivery
      ? `Last digest: ${renderInstant(status.lastDelivery.at)} (${plural(status.lastDelivery.messages, 'message', 'messages')})`
      : 'Last digest: none yet',
  );
  return ephemeral(lines.join('\n'));
}

/** What a preview shows besides the digest itself. */
export interface PreviewView {
  preview: DigestPreview;
  /** The channel's subscription (null when not subscribed). */
  status: DigestStatus | null;
  /** Filters were given, but the channel's subscription has its own. */
  filtersIgnored: boolean;
  /** For a channel not subscribed: the period previewed. */
  period: 'day' | 'week';
}

function toEphemeral(message: DigestMessage, content: string | undefined): EphemeralMessage {
  return {
    ...(content !== undefined ? { content: clip(content, LIMITS.content) } : {}),
    embeds: fitEmbeds(message.embeds),
    flags: MessageFlags.Ephemeral,
    allowedMentions: noMentions(),
  };
}

/**
 * What the next digest would contain, only for the person asking: the digest's own messages (at
 * most PREVIEW_MAX_MESSAGES), the first one headed by what is previewed. Nothing new: one notice.
 */
export function renderDigestPreview(view: PreviewView): EphemeralMessage[] | EphemeralNotice {
  const { preview, status } = view;
  const since = renderInstant(preview.answer.since);
  if (preview.messages.length === 0) {
    return ephemeral(
      status
        ? `Nothing new since ${since} matches this channel's digest: if it were due now, nothing would be posted.`
        : `Nothing that arrived in the last ${view.period} matches: a digest would have posted nothing. This channel is not subscribed (\`/digest subscribe\`).`,
    );
  }
  const head: string[] = [];
  if (status) {
    const due = status.paused ? 'paused' : status.nextDeliveryAt ? `due ${renderInstant(status.nextDeliveryAt)}` : 'not scheduled';
    head.push(`👀 **Preview** of this channel's next digest (${due}); nothing has been posted.`);
    if (view.filtersIgnored) head.push('The filters given were not used: the subscription has its own (`/digest subscribe` changes them).');
  } else {
    head.push(`👀 **Preview**: what a digest with these filters would have posted over the last ${view.period}. This channel is not subscribed (\`/digest subscribe\`).`);
  }
  const total = preview.messages.length;
  if (total > PREVIEW_MAX_MESSAGES) head.push(`(The first ${PREVIEW_MAX_MESSAGES} of its ${total} messages.)`);
  return preview.messages.slice(0, PREVIEW_MAX_MESSAGES).map((m, i) => {
    if (i > 0) return toEphemeral(m, m.content);
    return toEphemeral(m, [...head, m.content ?? ''].filter((l) => l !== '').join('\n'));
  });
}
