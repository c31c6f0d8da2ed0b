import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Article } from '../../src/corpus/types';

/** A fresh temporary folder; remove it with `cleanup`. */
export async function tempDir(prefix = 'parley-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An article built in code, for tests that need a specific text. */
export function makeArticle(id: string, body: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    title: `Headline ${id}`,
    source: 'Test Outlet',
    url: `https://example.com/${id}`,
    published: '2025-01-01',
    author: null,
    body,
    origin: `${id}.md`,
    ...overrides,
  };
}

export const SEEDS_DIR = path.join(__dirname, '../../seeds');
