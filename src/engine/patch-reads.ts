/**
 * What a user's patch steps' guards read (a kernel scenario's ReadLog), field by field: the first
 * value read, whether another was read since, and whether the patch's own steps wrote the field.
 * A complete unsharded search says the fields read one way (ConstantRead, patch-notes.ts 'one
 * value'); a shard records its part's reads, and `probecheck merge` joins the parts' (every state
 * of the whole search is some part's, and a guard reads the state it is asked in), so the merged
 * search says what the unsharded one says (s50 h3: merge said no 'one value' note at all).
 */
import type { ConstantRead } from './model.js';

/**
 * `unread`: a field the patch's steps wrote that no guard read (no value): one part may write a
 * field only another part reads, and the whole search's note says the write (s50 h7: two shards of
 * one search, the write in one part and the reads in the other, merged to a note without it).
 */
export interface PatchRead { patch: string; path: string; value?: unknown; varied?: true; written?: true; unread?: true }

/** The fields read one way, each with the fields of its patch that were read more ways. */
export function constantReads(reads: readonly PatchRead[]): ConstantRead[] {
  return reads.filter((e) => !e.varied && !e.unread).map(({ patch, path, value, written }) => {
    const changed = reads.filter((x) => x.patch === patch && x.varied).map((x) => x.path);
    return { patch, path, value, ...(changed.length ? { changed } : {}), ...(written ? { written } : {}) };
  });
}

/**
 * The reads of several parts of one search as one search's: a field varied where it varied in a
 * part or two parts read it differently (values compared as JSON, as the shards wrote them).
 */
export function joinReads(...parts: readonly (readonly PatchRead[])[]): PatchRead[] {
  const m = new Map<string, PatchRead>();
  for (const r of parts.flat()) {
    const key = `${r.patch}\0${r.path}`, had = m.get(key);
    if (!had) { m.set(key, { ...r }); continue; }
    // A part's write alone says nothing of the values read; the first part that read it gives them.
    if (had.unread && !r.unread) { m.set(key, { ...r, written: true }); continue; }
    if (!r.unread && (r.varied || JSON.stringify(r.value) !== JSON.stringify(had.value))) had.varied = true;
    if (r.written) had.written = true;
  }
  return [...m.values()];
}
