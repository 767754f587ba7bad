/**
 * probe-tree: the benchmark model shared with SPIN, Quint and the Python reference (spec:
 * shared/bench/probe-tree.md, reproduced here step for step). N devices in a binary tree, every
 * driver async; each device's async attach work (A_i) probes it, and the probe registers its
 * children (as host1x's probe populates dc). U hot-unplugs the leaf L; S unbinds and rebinds L
 * through sysfs, taking the parent's lock first as v4.2's bind_store does.
 *
 * Variants: v4.2 (no parent lock, no dead flag), parentlock, fixed (both). Its state counts must
 * equal the reference answers exactly, so it uses the spec's state and nothing more.
 */
import { defineModel, t, type Step } from 'probecheck';

const VARIANTS = { 'v4.2': [false, false], parentlock: [true, false], fixed: [true, true] } as const;

export default defineModel({
  name: 'probe-tree',
  describe: 'async probe of a device tree with hot-unplug and sysfs rebind of a leaf (the benchmark model)',
  params: {
    N: { default: 3, min: 1, max: 60, describe: 'number of devices (a binary tree)' },
    variant: { default: 'fixed', values: Object.keys(VARIANTS), describe: 'v4.2 | parentlock | fixed' },
  },
  build(p) {
    const N = p.N as number;
    const [PARENT_LOCK, DEAD_FLAG] = VARIANTS[p.variant as keyof typeof VARIANTS];
    const L = N - 1, parent = (i: number) => (i - 1) >> 1, P = parent(L);
    const UID = N + 1, SID = N + 2;
    const bit = t.int(1);
    const state = t.record({
      reg: t.array(N, bit), dead: t.array(N, bit), drv: t.array(N, bit),
      probing: t.array(N, bit), queued: t.array(N, bit), lock: t.array(N, t.int(N + 2)),
    });
    type S = { reg: number[]; dead: number[]; drv: number[]; probing: number[]; queued: number[]; lock: number[] };
    const eligible = (s: S, d: number) => s.reg[d] === 1 && s.drv[d] === 0 && (!DEAD_FLAG || s.dead[d] === 0);
    const dd = 'drivers/base/dd.c';

    const attach = (i: number) => {
      const kids = [2 * i + 1, 2 * i + 2].filter((c) => c < N);
      const pl = PARENT_LOCK && i > 0;
      const steps: Record<string, Step<S>> = {
        A0: { where: `${dd}:__device_attach_async_helper`, idle: true, await: (s) => s.queued[i] === 1,
          run: (s) => { s.queued[i] = 0; return pl ? 'A1' : 'A2'; } },
      };
      if (pl) steps.A1 = { where: `${dd}:__device_driver_lock`, await: (s) => s.lock[parent(i)] === 0,
        waits: () => `lock[${parent(i)}]`, run: (s) => { s.lock[parent(i)] = i + 1; return 'A2'; } };
      steps.A2 = { where: `${dd}:__device_attach_async_helper`, await: (s) => s.lock[i] === 0,
        waits: () => `lock[${i}]`, run: (s) => { s.lock[i] = i + 1; return 'A3'; } };
      steps.A3 = { where: `${dd}:really_probe`,
        run: (s) => { if (!eligible(s, i)) return 'A6'; s.probing[i] = 1; return kids.length ? `A4_${kids[0]}` : 'A5'; } };
      kids.forEach((c, j) => {
        steps[`A4_${c}`] = { where: `drivers/base/core.c:device_add`,
          run: (s) => { s.reg[c] = 1; s.queued[c] = 1; return j + 1 < kids.length ? `A4_${kids[j + 1]}` : 'A5'; } };
      });
      steps.A5 = { where: `${dd}:driver_bound`, run: (s) => { s.drv[i] = 1; s.probing[i] = 0; return 'A6'; } };
      steps.A6 = { where: `${dd}:__device_attach_async_helper`, run: (s) => { s.lock[i] = 0; return pl ? 'A7' : null; } };
      if (pl) steps.A7 = { where: `${dd}:__device_driver_unlock`, run: (s) => { s.lock[parent(i)] = 0; return null; } };
      return { name: `A_${i}`, program: 'A', steps };
    };

    const threads = Array.from({ length: N }, (_, i) => attach(i));
    if (N >= 2) {
      threads.push({ name: 'U', program: 'U', steps: {
        U1: { where: 'drivers/base/core.c:device_del', await: (s) => s.reg[L] === 1 && s.lock[L] === 0,
          waits: () => `reg[${L}] and lock[${L}]`,
          run: (s) => { s.lock[L] = UID; if (DEAD_FLAG) s.dead[L] = 1; return 'U2'; } },
        U2: { where: `${dd}:device_release_driver`, run: (s) => { s.drv[L] = 0; s.lock[L] = 0; return 'U3'; } },
        U3: { where: 'drivers/base/core.c:device_del', run: (s) => { s.reg[L] = 0; return null; } },
      } as Record<string, Step<S>> });
      const bus = 'drivers/base/bus.c';
      threads.push({ name: 'S', program: 'S', steps: {
        S1: { where: `${bus}:unbind_store`, await: (s) => s.reg[L] === 0 || s.lock[P] === 0, waits: () => `lock[${P}]`,
          run: (s) => { if (s.reg[L] === 0) return null; s.lock[P] = SID; return 'S2'; } },
        S2: { where: `${bus}:unbind_store`, await: (s) => s.lock[L] === 0, waits: () => `lock[${L}]`, run: (s) => { s.lock[L] = SID; return 'S3'; } },
        S3: { where: `${dd}:device_release_driver`, run: (s) => { s.drv[L] = 0; s.lock[L] = 0; s.lock[P] = 0; return 'S4'; } },
        S4: { where: `${bus}:bind_store`, await: (s) => s.lock[P] === 0, waits: () => `lock[${P}]`, run: (s) => { s.lock[P] = SID; return 'S5'; } },
        S5: { where: `${bus}:bind_store`, await: (s) => s.lock[L] === 0, waits: () => `lock[${L}]`, run: (s) => { s.lock[L] = SID; return 'S6'; } },
        S6: { where: `${dd}:driver_probe_device`, run: (s) => { if (!eligible(s, L)) return 'S8'; s.probing[L] = 1; return 'S7'; } },
        S7: { where: `${dd}:driver_bound`, run: (s) => { s.drv[L] = 1; s.probing[L] = 0; return 'S8'; } },
        S8: { where: `${bus}:bind_store`, run: (s) => { s.lock[L] = 0; s.lock[P] = 0; return null; } },
      } as Record<string, Step<S>> });
    }

    return {
      name: 'probe-tree', params: { N, variant: p.variant! }, state,
      init: (s: S) => { s.reg[0] = 1; s.queued[0] = 1; },
      threads,
      properties: [
        { kind: 'invariant', name: 'parent-before-child', description: 'a device probes only after its parent is bound',
          holds: (s: S) => { for (let i = 1; i < N; i++) if (s.probing[i] === 1 && s.drv[parent(i)] !== 1) return false; return true; },
          explain: (s: S) => { for (let i = 1; i < N; i++) if (s.probing[i] === 1 && s.drv[parent(i)] !== 1) return `probing[${i}] = 1 while drv[${parent(i)}] = 0`; return ''; } },
        { kind: 'invariant', name: 'no-bind-after-unregister', description: 'once U has ended, the leaf is neither bound nor probing',
          holds: (s: S, q) => N < 2 || q.at('U') !== null || (s.drv[L] === 0 && s.probing[L] === 0),
          explain: (s: S) => `U has ended but drv[${L}] = ${s.drv[L]}, probing[${L}] = ${s.probing[L]}` },
        { kind: 'deadlock', name: 'no-deadlock' },
      ],
    };
  },
});
