/**
 * Exactly once across a crash: a child process delivering a digest is killed (SIGKILL) after
 * Discord accepted a message and before the database recorded it; restarted, it finishes the
 * digest, and the channel holds each message exactly once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { subscribeChannel } from '../../src/digest/service';
import { Store } from '../../src/storage/store';
import { SubscriptionStore } from '../../src/storage/subscriptions';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { tempDir } from '../support/corpus';
import { talksArticle } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const REGISTER = path.join(__dirname, 'tsRegister.js');
const CHILD = path.join(__dirname, 'crashChild.ts');

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CHILD], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('digest delivery across a crash (child process killed with SIGKILL)', () => {
  let fake: FakeDiscord;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    ({ dir, cleanup } = await tempDir('parley-crash-'));
    // A channel subscribed two days ago; a dozen articles arrived yesterday (two messages' worth).
    const store = Store.open(dir);
    subscribeChannel({ subscriptions: new SubscriptionStore(store.db), now: Date.now() - 2 * DAY }, { guildId: fake.guildId, channelId: fake.channelId, userId: fake.userId });
    store.ingest(Array.from({ length: 12 }, (_, i) => talksArticle(i + 1)), [], new Date(Date.now() - DAY));
    store.close();
  });

  afterAll(async () => {
    await fake.close();
    await cleanup();
  });

  it('posts every message of the digest exactly once', async () => {
    const env = { DATA_DIR: dir, API_BASE: fake.apiBase, TOKEN: fake.token };

    const crashed = await runChild({ ...env, CRASH_AFTER_PART: '0' });
    expect(crashed.signal).toBe('SIGKILL');
    expect(fake.channelMessages(fake.channelId)).toHaveLength(1);
    let store = Store.open(dir);
    const [pending] = new SubscriptionStore(store.db).pendingDeliveries();
    expect(pending?.parts.length).toBe(2);
    expect(pending?.parts.map((p) => p.messageId)).toEqual([null, null]); // Discord has message 0; the database does not know it
    store.close();

    const restarted = await runChild(env);
    expect(restarted.stderr).toBe('');
    expect(restarted.code).toBe(0);
    expect(JSON.parse(restarted.stdout)).toMatchObject({ delivered: [pending?.subscriptionId], retrying: [], paused: [] });

    const messages = fake.channelMessages(fake.channelId);
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => m.embeds.at(-1)?.footer?.text)).toEqual([expect.stringMatching(/ · 1\/2$/), expect.stringMatching(/ · 2\/2$/)]);
    expect(messages.map((m) => m.nonce)).toEqual(pending?.parts.map((p) => p.nonce));
    // The message sent before the crash was sent again after it, and Discord answered with the one it had.
    const posts = fake.requests().filter((r) => r.method === 'POST' && r.route === `/channels/${fake.channelId}/messages`);
    expect(posts.map((r) => (r.body as { nonce: string }).nonce)).toEqual([pending?.parts[0]?.nonce, pending?.parts[0]?.nonce, pending?.parts[1]?.nonce]);

    store = Store.open(dir);
    const subscriptions = new SubscriptionStore(store.db);
    expect(subscriptions.delivery(pending!.id)?.status).toBe('sent');
    expect(subscriptions.delivery(pending!.id)?.parts.map((p) => p.messageId)).toEqual(messages.map((m) => m.id));
    store.close();

    // Run again: nothing is due, nothing is posted.
    const third = await runChild(env);
    expect(JSON.parse(third.stdout)).toMatchObject({ delivered: [], retrying: [] });
    expect(fake.channelMessages(fake.channelId)).toHaveLength(2);
  });
});
