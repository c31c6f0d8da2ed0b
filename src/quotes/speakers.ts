/**
 * One canonical speaker per person across the corpus: "Kremlin spokesman Dmitry Peskov",
 * "top spokesman Dmitry Peskov" and "Peskov" are one speaker, and so are the transliterations
 * Zelensky, Zelenskyy and Zelenskiy. People are keyed by their folded surname (see `foldName`);
 * the name shown is the full spelling the corpus uses most.
 */
import type { Speaker } from '../corpus/types';
import { foldName } from './names';

interface Entry {
  key: string;
  spellings: Map<string, number>;
  roles: Map<string, number>;
  order: number;
  /** True once a quotation was attributed to this key (people merely named are not speakers). */
  spoke: boolean;
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function bump(map: Map<string, number>, value: string, by: number): void {
  map.set(value, (map.get(value) ?? 0) + by);
}

function best(map: Map<string, number>, prefer: (value: string) => number = () => 0): string | null {
  let pick: string | null = null;
  let score = -Infinity;
  for (const [value, count] of map) {
    const s = count * 10 + prefer(value);
    if (s > score) {
      pick = value;
      score = s;
    }
  }
  return pick;
}

export class SpeakerRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Record a spelling (and role) seen for a person or institution key. */
  observe(key: string, name: string, role: string | null, spoke = true): void {
    let e = this.entries.get(key);
    if (!e) {
      e = { key, spellings: new Map(), roles: new Map(), order: this.entries.size, spoke: false };
      this.entries.set(key, e);
    }
    if (spoke) e.spoke = true;
    const weight = spoke ? 2 : 1;
    if (name) bump(e.spellings, name, name.split(/\s+/).length >= 2 || key.startsWith('org:') ? weight : 0);
    if (role) bump(e.roles, role, weight);
  }

  /** Folded surnames of people named in full somewhere, with that full name. */
  knownSurnames(): Map<string, string> {
    const out = new Map<string, string>();
    for (const e of this.entries.values()) {
      if (e.key.startsWith('org:')) continue;
      const name = this.displayName(e);
      if (name.split(/\s+/).length >= 2) out.set(e.key, name);
    }
    return out;
  }

  /** Folded surname → the role the corpus gives that person most, for resolving "the US president". */
  knownRoles(): Map<string, string> {
    const out = new Map<string, string>();
    for (const e of this.entries.values()) {
      const role = best(e.roles);
      if (!e.key.startsWith('org:') && role) out.set(e.key, role);
    }
    return out;
  }

  private displayName(e: Entry): string {
    return best(e.spellings, (v) => v.split(/\s+/).length) ?? e.key;
  }

  private toSpeaker(e: Entry): Speaker {
    const name = this.displayName(e);
    const aliases = new Set<string>([name, ...e.spellings.keys()]);
    for (const n of [...aliases]) {
      const parts = n.split(/\s+/);
      if (parts.length >= 2) aliases.add(parts[parts.length - 1]!);
    }
    return { id: slug(name), name, role: best(e.roles), aliases: [...aliases] };
  }

  /** The canonical speaker for a key (creating it from the name when unseen). */
  resolve(key: string, name: string): Speaker {
    const e = this.entries.get(key);
    if (!e) {
      this.observe(key, name, null);
      return this.resolve(key, name);
    }
    return this.toSpeaker(e);
  }

  /** Everyone a quotation was attributed to, in order of first appearance. */
  speakers(): Speaker[] {
    return [...this.entries.values()].filter((e) => e.spoke).sort((a, b) => a.order - b.order).map((e) => this.toSpeaker(e));
  }

  static keyOf(name: string): string {
    const parts = name.trim().split(/\s+/);
    return foldName(parts[parts.length - 1] ?? name);
  }
}
