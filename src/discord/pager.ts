/**
 * Paged answers: the pages of a reply are kept in memory for a few minutes, keyed by a short random
 * id carried in the buttons' custom_id (`pager:<command>:<id>:<page>`). Only the person who ran the
 * command can turn the pages. When the list expires, its buttons are removed from the message; a
 * click on a list the bot no longer knows (expired, evicted, or from before a restart) removes the
 * buttons and explains, ephemerally.
 */
import { randomBytes } from 'node:crypto';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from '../logger';
import type { Clock, Timer } from './clock';
import { noMentions, renderExpired, renderNotYours, renderPage, type AllowedMentions, type MessagePayload } from './render';

/** How long a list's buttons work after the last use (below the 15 minutes an interaction token lives). */
export const PAGER_TTL_MS = 5 * 60 * 1000;
/** Lists kept at most; the oldest is dropped (and its buttons removed) beyond this. */
export const PAGER_MAX_ENTRIES = 500;
export const PAGER_PREFIX = 'pager';

const CUSTOM_ID = /^pager:([\w-]{1,32}):([0-9a-f]{1,16}):(\d{1,4})$/;

export interface PagerButton {
  command: string;
  id: string;
  page: number;
}

export function pagerCustomId(command: string, id: string, page: number): string {
  return `${PAGER_PREFIX}:${command}:${id}:${page}`;
}

/** The parts of a pager button's custom_id, or null for any other custom_id. */
export function parsePagerCustomId(customId: string): PagerButton | null {
  const m = CUSTOM_ID.exec(customId);
  if (!m) return null;
  return { command: m[1]!, id: m[2]!, page: Number(m[3]) };
}

/** The edit that removes a list's buttons and leaves the rest of the message as it is. */
function withoutButtons(): { components: []; allowedMentions: AllowedMentions } {
  return { components: [], allowedMentions: noMentions() };
}

interface PagedList {
  id: string;
  command: string;
  ownerId: string;
  pages: MessagePayload[];
  expiresAt: number;
  timer: Timer;
  /** Removes the buttons from the message, through the newest interaction that can edit it. */
  removeButtons: () => Promise<unknown>;
}

export interface PagerOptions {
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  maxEntries?: number;
}

export class Pager {
  private readonly lists = new Map<string, PagedList>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(options: PagerOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.ttlMs = options.ttlMs ?? PAGER_TTL_MS;
    this.maxEntries = options.maxEntries ?? PAGER_MAX_ENTRIES;
  }

  /** Lists currently remembered. */
  get size(): number {
    return this.lists.size;
  }

  /** Replies with the first page, and Previous/Next buttons when there is more than one. */
  async reply(interaction: ChatInputCommandInteraction, pages: readonly MessagePayload[]): Promise<void> {
    const command = interaction.commandName;
    if (pages.length <= 1) {
      await interaction.reply(renderPage(pages, 0, (page) => pagerCustomId(command, '0', page)));
      return;
    }
    const id = this.newId();
    const list: PagedList = {
      id,
      command,
      ownerId: interaction.user.id,
      pages: [...pages],
      expiresAt: 0,
      timer: { cancel: () => undefined },
      removeButtons: () => interaction.editReply(withoutButtons()),
    };
    // Remembered before replying, so a quick click cannot arrive first.
    this.remember(list);
    try {
      await interaction.reply(renderPage(list.pages, 0, (page) => pagerCustomId(command, id, page)));
    } catch (error) {
      this.forget(id);
      throw error;
    }
  }

  /** Turns the page for the owner; anyone else is told, ephemerally, that the buttons are not theirs. */
  async handleClick(interaction: ButtonInteraction, logger: Logger = this.logger): Promise<void> {
    const button = parsePagerCustomId(interaction.customId);
    if (!button) return;
    const list = this.lists.get(button.id);
    if (!list || this.clock.now() >= list.expiresAt) {
      if (list) this.forget(list.id);
      logger.debug({ list: button.id }, 'click on an expired list');
      await interaction.update(withoutButtons());
      await interaction.followUp(renderExpired(button.command));
      return;
    }
    if (interaction.user.id !== list.ownerId) {
      logger.debug({ list: list.id, userId: interaction.user.id }, 'click by someone else');
      await interaction.reply(renderNotYours(list.command));
      return;
    }
    const page = Math.min(Math.max(0, button.page), list.pages.length - 1);
    await interaction.update(renderPage(list.pages, page, (p) => pagerCustomId(list.command, list.id, p)));
    // Unless it expired meanwhile, the list lives on for another TTL, and the newest token edits the message.
    if (this.lists.get(list.id) !== list) return;
    list.removeButtons = () => interaction.editReply(withoutButtons());
    this.schedule(list);
  }

  /** Forgets every list without touching the messages (at shutdown). */
  dispose(): void {
    for (const list of this.lists.values()) list.timer.cancel();
    this.lists.clear();
  }

  private newId(): string {
    let id: string;
    do id = randomBytes(4).toString('hex');
    while (this.lists.has(id));
    return id;
  }

  private remember(list: PagedList): void {
    this.lists.set(list.id, list);
    this.schedule(list);
    while (this.lists.size > this.maxEntries) {
      const oldest = this.lists.keys().next().value;
      if (oldest === undefined) break;
      this.expire(oldest);
    }
  }

  private schedule(list: PagedList): void {
    list.timer.cancel();
    list.expiresAt = this.clock.now() + this.ttlMs;
    list.timer = this.clock.setTimeout(() => this.expire(list.id), this.ttlMs);
    // Re-inserted so the Map's order stays oldest-used first (for eviction).
    this.lists.delete(list.id);
    this.lists.set(list.id, list);
  }

  private forget(id: string): PagedList | undefined {
    const list = this.lists.get(id);
    if (!list) return undefined;
    list.timer.cancel();
    this.lists.delete(id);
    return list;
  }

  private expire(id: string): void {
    const list = this.forget(id);
    if (!list) return;
    list.removeButtons().then(
      () => this.logger.debug({ list: id, command: list.command }, 'paged list expired'),
      (error: unknown) => this.logger.warn({ err: error, list: id }, 'could not remove the buttons of an expired list'),
    );
  }
}
