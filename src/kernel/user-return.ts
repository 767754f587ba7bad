/**
 * An actor's action that ends holding a lock a user's patch declares (patch-lock.ts). The kernel's
 * own check is lockdep_sys_exit (kernel/locking/lockdep.c, read at mainline): on the way back to
 * user space, `if (unlikely(curr->lockdep_depth))` it prints "WARNING: lock held when returning to
 * user space!" and "%s/%d is leaving the kernel with locks still held!" with the held locks. So:
 * - an action that is a system call (SYSCALLS) may not return holding one;
 * - an actor's last action of any kind may not end holding one: only the thread that took a
 *   patch's lock releases it (PatchLock.release), and the actor runs nothing after it.
 * An actor's kernel-path actions (add, del, register, ...) may hold one from one to the next, as a
 * kernel path may hold a lock across calls; the actor's `lock`/`unlock` actions hold a device's
 * mutex, which is not a patch's lock and not checked here. E205, as a kernel thread that ends
 * holding a lock (emit.ts endsFree). Before it (s47 h5) such a leak was silent unless another
 * thread later waited for the lock. Where no-lock-at-return is checked (Kernel.leaksJudged, s48
 * h1) that property reports these, and any lock the model tracks held at a system call's return,
 * as violations with a trace (properties.ts); this E205 is for runs that do not check it.
 */
import { ProbecheckError } from '../engine/errors.js';
import type { Action } from './actions.js';
import { patchLocksOf, pushPatchLockOwners, type Ret, type ThreadBuilder } from './emit.js';
import type { KL, KS } from './state.js';

/**
 * Actions that enter the kernel from user space and return to it: the module syscalls (finit_module
 * from modprobe, delete_module from rmmod) and sysfs writes and reads (bind, unbind, drivers_probe,
 * driver_override, uevent). device_shutdown (reboot) does not return.
 */
export const SYSCALLS: Readonly<Partial<Record<Action['op'], string>>> = {
  modprobe: 'modprobe\'s finit_module', rmmod: 'rmmod\'s delete_module', bind: 'a write to bind', unbind: 'a write to unbind',
  drivers_probe: 'a write to drivers_probe', override: 'a write to driver_override', uevent: 'a read of uevent',
};

/**
 * The continuation of action `a` (`next`: the actor's next action's entry, or null where it is the
 * last), checked where it must end free of the patch's locks; `next` itself where it need not, or
 * where no patch declares a lock.
 */
export function actionReturn(tb: ThreadBuilder, a: Action, next: Ret): Ret {
  const k = tb.k, sys = SYSCALLS[a.op];
  if (!k.locks || (!k.locks.dev.length && !k.locks.kernel.length) || (sys === undefined && next !== null) || a.op === 'device_shutdown') return next;
  const me = tb.owner;
  const owners: number[] = [];
  return (s: KS, t: KL) => {
    // Owners first, names only for an error: asked at every return of an action of a user-patched search.
    owners.length = 0;
    pushPatchLockOwners(k, s, owners);
    // Where no-lock-at-return is checked, it reports the leak as a violation with a trace (properties.ts).
    if (!k.leaksJudged && owners.includes(me)) {
      const held = patchLocksOf(k, s).filter((l) => l.owner === me).map((l) => l.name);
      throw new ProbecheckError('E205', sys !== undefined
        ? `actor '${tb.name}': '${a.text}' (${sys}, a system call) returns to user space holding ${held.join(', ')}, a lock your patch declares: lockdep says "WARNING: lock held when returning to user space!", "${tb.name} is leaving the kernel with locks still held!" (lockdep_sys_exit): release it before the call returns`
        : `actor '${tb.name}': its last action, '${a.text}', ends holding ${held.join(', ')}, a lock your patch declares, and the actor runs nothing after it: only the thread that took it may release it, so it is never released`);
    }
    return typeof next === 'function' ? next(s, t) : next;
  };
}
