/**
 * A digest as Discord messages: a pure function from the answer to plain message payloads (no
 * discord.js here; `src/discord/deliver.ts` sends them). Everything returned fits Discord's limits,
 * shows article text as text (markdown and mention syntax escaped) and disables mentions. A long
 * digest is split over several messages; an empty one renders to no message at all.
 */
import { DISCORD_LIMITS } from '../limits';
import type { DigestAnswer, DigestArticle, DigestEvent } from '../answers/digest';

/** Discord's limits (shared with the bot's replies). */
export const DIGEST_LIMITS = DISCORD_LIMITS;

/** Longest quotation shown (escaped characters); longer ones are cut with "…". */
export const DIGEST_QUOTE_MAX = 300;
/** Longest description of one article's embed, so that several articles share a message. */
export const ARTICLE_DESCRIPTION_MAX = 1500;
/** Longest line of the events list. */
export const EVENT_LINE_MAX = 400;
/** Longest description of one events embed. */
export const EVENTS_DESCRIPTION_MAX = 3000;
/** Room kept in every message for the footer added after packing. */
const FOOTER_RESERVE = 120;
/** Embed colour of a digest. */
export const DIGEST_COLOR = 0x3b6ea5;

export interface DigestEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** An embed as Discord's API takes it (the subset a digest uses). */
export interface DigestEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: DigestEmbedField[];
  footer?: { text: string };
}

/** What mentions a message may trigger: none, ever. */
export interface NoMentions {
  parse: [];
}

/** One message of a digest (discord.js / API field `allowed_mentions` is `allowedMentions` here). */
export interface DigestMessage {
  content?: string;
  embeds: DigestEmbed[];
  allowedMentions: NoMentions;
}

export interface RenderOptions {
  /**
   * A short reference shown in every message's footer ("Parley digest · <reference> · 1/2"), so a
   * message can be recognised later (e.g. the delivery's nonce base).
   */
  reference?: string;
}

/** Markdown and mention syntax escaped, so article text shows as it is written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(#{1,3}\s|[-+]\s)/gm, (_all, space: string, marker: string) => `${space}\\${marker}`)
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2')
    .replace(/@(everyone|here)\b/g, '@\u200b$1');
}

/** `raw` escaped, cut with "…" (at a word boundary when possible) so that it fits `max` characters. */
export function fitEscaped(raw: string, max: number): string {
  const whole = escapeMarkdown(raw);
  if (whole.length <= max) return whole;
  let keep = Math.min(raw.length, max - 1);
  for (;;) {
    let cut = raw.slice(0, keep);
    const space = cut.lastIndexOf(' ');
    if (space > keep * 0.6) cut = cut.slice(0, space);
    const out = `${escapeMarkdown(cut.trimEnd())}…`;
    if (out.length <= max || keep <= 0) return out.length <= max ? out : '…';
    keep -= Math.max(1, out.length - max);
  }
}

