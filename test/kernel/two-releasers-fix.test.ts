/**
 * The candidate fix for two releasers of one supplier (models/patches/supplier-unbind-bound.ts;
 * docs/kernel-findings.md, "A candidate fix"), checked as a user's patch with `probecheck diff`:
 * the window closes (links-supplier-bound violated -> holds) and the second releaser waits for the
 * consumer instead of finishing early, with no deadlock and every actor ending (actors-terminate,
 * a liveness property under the model's fairness). The stale SUPPLIER_UNBIND the first releaser's
 * rescan writes is gone too (links-end-settled, models/properties/links-end-settled.ts; with
 * second=del, device_links_purge's WARN). A model result: the fix was run on no kernel.
 */
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';

const FIX = 'models/patches/supplier-unbind-bound.ts';
const MODEL = 'models/supplier-two-releasers.ts';
const PROPS = ['links-supplier-bound', 'links-no-warn', 'no-deadlock', 'actors-terminate', 'links-end-settled'];
const diff = (params: string[], extra: string[] = []) => {
  const args = ['diff', MODEL, '--patch', FIX, ...params.flatMap((p) => ['--param', p]), '--property-file', 'models/properties/links-end-settled.ts',
    ...PROPS.flatMap((p) => ['--property', p]), '--allow-vacuous', '--json', ...extra];
  const d = probecheck(args);
  expect(d.status, d.stderr).toBe(0);
  return Object.fromEntries(JSON.parse(d.stdout).properties.map((r: { property: string; change: string }) => [r.property, r.change])) as Record<string, string>;
};

describe('candidate fix: a SUPPLIER_UNBIND link with a bound consumer counts as busy and its consumer is released', () => {
  it('two sysfs unbinds at mainline: the window and the stale SUPPLIER_UNBIND are fixed, nothing regresses (--fixes: exit 0)', () => {
    expect(diff([], ['--fixes', 'links-supplier-bound'])).toEqual({ 'links-supplier-bound': 'fixed', 'links-no-warn': 'still holds', 'no-deadlock': 'still holds', 'actors-terminate': 'still holds', 'links-end-settled': 'fixed' });
  });

  it("device_del as the second releaser: both the window and device_links_purge's WARN are fixed", () => {
    expect(diff(['second=del'])).toEqual({ 'links-supplier-bound': 'fixed', 'links-no-warn': 'fixed', 'no-deadlock': 'still holds', 'actors-terminate': 'still holds', 'links-end-settled': 'still vacuous' });
  });

  it('the rmmod of the supplier\'s driver beside device_del, and the one-releaser baseline: fixed, and unchanged', () => {
    expect(diff(['first=rmmod', 'second=del'])['links-supplier-bound']).toBe('fixed');
    expect(diff(['second=none'])).toEqual({ 'links-supplier-bound': 'still holds', 'links-no-warn': 'still holds', 'no-deadlock': 'still holds', 'actors-terminate': 'still holds', 'links-end-settled': 'still holds' });
  });
});
