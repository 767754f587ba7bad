/**
 * Ctrl-C during a search: the first ends it with partial results (exit 3, reports written); a
 * second, a second or more later, quits at once (exit 130). A second one sooner is the same
 * keypress delivered again: GNU `timeout -s INT` signals the child and then its process group, and
 * a terminal's Ctrl-C reaches every process of the group (npm's npx included), so one press often
 * arrives twice (a CI hunt, 2026-12-05: exit 130 and no reports in half the runs).
 */
export const AGAIN_AFTER_MS = 1000;

export function sigintHandler(first: () => void, now: () => number = Date.now): () => void {
  let at = -1;
  return () => {
    if (at < 0) { at = now(); first(); return; }
    if (now() - at >= AGAIN_AFTER_MS) process.exit(130);
  };
}
