import { digestStatus, subscribeChannel } from '../../src/digest/service';
import { silentLogger } from '../../src/logger';
import { tempDir } from '../support/corpus';
import { captureLogger, FakeClock, LEVEL } from '../ingest/helpers';
import { DeliveryError, DigestWorld, FakeMedium, talksArticle } from './helpers';

const CHANNEL = '100000000000000001';
const HOUR = 60 * 60 * 1000;

describe('DigestScheduler (fake clock, SQLite in a temporary folder)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clock: FakeClock;
  let medium: FakeMedium;
  let world: DigestWorld;

  const open = (extra: ConstructorParameters<typeof DigestWorld>[4] = {}, logger = silentLogger()) => {
    world = new DigestWorld(dir, clock, medium, logger, { retryBaseMs: 60_000, ...extra });
    return world;
  };
  const subscribe = (options: { schedule?: string; time?: string; day?: string; query?: string; speaker?: string } = {}, channelId = CHANNEL) =>
    subscribeChannel({ subscriptions: world.subscriptions, now: clock.now() }, { guildId: '1', channelId, userId: '2', ...options });
  const articlesIn = (channelId = CHANNEL) => medium.in(channelId).flatMap((m) => m.message.embeds.map((e) => e.title));

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('parley-digest-'));
    clock = FakeClock.at('2025-11-20T07:00:00Z');
    medium = new FakeMedium(clock);
  });

  afterEach(async () => {
    world.close();
    await cleanup();
  });

  it('delivers at the subscription time, not before, with what arrived since subscribing', async () => {
    open();
    world.arrive(talksArticle(1)); // before subscribing: not part of any digest
    clock.advance(1000);
    expect(subscribe().nextDeliveryAt).toBe('2025-11-20T08:00:00.000Z');
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(talksArticle(2));
    clock.set('2025-11-20T07:59:59Z');
    expect((await world.scheduler.runDue()).delivered).toEqual([]);
    clock.set('2025-11-20T08:00:00Z');
    const report = await world.scheduler.runDue();
    expect(report.delivered).toHaveLength(1);
    expect(articlesIn()).toEqual(['Round 2 of ceasefire talks in Geneva', 'New dated events']);
    expect(medium.in(CHANNEL)[0]?.message.allowedMentions).toEqual({ parse: [] });
    const status = digestStatus(world, CHANNEL)!;
    expect(status).toMatchObject({ nextDeliveryAt: '2025-11-21T08:00:00.000Z', since: '2025-11-20T08:00:00.000Z', lastDelivery: { at: '2025-11-20T08:00:00.000Z', messages: 1 }, paused: null });
    // Nothing is due again the same day.
    clock.set('2025-11-20T12:00:00Z');
    expect((await world.scheduler.runDue()).delivered).toEqual([]);
  });

  it('posts nothing when nothing new matches, and the next digest still covers everything since the last one', async () => {
    open();
    subscribe({ query: 'Istanbul' });
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(talksArticle(1)); // Geneva: does not match
    clock.set('2025-11-20T08:00:00Z');
    expect(await world.scheduler.runDue()).toMatchObject({ delivered: [], empty: [expect.any(Number)] });
    expect(medium.posted).toHaveLength(0);
    expect(digestStatus(world, CHANNEL)).toMatchObject({ nextDeliveryAt: '2025-11-21T08:00:00.000Z', lastDelivery: null, since: '2025-11-20T07:00:00.000Z' });
    clock.set('2025-11-20T20:00:00Z');
    world.arrive(talksArticle(2, { title: 'Round 2 of ceasefire talks in Istanbul' }));
    clock.set('2025-11-21T08:00:00Z');
    await world.scheduler.runDue();
    expect(articlesIn()).toEqual(['Round 2 of ceasefire talks in Istanbul', 'New dated events']);
  });

  it('delivers a weekly digest on its weekday', async () => {
    clock.set('2025-11-20T10:00:00Z'); // a Thursday
    open();
    expect(subscribe({ schedule: 'weekly' }).nextDeliveryAt).toBe('2025-11-27T08:00:00.000Z');
    expect(subscribe({ schedule: 'weekly', day: 'monday' }, '100000000000000002').nextDeliveryAt).toBe('2025-11-24T08:00:00.000Z');
    world.arrive(talksArticle(1));
    for (const day of ['2025-11-21', '2025-11-22', '2025-11-23']) {
      clock.set(`${day}T08:00:00Z`);
      await world.scheduler.runDue();
    }
    expect(medium.posted).toHaveLength(0);
    clock.set('2025-11-24T08:00:00Z');
    await world.scheduler.runDue();
    expect(medium.posted.map((m) => m.channelId)).toEqual(['100000000000000002']);
    clock.set('2025-11-27T08:00:00Z');
    await world.scheduler.runDue();
    expect(medium.posted.map((m) => m.channelId)).toEqual(['100000000000000002', CHANNEL]);
    expect(digestStatus(world, CHANNEL)?.nextDeliveryAt).toBe('2025-12-04T08:00:00.000Z');
  });

  it('after downtime sends one digest covering the whole gap, not one per missed day', async () => {
    open();
    subscribe();
    for (const [n, day] of [[1, '2025-11-20'], [2, '2025-11-21'], [3, '2025-11-22']] as const) {
      clock.set(`${day}T12:00:00Z`);
      world.arrive(talksArticle(n));
    }
    // The bot was down from 07:00 on the 20th until 09:30 on the 23rd.
    world.close();
    clock.set('2025-11-23T09:30:00Z');
    open();
    const report = await world.scheduler.runDue();
    expect(report.delivered).toHaveLength(1);
    expect(world.subscriptions.deliveries(world.subscriptions.get(CHANNEL)!.id)).toHaveLength(1);
    expect(articlesIn().filter((t) => t?.startsWith('Round'))).toEqual([1, 2, 3].map((n) => `Round ${n} of ceasefire talks in Geneva`));
    expect(digestStatus(world, CHANNEL)?.nextDeliveryAt).toBe('2025-11-24T08:00:00.000Z');
    expect((await world.scheduler.runDue()).delivered).toEqual([]);
  });

  it('finishes a delivery recorded before a restart without posting any message twice', async () => {
    open({ nonceBase: () => 'fixednonce' });
    subscribe();
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(...Array.from({ length: 12 }, (_, i) => talksArticle(i + 1)));
    clock.set('2025-11-20T08:00:00Z');
    // The first message is accepted, then the database is gone before it is recorded (the real
    // thing, a killed process, is in crash.test.ts).
    let crashed = false;
    world.close();
    open({
      nonceBase: () => 'fixednonce',
      hooks: {
        afterSend: () => {
          crashed = true;
          world.store.close(); // the database is gone before anything is recorded
          throw new Error('simulated crash');
        },
      },
    });
    await world.scheduler.runDue();
    expect(crashed).toBe(true);
    expect(medium.posted).toHaveLength(1);
    // Restart: the recorded intent is found and finished; the first message is not posted again.
    clock.set('2025-11-20T08:01:00Z');
    open();
    const pending = world.subscriptions.pendingDeliveries();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.parts.map((p) => p.messageId)).toEqual(pending[0]?.parts.map(() => null));
    await world.scheduler.runDue();
    const parts = pending[0]!.parts.length;
    expect(parts).toBeGreaterThan(1);
    expect(medium.posted.map((m) => m.nonce)).toEqual(Array.from({ length: parts }, (_, i) => `fixednonce-${i}`));
    expect(world.subscriptions.delivery(pending[0]!.id)?.status).toBe('sent');
    expect(digestStatus(world, CHANNEL)?.since).toBe('2025-11-20T08:00:00.000Z');
  });

  it('when Discord may have forgotten the nonce, looks for the message in the channel before sending it again', async () => {
    open({ nonceBase: () => 'oldnonce' });
    subscribe();
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(talksArticle(1));
    clock.set('2025-11-20T08:00:00Z');
    world.close();
    open({
      nonceBase: () => 'oldnonce',
      hooks: {
        afterSend: () => {
          world.store.close();
          throw new Error('simulated crash');
        },
      },
    });
    await world.scheduler.runDue();
    clock.set('2025-11-20T09:00:00Z'); // an hour later: the nonce is long forgotten
    open();
    await world.scheduler.runDue();
    expect(medium.posted).toHaveLength(1);
    expect(world.subscriptions.lastDelivery(world.subscriptions.get(CHANNEL)!.id)?.status).toBe('sent');
  });

  it('retries transient failures (5xx, 429) with growing waits, then delivers once', async () => {
    const log = captureLogger();
    open({}, log.logger);
    subscribe();
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(talksArticle(1));
    medium.failNext(new DeliveryError('transient', '503 Service Unavailable'), new DeliveryError('transient', '429 rate limited', 5 * 60_000));
    clock.set('2025-11-20T08:00:00Z');
    expect((await world.scheduler.runDue()).retrying).toHaveLength(1);
    expect(digestStatus(world, CHANNEL)?.retrying).toEqual({ attempts: 1, lastError: '503 Service Unavailable', nextAttemptAt: '2025-11-20T08:01:00.000Z' });
    clock.set('2025-11-20T08:00:59Z');
    await world.scheduler.runDue();
    expect(medium.calls).toHaveLength(1);
    clock.set('2025-11-20T08:01:00Z');
    await world.scheduler.runDue();
    // Second failure: twice the base wait, or the 5 minutes the medium asked for, whichever is longer.
    expect(digestStatus(world, CHANNEL)?.retrying).toMatchObject({ attempts: 2, nextAttemptAt: '2025-11-20T08:06:00.000Z' });
    clock.set('2025-11-20T08:06:00Z');
    await world.scheduler.runDue();
    expect(medium.posted).toHaveLength(1);
    expect(new Set(medium.calls.map((c) => c.nonce)).size).toBe(1);
    expect(digestStatus(world, CHANNEL)).toMatchObject({ retrying: null, lastDelivery: { messages: 1 } });
    expect(log.lines().filter((l) => l.msg === 'digest: delivery failed; will retry').map((l) => l.level)).toEqual([LEVEL.warn, LEVEL.warn]);
  });

  it.each([
    ['gone', '404 Unknown Channel (code 10003)', /the channel no longer exists/],
    ['forbidden', '403 Missing Access (code 50001)', /the bot lost access to the channel/],
  ] as const)('pauses the subscription when the channel is %s, shows why, and resumes from the same point when subscribed again', async (kind, message, reason) => {
    const log = captureLogger();
    open({}, log.logger);
    subscribe();
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(talksArticle(1));
    medium.failNext(new DeliveryError(kind, message));
    clock.set('2025-11-20T08:00:00Z');
    expect((await world.scheduler.runDue()).paused).toHaveLength(1);
    const status = digestStatus(world, CHANNEL)!;
    expect(status.paused?.reason).toMatch(reason);
    expect(status.paused?.reason).toContain(message);
    expect(status.nextDeliveryAt).toBeNull();
    expect(log.lines().find((l) => l.msg === 'digest: subscription paused')).toMatchObject({ level: LEVEL.warn, channelId: CHANNEL });
    clock.set('2025-11-21T08:00:00Z');
    await world.scheduler.runDue();
    expect(medium.calls).toHaveLength(1);
    // Access restored; subscribing again resumes it, and the article is not lost.
    clock.set('2025-11-21T09:00:00Z');
    subscribe({ time: '10:00' });
    clock.set('2025-11-21T10:00:00Z');
    await world.scheduler.runDue();
    expect(articlesIn()).toEqual(['Round 1 of ceasefire talks in Geneva', 'New dated events']);
  });

  it('runs on a timer with the injected clock', async () => {
    open();
    subscribe();
    clock.set('2025-11-20T07:30:00Z');
    world.arrive(talksArticle(1));
    world.scheduler.start();
    clock.advance(0);
    await world.scheduler.runDue();
    expect(medium.posted).toHaveLength(0);
    for (let i = 0; i < 40 && medium.posted.length === 0; i += 1) {
      clock.advance(HOUR / 40);
      await world.scheduler.runDue();
    }
    expect(medium.posted).toHaveLength(1);
    expect(clock.iso() >= '2025-11-20T08:00:00.000Z').toBe(true);
    world.scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