/** Characters of an embed that count towards the 6000 of a message. */
export function embedLength(embed: DigestEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isLink(url: string | null): url is string {
  return url !== null && /^https?:\/\//.test(url) && url.length <= 2000;
}

function articleEmbed(item: DigestArticle): DigestEmbed {
  const { article } = item;
  const lines = [`*${fitEscaped(article.source, 200)}* · ${article.published}${isLink(article.url) ? '' : ' · (no link)'}`];
  for (const s of item.speakers) {
    const who = `**${fitEscaped(s.name, 100)}**${s.role ? `, ${fitEscaped(oneLine(s.role), 120)}` : ''}`;
    lines.push('', `${who} — ${s.quoteCount} ${s.quoteCount === 1 ? 'quote' : 'quotes'}`);
    for (const q of s.quotes) lines.push(`> “${fitEscaped(oneLine(q), DIGEST_QUOTE_MAX)}”`);
  }
  let description = '';
  for (const line of lines) {
    const next = description ? `${description}\n${line}` : line;
    if (next.length > ARTICLE_DESCRIPTION_MAX) break;
    description = next;
  }
  const embed: DigestEmbed = { title: fitEscaped(oneLine(article.title), DIGEST_LIMITS.embedTitle), description, color: DIGEST_COLOR };
  if (isLink(article.url)) embed.url = article.url;
  return embed;
}

function eventLine(e: DigestEvent): string {
  const sources = [...new Set(e.articles.map((a) => a.source))].slice(0, 2).join(', ');
  const tail = `${e.future ? ' (expected)' : ''}${sources ? ` — *${escapeMarkdown(sources)}*` : ''}`;
  return `**${e.date}** ${fitEscaped(oneLine(e.summary), Math.max(40, EVENT_LINE_MAX - tail.length - e.date.length - 6))}${tail}`;
}

function eventEmbeds(events: readonly DigestEvent[]): DigestEmbed[] {
  const embeds: DigestEmbed[] = [];
  let description = '';
  const flush = (): void => {
    if (!description) return;
    embeds.push({ title: embeds.length === 0 ? 'New dated events' : 'New dated events (continued)', description, color: DIGEST_COLOR });
    description = '';
  };
  for (const e of events) {
    const line = eventLine(e);
    if (description && description.length + 1 + line.length > EVENTS_DESCRIPTION_MAX) flush();
    description = description ? `${description}\n${line}` : line;
  }
  flush();
  return embeds;
}

function headline(answer: DigestAnswer): string {
  const n = answer.articles.length;
  const since = `${answer.since.slice(0, 10)} ${answer.since.slice(11, 16)} UTC`;
  const filters = [
    answer.query ? `matching “${fitEscaped(answer.query, 200)}”` : null,
    answer.speaker ? `quoting ${fitEscaped(answer.speaker, 100)}` : null,
  ].filter((f): f is string => f !== null);
  return `**Parley digest**: ${n} new ${n === 1 ? 'article' : 'articles'} since ${since}${filters.length ? `, ${filters.join(', ')}` : ''}`;
}

/** The digest as messages, in order; [] when there is nothing new. */
export function renderDigest(answer: DigestAnswer, options: RenderOptions = {}): DigestMessage[] {
  if (answer.articles.length === 0) return [];
  const embeds = [...answer.articles.map(articleEmbed), ...eventEmbeds(answer.events)];
  const messages: DigestMessage[] = [];
  let current: DigestEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const len = embedLength(embed);
    if (current.length > 0 && (current.length >= DIGEST_LIMITS.embedsPerMessage || total + len > DIGEST_LIMITS.embedTotal - FOOTER_RESERVE)) {
      messages.push({ embeds: current, allowedMentions: { parse: [] } });
      current = [];
      total = 0;
    }
    current.push(embed);
    total += len;
  }
  if (current.length > 0) messages.push({ embeds: current, allowedMentions: { parse: [] } });
  messages[0]!.content = fitEscapedContent(headline(answer));
  const ref = options.reference ? ` · ${fitEscaped(options.reference, 40)}` : '';
  messages.forEach((m, i) => {
    const last = m.embeds[m.embeds.length - 1]!;
    last.footer = { text: `Parley digest${ref}${messages.length > 1 ? ` · ${i + 1}/${messages.length}` : ''}` };
  });
  return messages;
}

function fitEscapedContent(text: string): string {
  return text.length <= DIGEST_LIMITS.content ? text : `${text.slice(0, DIGEST_LIMITS.content - 1)}…`;
}

/** Why a message breaks Discord's limits, or null when it fits (used by tests and as a guard before sending). */
export function checkLimits(message: DigestMessage): string | null {
  if ((message.content ?? '').length > DIGEST_LIMITS.content) return 'content longer than 2000';
  if (message.embeds.length > DIGEST_LIMITS.embedsPerMessage) return 'more than 10 embeds';
  if (!message.content && message.embeds.length === 0) return 'empty message';
  let total = 0;
  for (const e of message.embeds) {
    if ((e.title ?? '').length > DIGEST_LIMITS.embedTitle) return 'embed title longer than 256';
    if ((e.description ?? '').length > DIGEST_LIMITS.embedDescription) return 'embed description longer than 4096';
    if ((e.fields ?? []).length > DIGEST_LIMITS.embedFields) return 'more than 25 fields';
    for (const f of e.fields ?? []) {
      if (f.name.length > DIGEST_LIMITS.fieldName) return 'field name longer than 256';
      if (f.value.length > DIGEST_LIMITS.fieldValue) return 'field value longer than 1024';
    }
    if ((e.footer?.text ?? '').length > DIGEST_LIMITS.footerText) return 'footer longer than 2048';
    total += embedLength(e);
  }
  if (total > DIGEST_LIMITS.embedTotal) return 'embeds longer than 6000 in all';
  if (message.allowedMentions.parse.length !== 0) return 'mentions not disabled';
  return null;
}
