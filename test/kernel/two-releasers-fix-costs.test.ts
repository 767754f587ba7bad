/**
 * The candidate fix for two releasers (models/patches/supplier-unbind-bound.ts; docs/kernel-findings.md,
 * "A candidate fix"), what test/kernel/two-releasers-fix.test.ts cannot see (a review, s43 h7):
 * - its release hunk (device_links_unbind_consumers releases a SUPPLIER_UNBIND link's bound consumer):
 *   the verdicts there are the same with the busy hunk alone (the second releaser then loops, and
 *   the model's fairness ends the loop), so this pins what the hunk does: the second releaser
 *   reaches a release of mmc while the first is inside its own (it sleeps on mmc's lock);
 * - its cost where mmc is a sibling of ldo1 under pmic on a need_parent_lock bus (consumer=sibling
 *   bus=usb second=del: another interface of the same USB device, removed under pmic's lock):
 *   no-deadlock is violated with and without the fix, but the fix adds the interleavings where the
 *   sysfs unbind went first (without it they run the window and end): both releasers then wait for
 *   pmic at mmc's release, and the `del` holds pmic.
 * The property is the test's own: one actor inside a release of mmc (waiting at its lock, or past
 * it) while the other actor waits to start one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probecheck, ROOT } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'two-releasers-costs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'second-release.ts'), `import { defineProperty } from 'probecheck';
const inRelease = (at) => at !== null && (at.startsWith('device_release_driver_internal(mmc)') || at.startsWith('__device_release_driver(mmc)'));
export default defineProperty({
  kind: 'invariant', name: 'one-release-of-mmc',
  description: "no actor waits to start a release of mmc while another actor is inside one",
  check: (v) => {
    const acts = v.threads.filter((t) => t.actor);
    const waiting = acts.filter((t) => t.at !== null && t.at.startsWith('device_release_driver_internal(mmc)') && !t.holds.includes('mmc'));
    for (const w of waiting) {
      const other = acts.find((t) => t !== w && inRelease(t.at));
      if (other) return w.name + ' at ' + w.at + ' while ' + other.name + ' at ' + other.at;
    }
    return null;
  },
});
`);

const MODEL = join(ROOT, 'models/supplier-two-releasers.ts');
const FIX = join(ROOT, 'models/patches/supplier-unbind-bound.ts');
const verdicts = (params: string[]) => {
  const r = probecheck(['check', MODEL, ...params.flatMap((p) => ['--param', p]), '--property-file', join(dir, 'second-release.ts'),
    '--property', 'one-release-of-mmc', '--property', 'no-deadlock', '--property', 'links-supplier-bound', '--json'], { cwd: dir });
  expect([0, 1], r.stderr).toContain(r.status);
  return Object.fromEntries(JSON.parse(r.stdout).properties.map((p: { name: string; verdict: string }) => [p.name, p.verdict])) as Record<string, string>;
};

describe('candidate fix for two releasers: what the release hunk does, and what it costs beside a sibling interface', () => {
  it('the second releaser starts its own release of mmc while the first is inside one (only with the release hunk)', () => {
    expect(verdicts([])).toEqual({ 'one-release-of-mmc': 'holds', 'no-deadlock': 'holds', 'links-supplier-bound': 'violated' });
    expect(verdicts([`patches=${FIX}`])).toEqual({ 'one-release-of-mmc': 'violated', 'no-deadlock': 'holds', 'links-supplier-bound': 'holds' });
  });

  it('consumer=sibling bus=usb second=del: the fix turns the unbind-first window into the deadlock on pmic', () => {
    const p = ['consumer=sibling', 'bus=usb', 'second=del'];
    expect(verdicts(p)).toEqual({ 'one-release-of-mmc': 'holds', 'no-deadlock': 'violated', 'links-supplier-bound': 'violated' });
    expect(verdicts([...p, `patches=${FIX}`])).toEqual({ 'one-release-of-mmc': 'violated', 'no-deadlock': 'violated', 'links-supplier-bound': 'holds' });
  });
});
