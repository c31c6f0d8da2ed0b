/** Delivery through @discordjs/rest against the fake Discord on 127.0.0.1 (no mocks). */
import { createDiscordDeliver } from '../../src/discord/deliver';
import { DeliveryError } from '../../src/digest/deliver';
import type { DigestMessage } from '../../src/digest/render';
import { silentLogger } from '../../src/logger';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';

const ROUTE = 'POST /channels/:channel/messages';
const message: DigestMessage = {
  content: '**Parley digest**: 1 new article',
  embeds: [{ title: 'Talks resume', description: 'Hello @everyone', footer: { text: 'Parley digest · abc' } }],
  allowedMentions: { parse: [] },
};

describe('Discord delivery (REST against the fake Discord)', () => {
  let fake: FakeDiscord;
  const sleeps: number[] = [];
  const deliver = () =>
    createDiscordDeliver({ token: fake.token, apiBase: fake.apiBase, logger: silentLogger(), backoffMs: 10, sleep: async (ms) => void sleeps.push(ms) });

  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    sleeps.length = 0;
  });

  it('posts with the nonce enforced and mentions disabled, and the same nonce again returns the same message', async () => {
    const d = deliver();
    const before = fake.channelMessages().length;
    const first = await d.send(fake.channelId, message, 'n1-0');
    const again = await d.send(fake.channelId, message, 'n1-0');
    expect(again.messageId).toBe(first.messageId);
    expect(fake.channelMessages()).toHaveLength(before + 1);
    const request = fake.requests().filter((r) => r.method === 'POST' && r.route === `/channels/${fake.channelId}/messages`).at(-1)!;
    expect(request.body).toMatchObject({ nonce: 'n1-0', enforce_nonce: true, allowed_mentions: { parse: [] }, content: message.content });
  });

  it.each([
    [404, 10003, 'Unknown Channel', 'gone'],
    [403, 50001, 'Missing Access', 'forbidden'],
    [400, 50035, 'Invalid Form Body', 'rejected'],
  ] as const)('reports %i (code %i, %s) as %s', async (status, code, text, kind) => {
    fake.failNext(ROUTE, { status, code, message: text });
    const error = await deliver().send(fake.channelId, message, `fail-${status}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind, message: expect.stringContaining(String(status)) });
  });

  it('retries a 5xx with growing waits, then succeeds', async () => {
    fake.failNext(ROUTE, { status: 502, times: 2 });
    const before = fake.channelMessages().length;
    await deliver().send(fake.channelId, message, 'n5xx-0');
    expect(sleeps).toEqual([10, 20]);
    expect(fake.channelMessages()).toHaveLength(before + 1);
  });

  it('reports a 5xx that does not go away as transient', async () => {
    fake.failNext(ROUTE, { status: 500, times: 4 });
    await expect(deliver().send(fake.channelId, message, 'n500-0')).rejects.toMatchObject({ kind: 'transient' });
    expect(sleeps).toEqual([10, 20, 40]);
  });

  it('waits out a 429 and sends', async () => {
    fake.failNext(ROUTE, { status: 429, retryAfter: 0.05 });
    const before = fake.channelMessages().length;
    await deliver().send(fake.channelId, message, 'n429-0');
    expect(fake.channelMessages()).toHaveLength(before + 1);
    const answered = fake.requests().filter((r) => r.route === `/channels/${fake.channelId}/messages` && r.method === 'POST').slice(-2);
    expect(answered.map((r) => r.response?.status)).toEqual([429, 200]);
  });
});
