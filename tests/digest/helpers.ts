/** Articles, a fake delivery medium and a wired-up scheduler for the digest tests. */
import type { Article } from '../../src/corpus/types';
import { DeliveryError, type Deliver } from '../../src/digest/deliver';
import type { DigestMessage } from '../../src/digest/render';
import { DigestScheduler, type SchedulerDeps } from '../../src/digest/scheduler';
import { composeDigest } from '../../src/digest/service';
import { LiveCorpus } from '../../src/ingest/live';
import type { Logger } from '../../src/logger';
import { FeedStore } from '../../src/storage/feeds';
import { Store } from '../../src/storage/store';
import { SubscriptionStore } from '../../src/storage/subscriptions';
import { makeArticle } from '../support/corpus';
import type { FakeClock } from '../ingest/helpers';

/** A news article about the talks, with quotations by two speakers and a dated event. */
export function talksArticle(n: number, overrides: Partial<Article> = {}): Article {
  const place = overrides.title?.includes('Istanbul') ? 'Istanbul' : 'Geneva';
  const body = [
    `Ukrainian and Russian negotiators met in ${place} on Tuesday for round ${n} of talks on a ceasefire, officials in Kyiv said.`,
    `“We are ready to continue the talks as long as it takes,” Ukrainian negotiator Rustem Umerov told reporters after round ${n}.`,
    `“The dialogue continues, but there is no breakthrough yet in round ${n},” Kremlin spokesman Dmitry Peskov said.`,
    `“Nobody should expect a peace deal before the winter, whatever is said in public about round ${n},” Umerov said.`,
    `The two delegations agreed to meet again on December ${n + 3}, 2025, the Swiss foreign ministry said in a statement.`,
  ].join('\n\n');
  return makeArticle(`talks-${n}`, body, { title: `Round ${n} of ceasefire talks in ${place}`, source: 'Test Herald', published: '2025-11-20', ...overrides });
}

export interface SentMessage {
  channelId: string;
  id: string;
  nonce: string;
  message: DigestMessage;
  at: number;
}

/**
 * A channel-like delivery medium: it remembers nonces for `nonceMemoryMs` of the fake clock (as
 * Discord does with enforce_nonce), can be told to fail, and lists what it posted.
 */
export class FakeMedium implements Deliver {
  readonly posted: SentMessage[] = [];
  readonly calls: { channelId: string; nonce: string }[] = [];
  private failures: DeliveryError[] = [];
  private seq = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly nonceMemoryMs = 5 * 60 * 1000,
  ) {}

  failNext(...errors: DeliveryError[]): void {
    this.failures.push(...errors);
  }

  async send(channelId: string, message: DigestMessage, nonce: string): Promise<{ messageId: string }> {
    this.calls.push({ channelId, nonce });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const known = this.posted.find((m) => m.channelId === channelId && m.nonce === nonce && this.clock.now() - m.at < this.nonceMemoryMs);
    if (known) return { messageId: known.id };
    this.seq += 1;
    const sent = { channelId, id: `m${this.seq}`, nonce, message: JSON.parse(JSON.stringify(message)) as DigestMessage, at: this.clock.now() };
    this.posted.push(sent);
    return { messageId: sent.id };
  }

  async findSent(channelId: string, footer: string, after: string): Promise<string | null> {
    const found = this.posted.find((m) => m.channelId === channelId && m.at >= Date.parse(after) - 60_000 && m.message.embeds.at(-1)?.footer?.text === footer);
    return found?.id ?? null;
  }

  in(channelId: string): SentMessage[] {
    return this.posted.filter((m) => m.channelId === channelId);
  }
}

export { DeliveryError };

/** The database, the live corpus and a scheduler over them. */
export class DigestWorld {
  store: Store;
  subscriptions: SubscriptionStore;
  feeds: FeedStore;
  live: LiveCorpus;
  scheduler: DigestScheduler;

  constructor(
    readonly dir: string,
    readonly clock: FakeClock,
    readonly medium: Deliver,
    readonly logger: Logger,
    readonly extra: Partial<SchedulerDeps> = {},
  ) {
    this.store = Store.open(dir);
    this.subscriptions = new SubscriptionStore(this.store.db);
    this.feeds = new FeedStore(this.store.db);
    this.live = new LiveCorpus({ store: this.store, feeds: this.feeds, seeds: [], logger });
    this.scheduler = this.makeScheduler();
  }

  private makeScheduler(): DigestScheduler {
    return new DigestScheduler({
      subscriptions: this.subscriptions,
      clock: this.clock,
      deliver: this.medium,
      compose: composeDigest({ index: () => this.live.index(), arrivals: () => this.live.arrivals() }),
      logger: this.logger,
      ...this.extra,
    });
  }

  /** An article arrives now (as the poller or `parley ingest` would store it). */
  arrive(...articles: Article[]): void {
    this.store.ingest(articles, [], new Date(this.clock.now()));
  }

  /** Close and reopen the database, with a new scheduler: a restart. */
  restart(): void {
    this.store.close();
    this.store = Store.open(this.dir);
    this.subscriptions = new SubscriptionStore(this.store.db);
    this.feeds = new FeedStore(this.store.db);
    this.live = new LiveCorpus({ store: this.store, feeds: this.feeds, seeds: [], logger: this.logger });
    this.scheduler = this.makeScheduler();
  }

  close(): void {
    this.scheduler.stop();
    this.store.close();
  }
}
