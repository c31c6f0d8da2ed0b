/**
 * One run of the digest scheduler in a process of its own, delivering through Discord's REST API
 * (the fake Discord of the parent test). With CRASH_AFTER_PART=n it kills itself with SIGKILL right
 * after Discord accepted message n, before the database records it: the worst moment.
 *
 * Run by crash.test.ts as: node -r tests/digest/tsRegister.js tests/digest/crashChild.ts
 */
import { createDiscordDeliver } from '../../src/discord/deliver';
import { DigestScheduler } from '../../src/digest/scheduler';
import { composeDigest } from '../../src/digest/service';
import { LiveCorpus } from '../../src/ingest/live';
import { silentLogger } from '../../src/logger';
import { FeedStore } from '../../src/storage/feeds';
import { Store } from '../../src/storage/store';
import { SubscriptionStore } from '../../src/storage/subscriptions';

async function main(): Promise<void> {
  const env = process.env;
  const store = Store.open(env['DATA_DIR'] ?? '');
  const logger = silentLogger();
  const feeds = new FeedStore(store.db);
  const live = new LiveCorpus({ store, feeds, seeds: [], logger });
  const crashAfter = env['CRASH_AFTER_PART'];
  const scheduler = new DigestScheduler({
    subscriptions: new SubscriptionStore(store.db),
    clock: { now: () => Date.now(), setTimeout: () => ({ cancel: () => undefined }) },
    deliver: createDiscordDeliver({ token: env['TOKEN'] ?? '', apiBase: env['API_BASE'] ?? '', logger, backoffMs: 10 }),
    compose: composeDigest({ index: () => live.index(), arrivals: () => live.arrivals() }),
    logger,
    hooks: {
      afterSend: ({ part }) => {
        if (crashAfter !== undefined && String(part) === crashAfter) process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  const report = await scheduler.runDue();
  store.close();
  process.stdout.write(JSON.stringify(report));
}

void main();
