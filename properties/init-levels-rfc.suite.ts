/**
 * The 2014 async init-levels RFC on the v3.16-era core (v3.14 + 58b116bce136).
 * Guarantees (holds): with a level boundary between host1x (subsys) and tegra-dc, pwm-tegra
 * (module level) (split), the child is
 * probed nested in the parent's probe or after it; locks stay ordered; no deadlock; and with the
 * trigger count no deferred retry is lost.
 * Does not guarantee (violated): within one level (same), a child that defers is retried by the
 * deferred-probe worker, which takes only the child's lock, while the parent's probe still runs
 * (parent-before-child); without the trigger count (plain v3.14) the concurrent inits reach B1.
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite, type Expected } from 'probecheck';

const P = ['parent-before-child', 'lock-order', 'single-binding', 'no-lost-deferral', 'deferred-lists', 'no-deadlock'] as const;
const e = (...bad: string[]) => Object.fromEntries(P.map((p) => [p, bad.includes(p) ? 'violated' : 'holds'])) as Record<string, Expected>;
const V316 = '58b116bce136';

export default defineSuite({
  name: 'init-levels-rfc',
  model: '../models/init-levels-rfc.ts',
  cases: [
    { params: { levels: 'sync', profile: 'v3.14', patches: V316 }, states: 166,
      note: 'baseline: sequential do_initcalls; pwm binds before tegra-dc probes, so nothing defers (the deferral properties are vacuous)',
      expect: { ...e(), 'no-lost-deferral': 'vacuous', 'deferred-lists': 'vacuous' } },
    { params: { levels: 'split', profile: 'v3.14', patches: V316 }, states: 2666, note: 'RFC across levels: holds', expect: e() },
    { params: { levels: 'same', profile: 'v3.14', patches: V316 }, states: 42479,
      note: "RFC within one level: dc defers on pwm inside host1x's probe, pwm binds and triggers, the deferred worker probes dc while host1x's probe still runs",
      expect: e('parent-before-child') },
    { params: { levels: 'split', profile: 'v3.14', patches: '' }, states: 2690, note: "without the trigger count the RFC's concurrency reaches B1: at module level dc's probe defers while pwm binds; the trace respects the level barrier (pwm's init starts after host1x's)", expect: e('no-lost-deferral') },
  ],
});
