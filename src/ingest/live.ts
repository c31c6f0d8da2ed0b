/**
 * The corpus of a long-running process (the bot): the seeds plus the database, rebuilt when the
 * database gained articles (from the feed poller, or `parley ingest` in another process), so that
 * answers and digests see them. Speakers are made canonical across the whole corpus, so a rebuild
 * is a whole rebuild.
 */
import { buildCorpus } from '../corpus/process';
import type { Article } from '../corpus/types';
import type { Logger } from '../logger';
import { CorpusIndex } from '../search/index';
import type { FeedStore } from '../storage/feeds';
import type { Store } from '../storage/store';

export class LiveCorpus {
  private built: { version: string; index: CorpusIndex } | null = null;

  constructor(
    private readonly deps: { store: Store; feeds: FeedStore; seeds: readonly Article[]; logger: Logger },
    /** The index already built at start (e.g. by `openCorpus`), for the database as it is now. */
    initial?: CorpusIndex,
  ) {
    if (initial) this.built = { version: deps.feeds.articlesVersion(), index: initial };
  }

  /** The index over the seeds and every stored article (rebuilt first if the database changed). */
  index(): CorpusIndex {
    const version = this.deps.feeds.articlesVersion();
    if (this.built?.version !== version) {
      const started = performance.now();
      const index = new CorpusIndex(buildCorpus([...this.deps.seeds, ...this.deps.store.articles()]));
      this.built = { version, index };
      this.deps.logger.debug({ version, ms: Math.round(performance.now() - started) }, 'corpus rebuilt');
    }
    return this.built.index;
  }

  /** When each stored article arrived. */
  arrivals(): Map<string, string> {
    return this.deps.feeds.arrivals();
  }
}
