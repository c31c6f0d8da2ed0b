/**
 * A faster form of a MiniSearch index than `toJSON`/`loadJSON`: the same index, saved as one sorted
 * list of terms and one flat array of numbers (field lengths, then each term's postings), and loaded
 * by building MiniSearch's maps and radix tree directly instead of re-inserting term by term.
 *
 * This reads and writes MiniSearch's private fields, so it is tied to MiniSearch's internal layout
 * (7.x): `checkInternals` verifies that layout on every load, the cache's fingerprint includes
 * MiniSearch's version, and a test compares a loaded index with a freshly built one. When the layout
 * is not the expected one, `loadSnapshot` throws and the caller rebuilds the index from the corpus.
 */
import MiniSearch, { type Options } from 'minisearch';

/** Field id → (document short id → term frequency). */
type FieldPostings = Map<number, Map<number, number>>;
/** MiniSearch's radix tree: edge labels to children, '' to the value of the key ending here. */
type RadixNode = Map<string, RadixNode | FieldPostings>;

interface RadixMap {
  _tree: RadixNode;
  _prefix: string;
  entries(): IterableIterator<[string, FieldPostings]>;
  get(key: string): FieldPostings | undefined;
  readonly size: number;
}

/** The private state of a MiniSearch instance that a snapshot holds. */
interface MiniSearchInternals {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _index: RadixMap;
}

/** What is saved of one index (documents must have numeric ids). */
export interface Snapshot {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** Sorted terms. */
  terms: string[];
  /**
   * Numbers: for each short id in order, its document id and one length per field; then for each
   * term, for each field, the number of postings and that many (short id delta, frequency) pairs.
   */
  data: Int32Array;
}

function internals(mini: MiniSearch<unknown>): MiniSearchInternals {
  return mini as unknown as MiniSearchInternals;
}

/** Throws unless `mini` has the private layout this module reads and writes. */
export function checkInternals(mini: MiniSearch<unknown>): void {
  const m = internals(mini);
  const ok =
    typeof m._documentCount === 'number' &&
    typeof m._nextId === 'number' &&
    m._documentIds instanceof Map &&
    m._idToShortId instanceof Map &&
    m._fieldLength instanceof Map &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._fieldIds === 'object' &&
    m._index !== undefined &&
    m._index._tree instanceof Map &&
    typeof m._index._prefix === 'string' &&
    typeof m._index.get === 'function';
  if (!ok) throw new Error('search: MiniSearch’s internal layout is not the one snapshots were written for');
}

/** The snapshot of an index whose documents have numeric ids and no stored fields. */
export function takeSnapshot(mini: MiniSearch<unknown>): Snapshot {
  checkInternals(mini);
  const m = internals(mini);
  const fields = Object.keys(m._fieldIds).length;
  const out: number[] = [];
  const shortIds = [...m._documentIds.keys()].sort((a, b) => a - b);
  if (shortIds.some((id, i) => id !== i)) throw new Error('search: cannot snapshot an index with discarded documents');
  for (const shortId of shortIds) {
    out.push(m._documentIds.get(shortId)!);
    const lengths = m._fieldLength.get(shortId) ?? [];
    for (let f = 0; f < fields; f += 1) out.push(lengths[f] ?? 0);
  }
  const entries = [...m._index.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [, postings] of entries) {
    for (let f = 0; f < fields; f += 1) {
      const docs = postings.get(f);
      if (!docs) {
        out.push(0);
        continue;
      }
      const ids = [...docs.keys()].sort((a, b) => a - b);
      out.push(ids.length);
      let last = 0;
      for (const id of ids) {
        out.push(id - last, docs.get(id)!);
        last = id;
      }
    }
  }
  return {
    documentCount: m._documentCount,
    nextId: m._nextId,
    fieldIds: { ...m._fieldIds },
    averageFieldLength: [...m._avgFieldLength],
    terms: entries.map(([term]) => term),
    data: Int32Array.from(out),
  };
}

