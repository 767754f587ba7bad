/**
 * Why a search ended without a verdict on every property, in words: the limit with its flag and
 * what reached it, Ctrl-C, memory (with what to try instead), or how random walks ended. Every
 * stop is named; none leaves the reader guessing why the verdicts are unknown.
 */
import type { Result } from '../engine/result.js';
import { plain, type Colors } from './colors.js';
import { isLivenessKind } from '../engine/compile.js';

const FLAG: Record<string, string> = {
  'max-states': '--max-states', 'max-depth': '--max-depth', 'time-limit': '--time-limit', 'memory-limit': '--memory-limit',
};

/** The lines saying why `r` stopped; none for a complete search. */
export function stopLines(r: Result, col: Colors = plain): string[] {
  const s = r.stopped;
  if (!s) return [];
  if (s === 'all-violated') return [col.dim('search stopped once every property was violated; the state count is partial')];
  if (s === 'walks-done') {
    // Liveness is decided on the state graph, which walks do not build: a walk that stops for good
    // with a deferred device stranded is not checked against no-lost-deferral (a new user,
    // 2026-12-06: 1,000 walks "ended with no move left" and every liveness property read unknown).
    const live = (r.properties ?? []).filter((p) => isLivenessKind(p.kind)).map((p) => p.name);
    return [col.yellow(`random simulation ended: ${r.stopNote ?? 'every walk done'}`),
      col.yellow('random walks find violations but never prove one absent: properties not violated are unknown'),
      ...(live.length ? [col.yellow(`liveness properties are not checked by random walks (they are decided on the whole state graph): ${live.join(', ')} stay unknown; check them with probecheck check`)] : [])];
  }
  const flag = s === 'interrupted' ? 'Ctrl-C' : FLAG[s];
  // How far it got, also under -q (which prints no stats line): the scale of what is left unknown.
  const far = typeof r.states === 'number' && r.strategy !== 'random' && s !== 'max-states' ? `; ${r.states.toLocaleString('en-US')} states stored, depth ${r.depth}` : '';
  const out = [col.yellow(`search stopped early: ${s}${flag ? ` (${flag})` : ''}${r.stopNote ? `: ${r.stopNote}` : ''}${far}`),
    col.yellow('properties not violated so far are unknown')];
  // The model's own word on what multiplies its states (a kernel scenario's start orders).
  if (r.fewerStates && s !== 'interrupted' && s !== 'max-depth') out.push(col.yellow(`  to store fewer states: ${r.fewerStates}`));
  if (s === 'memory-limit' || s === 'out-of-memory') {
    out.push(col.yellow('  to go further: --max-states N (a partial search with less memory), --strategy random (walks need far less memory),'),
      col.yellow('  or a smaller model (fewer devices or actions; a scenario may set syncFallback: false)' + (s === 'memory-limit' ? '; or a larger --memory-limit' : '')));
    // Each worker keeps its own buffers and caches beside the shared table (a parallel hunt, 2026-12-05).
    const starting = /before its (\d+) workers were ready/.exec(r.workersNote ?? '');
    if ((r.workers ?? 1) > 1 || starting) out.push(col.yellow(`  or fewer --workers (this search ${starting ? `started ${starting[1]}` : `ran ${r.workers}`}; each builds the model and keeps buffers of its own)`));
  }
  // A safety search too big to finish: the reduction that is off by default may finish it (host-children n=8: seconds).
  if (s !== 'max-depth' && s !== 'interrupted' && r.strategy !== 'random' && r.por === undefined && (r.properties ?? []).every((p) => !isLivenessKind(p.kind))) {
    out.push(col.yellow('  to store fewer states: --por explores once the orders of steps that touch different state (off by default:'),
      col.yellow('  its footprints are learned as it runs; see docs/how-it-works.md, "Partial-order reduction", for what it guarantees)'));
  }
  return out;
}
