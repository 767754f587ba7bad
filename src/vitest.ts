/**
 * Vitest matchers for probecheck results, so a model's tests read as its expectations:
 *   import 'probecheck/vitest';
 *   expect(check(model)).toHold('parent-before-child');
 *   expect(check(model)).toBeViolated('no-bind-after-unregister');
 * With no name, toHold() asks that every property hold. A failing matcher prints the
 * counterexample as the text report would. Importing this file registers the matchers.
 */
import { expect } from 'vitest';
import type { Result } from './engine/result.js';
import { renderViolation, vacuousWhy } from './report/text.js';
import { isPart } from './engine/search/shard.js';
import { notCredited, patchNotes, userPatches } from './cli/patch-notes.js';

interface ProbecheckMatchers<R = unknown> {
  /**
   * Every named property (or, with none, every property) holds: a complete search found no
   * violation, and every actor's action completed in some run (else the CLI's exit 5). A
   * reachability question holds when it is reachable, as the CLI's exit 0 says.
   */
  toHold(...names: string[]): R;
  /** Every named property (or, with none, at least one property) is violated (a reachability question: unreachable). */
  toBeViolated(...names: string[]): R;
}

declare module 'vitest' {
  interface Matchers<T = any> extends ProbecheckMatchers<T> {}
}

function isResult(x: unknown): x is Result {
  return Boolean(x && typeof x === 'object' && Array.isArray((x as Result).properties) && typeof (x as Result).states === 'number');
}

function pick(r: Result, names: string[]) {
  const known = r.properties.map((p) => p.name);
  const missing = names.filter((n) => !known.includes(n));
  if (missing.length) throw new Error(`probecheck: the result has no property ${missing.map((m) => `'${m}'`).join(', ')}; known: ${known.join(', ')}`);
  return names.length ? r.properties.filter((p) => names.includes(p.name)) : r.properties;
}

const notResult = (x: unknown) => ({ pass: false, message: () => `expected a probecheck Result (from check(model)), got ${typeof x}` });

expect.extend({
  toHold(received: unknown, ...names: string[]) {
    if (!isResult(received)) return notResult(received);
    const props = pick(received, names);
    // A reachability question passes as the CLI's exit 0 does: reachable (a CI-output hunt,
    // 2026-12-05: toHold() failed a model the CLI passed, with no matcher that could pass it).
    const bad = props.filter((p) => p.verdict !== (p.kind === 'sometimes' ? 'reachable' : 'holds'));
    // An actor's action that never completed makes every verdict about runs that stop short: the
    // CLI exits 5 for it, and so does this fail (a CI hunt, 2026-12-05: toHold passed there).
    const stuck = received.vacuity?.actions ?? [];
    // A shard's holds is about its part: only probecheck merge calls it holds, and the CLI's shard
    // says `holds (this part)` (a CI-output hunt, 2026-12-05: toHold passed on check(m, { shard })).
    const part = isPart(received.shard) ? received.shard : undefined;
    if (part && bad.length === 0) {
      return { pass: false, message: () => `${props.map((p) => p.name).join(', ')} ${props.length === 1 ? 'holds' : 'hold'} on ${received.model} in shard ${part.index}/${part.count}'s part of the search only: another part may violate ${props.length === 1 ? 'it' : 'them'} (probecheck merge the shards' results for the verdict)` };
    }
    // No step of the user's patch files ran, or one blocks for ever: the holds is the kernel's
    // without them, and the CLI exits 5 (a team's CI, s49 h4: toHold passed there).
    const mine = bad.length === 0 && stuck.length === 0 && !part ? userPatches(received.params.patches) : [];
    const nc = mine.length ? notCredited(mine, patchNotes(mine, received)) : undefined;
    if (nc) return { pass: false, message: () => `${props.map((p) => p.name).join(', ')} ${props.length === 1 ? 'holds' : 'hold'} on ${received.model}, but not credited to the patch: ${nc.text} (the CLI exits 5)` };
    const stuckText = () => `${props.map((p) => p.name).join(', ')} ${props.length === 1 ? 'holds' : 'hold'} on ${received.model}, but only in runs that stop short: ${stuck.map((a) => `action '${a.action}' of ${a.thread} never completed in any run`).join('; ')} (result.vacuity.actions; the CLI exits 5)`;
    return {
      pass: bad.length === 0 && stuck.length === 0,
      message: () => bad.length === 0 && stuck.length === 0
        ? `expected ${names.join(', ') || 'some property'} not to hold on ${received.model}, but ${props.length === 1 ? 'it holds' : 'they all hold'}`
        : bad.length === 0 ? stuckText() : bad.map((p) => p.verdict === 'violated'
          ? renderViolation(received, p)
          : p.verdict === 'unknown'
            ? `${p.name} is unknown on ${received.model}: the search stopped early (${received.stopped ?? 'incomplete'}) after ${received.states} states`
            : `${p.name} is ${p.verdict} on ${received.model}, not ${p.kind === 'sometimes' ? 'reachable' : 'holds'}${p.verdict === 'vacuous' ? ` (it is about nothing: ${vacuousWhy(received, p.name) ?? 'see result.vacuity'})` : p.verdict === 'unreachable' ? ' (no run reaches it: the CLI exits 1)' : ''}`).join('\n\n'),
    };
  },
  toBeViolated(received: unknown, ...names: string[]) {
    if (!isResult(received)) return notResult(received);
    const props = pick(received, names);
    // An unreachable reachability question fails as a violation does (the CLI's exit 1).
    const violated = props.filter((p) => p.verdict === 'violated' || (p.kind === 'sometimes' && p.verdict === 'unreachable'));
    const pass = names.length ? violated.length === props.length : violated.length > 0;
    return {
      pass,
      message: () => pass
        ? `expected ${violated.map((p) => p.name).join(', ')} not to be violated on ${received.model}, but:\n${violated.map((p) => renderViolation(received, p)).join('\n\n')}`
        : `expected ${names.join(', ') || 'some property'} to be violated on ${received.model}; observed: ${props.map((p) => `${p.name} ${p.verdict}`).join(', ')} (${received.states} states${received.complete ? '' : ', search incomplete'})`,
    };
  },
});

export {};
