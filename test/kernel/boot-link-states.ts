/**
 * The start state and the end states of a scenario, each as `show` prints it (no property, no
 * search but a walk of every state): what the tests of boot's probes compare (s43 h2, h8).
 */
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { makeBackend } from '../../src/engine/check.js';
import { compile } from '../../src/engine/compile.js';
import { decode } from '../../src/engine/schema.js';
import { fp } from '../../src/engine/hash.js';
import { FingerprintStore, NO_PARENT } from '../../src/engine/store.js';

type Show = (state: never) => string;

/** The start state alone. */
export function startState(show: Show, spec: ScenarioSpec, profile: string, patches = ''): string {
  const c = compile(buildScenario(spec, profile, patches).model), be = makeBackend(c, 'fast');
  be.clear(); be.loadInitial();
  return show(decode(c.full, be.bytes(), 0) as never);
}

/** Every end state (no step enabled), each once. */
export function endStates(show: Show, spec: ScenarioSpec, profile: string, patches = ''): string[] {
  const c = compile(buildScenario(spec, profile, patches).model), be = makeBackend(c, 'fast'), seen = new FingerprintStore(16), ends = new Set<string>();
  be.clear(); be.loadInitial();
  be.pushCur(seen.put(fp.hi, fp.lo, NO_PARENT, 0), 0);
  while (be.popBack()) {
    if (be.expand(() => { const id = seen.put(fp.hi, fp.lo, NO_PARENT, 0); if (id >= 0) be.pushNext(id, 0); }) > 0) continue;
    ends.add(show(decode(c.full, be.bytes(), 0) as never));
  }
  return [...ends];
}
