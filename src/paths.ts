import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | null = null;

/** The project's root folder (where package.json names "parley"), from the sources or from dist/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
        if (name === 'parley') return (cached = dir);
      } catch {
        // not ours; keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('parley: cannot find the package root (package.json named "parley")');
    dir = up;
  }
}

/** The seed articles shipped with the project. */
export function seedsDir(): string {
  return path.join(packageRoot(), 'seeds');
}
