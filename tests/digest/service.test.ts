import { digestStatus, previewDigest, subscribeChannel, unsubscribeChannel, composeDigest } from '../../src/digest/service';
import { checkLimits } from '../../src/digest/render';
import { silentLogger } from '../../src/logger';
import { tempDir } from '../support/corpus';
import { FakeClock } from '../ingest/helpers';
import { DigestWorld, FakeMedium, talksArticle } from './helpers';

const CHANNEL = '100000000000000001';

describe('digest service (what /digest calls)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clock: FakeClock;
  let world: DigestWorld;
  const deps = () => ({ subscriptions: world.subscriptions, now: clock.now() });
  const compose = () => composeDigest({ index: () => world.live.index(), arrivals: () => world.live.arrivals() });

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('parley-service-'));
    clock = FakeClock.at('2025-11-20T10:00:00Z');
    world = new DigestWorld(dir, clock, new FakeMedium(clock), silentLogger());
  });
  afterEach(async () => {
    world.close();
    await cleanup();
  });

  it('subscribes a channel daily at 08:00 UTC by default, starting now (no back catalogue)', () => {
    const r = subscribeChannel(deps(), { guildId: '1', channelId: CHANNEL, userId: '2' });
    expect(r).toMatchObject({ created: true, schedule: 'daily at 08:00 UTC', nextDeliveryAt: '2025-11-21T08:00:00.000Z' });
    expect(r.subscription).toMatchObject({ cursor: '2025-11-20T10:00:00.000Z', createdBy: '2', query: null, speaker: null, weekday: null });
  });

  it('changes a subscription when the channel subscribes again, keeping its cursor, and survives a restart', () => {
    subscribeChannel(deps(), { guildId: '1', channelId: CHANNEL, userId: '2' });
    clock.set('2025-11-21T12:00:00Z');
    const r = subscribeChannel(deps(), { guildId: '1', channelId: CHANNEL, userId: '3', schedule: 'weekly', day: 'mon', time: '9:30', query: ' Istanbul  talks ', speaker: 'Peskov' });
    expect(r).toMatchObject({ created: false, schedule: 'weekly on Monday at 09:30 UTC', nextDeliveryAt: '2025-11-24T09:30:00.000Z' });
    world.restart();
    expect(digestStatus(world, CHANNEL)).toEqual({
      channelId: CHANNEL,
      schedule: 'weekly on Monday at 09:30 UTC',
      spec: { schedule: 'weekly', time: '09:30', weekday: 1 },
      query: 'Istanbul talks',
      speaker: 'Peskov',
      since: '2025-11-20T10:00:00.000Z',
      nextDeliveryAt: '2025-11-24T09:30:00.000Z',
      lastDelivery: null,
      paused: null,
      retrying: null,
    });
  });

  it.each([
    ['a time past 23:59', { time: '25:00' }, /time must be HH:MM/],
    ['an unknown schedule', { schedule: 'monthly' }, /schedule must be daily or weekly/],
    ['a day for a daily digest', { day: 'friday' }, /only be given for a weekly digest/],
    ['an empty query', { query: '   ?! ' }, /query is empty/],
    ['a speaker of 101 characters', { speaker: 'x'.repeat(101) }, /speaker is too long/],
  ])('refuses %s with a message for a person', (_label, options, message) => {
    expect(() => subscribeChannel(deps(), { guildId: '1', channelId: CHANNEL, userId: '2', ...options })).toThrow(message);
    expect(digestStatus(world, CHANNEL)).toBeNull();
  });

  it('unsubscribes, and says so when there was nothing to unsubscribe', () => {
    subscribeChannel(deps(), { guildId: '1', channelId: CHANNEL, userId: '2' });
    unsubscribeChannel(world, CHANNEL);
    expect(digestStatus(world, CHANNEL)).toBeNull();
    expect(() => unsubscribeChannel(world, CHANNEL)).toThrow(/this channel has no digest subscription/);
  });

  it('previews the next digest without sending anything or moving the cursor', () => {
    subscribeChannel(deps(), { guildId: '1', channelId: CHANNEL, userId: '2' });
    clock.set('2025-11-20T12:00:00Z');
    world.arrive(talksArticle(1));
    clock.set('2025-11-20T13:00:00Z');
    const preview = previewDigest({ ...deps(), compose: compose() }, { channelId: CHANNEL });
    expect(preview.subscribed).toBe(true);
    expect(preview.answer.articles.map((a) => a.article.title)).toEqual(['Round 1 of ceasefire talks in Geneva']);
    expect(preview.messages).toHaveLength(1);
    expect(preview.messages.every((m) => checkLimits(m) === null)).toBe(true);
    expect(digestStatus(world, CHANNEL)?.since).toBe('2025-11-20T10:00:00.000Z');
    expect(world.subscriptions.deliveries(world.subscriptions.get(CHANNEL)!.id)).toEqual([]);
  });

  it('previews, for a channel not subscribed, the last day (or week) with the given filters', () => {
    clock.set('2025-11-18T12:00:00Z');
    world.arrive(talksArticle(1));
    clock.set('2025-11-20T11:00:00Z');
    world.arrive(talksArticle(2, { title: 'Round 2 of ceasefire talks in Istanbul' }));
    clock.set('2025-11-20T13:00:00Z');
    const daily = previewDigest({ ...deps(), compose: compose() }, { channelId: CHANNEL });
    expect(daily.subscribed).toBe(false);
    expect(daily.answer.articles).toHaveLength(1);
    expect(previewDigest({ ...deps(), compose: compose() }, { channelId: CHANNEL, schedule: 'weekly' }).answer.articles).toHaveLength(2);
    expect(previewDigest({ ...deps(), compose: compose() }, { channelId: CHANNEL, schedule: 'weekly', query: 'Geneva' }).answer.articles).toHaveLength(1);
    expect(previewDigest({ ...deps(), compose: compose() }, { channelId: CHANNEL, query: 'Geneva' }).messages).toEqual([]);
  });
});