/** MiniSearch's radix tree for sorted keys, built in one pass instead of key by key. */
function buildTree(keys: readonly string[], values: readonly FieldPostings[], from: number, to: number, depth: number): RadixNode {
  const node: RadixNode = new Map();
  let i = from;
  if (i < to && keys[i]!.length === depth) {
    node.set('', values[i]!);
    i += 1;
  }
  while (i < to) {
    const first = keys[i]![depth];
    let j = i + 1;
    while (j < to && keys[j]![depth] === first) j += 1;
    // The edge: the longest prefix the keys [i, j) share beyond `depth`.
    const a = keys[i]!;
    const b = keys[j - 1]!;
    let end = depth + 1;
    while (end < a.length && end < b.length && a[end] === b[end]) end += 1;
    node.set(a.slice(depth, end), buildTree(keys, values, i, j, end));
    i = j;
  }
  return node;
}

/** An index from its snapshot, with the options it was built with. */
export function loadSnapshot<T>(snapshot: Snapshot, options: Options<T>): MiniSearch<T> {
  const steps = loadSnapshotSteps(snapshot, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Terms restored between two hand-backs to the event loop. */
export const TERMS_PER_STEP = 20_000;

/** `loadSnapshot` in steps of TERMS_PER_STEP terms (the caller yields to the event loop between them). */
export function* loadSnapshotSteps<T>(snapshot: Snapshot, options: Options<T>): Generator<void, MiniSearch<T>> {
  const mini = MiniSearch.loadJS<T>(
    {
      documentCount: snapshot.documentCount,
      nextId: snapshot.nextId,
      documentIds: {},
      fieldIds: snapshot.fieldIds,
      fieldLength: {},
      averageFieldLength: snapshot.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  checkInternals(mini as MiniSearch<unknown>);
  const m = internals(mini as MiniSearch<unknown>);
  const fields = Object.keys(snapshot.fieldIds).length;
  const data = snapshot.data;
  let at = 0;
  const count = snapshot.nextId;
  if (count * (1 + fields) > data.length) throw new Error('search: snapshot data does not match its terms (truncated or corrupt)');
  for (let shortId = 0; shortId < count; shortId += 1) {
    const id = data[at++]!;
    m._documentIds.set(shortId, id);
    m._idToShortId.set(id, shortId);
    const lengths = new Array<number>(fields);
    for (let f = 0; f < fields; f += 1) lengths[f] = data[at++]!;
    m._fieldLength.set(shortId, lengths);
  }
  yield;
  const values = new Array<FieldPostings>(snapshot.terms.length);
  for (let t = 0; t < snapshot.terms.length; t += 1) {
    const postings: FieldPostings = new Map();
    for (let f = 0; f < fields; f += 1) {
      const n = data[at++]!;
      if (n === 0) continue;
      if (!(n > 0) || at + 2 * n > data.length) throw new Error('search: snapshot data does not match its terms (truncated or corrupt)');
      const docs = new Map<number, number>();
      let id = 0;
      for (let k = 0; k < n; k += 1) {
        id += data[at++]!;
        docs.set(id, data[at++]!);
      }
      postings.set(f, docs);
    }
    values[t] = postings;
    if (t % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
  }
  if (at !== data.length) throw new Error('search: snapshot data does not match its terms (truncated or corrupt)');
  const tree = buildTree(snapshot.terms, values, 0, snapshot.terms.length, 0);
  const SearchableMap = m._index.constructor as new (tree: RadixNode, prefix: string) => RadixMap;
  m._index = new SearchableMap(tree, '');
  return mini;
}

/** Each term of an index with the number of documents holding it (in any field). */
export function* termFrequencies(mini: MiniSearch<unknown>): Generator<[string, number]> {
  checkInternals(mini);
  const seen = new Set<number>();
  for (const [term, postings] of internals(mini)._index.entries()) {
    if (postings.size === 1) {
      for (const docs of postings.values()) yield [term, docs.size];
      continue;
    }
    seen.clear();
    for (const docs of postings.values()) for (const id of docs.keys()) seen.add(id);
    yield [term, seen.size];
  }
}
