/**
 * A model's notes under GITHUB_ACTIONS=true: one `::notice` per distinct note, on the first run
 * that has it, naming every run it applies to (GitHub shows at most 10 notices a step). Before
 * 2026-12-06 the notes reached the text, JUnit, HTML and JSON but not the run's summary page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, probecheck, tempDir } from './run.js';

describe('GitHub notices for model notes', () => {
  it('one notice per distinct note, naming each case it applies to; none where no note', () => {
    const dir = tempDir();
    // Two cases at v3.14, which has no async probing: tegra-dc's probeType 'async' is noted in both.
    writeFileSync(join(dir, 'h.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'h', model: ${JSON.stringify(join(ROOT, 'models/tegra-host1x.ts'))}, cases: [
  { params: { profile: 'v3.14', patches: '' }, expect: { 'parent-before-child': 'holds' } },
  { params: { profile: 'v3.14', patches: '' }, expect: { 'no-deadlock': 'holds' } },
  { params: { profile: 'v4.2', patches: '' }, expect: { 'single-binding': 'holds' } },
] });
`);
    const r = probecheck(['check', 'h.suite.ts', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(0);
    const notices = r.stdout.split('\n').filter((l) => l.startsWith('::notice '));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^::notice file=h\.suite\.ts,line=3,title=model note::h cases\[0\] \(profile=v3\.14 patches=\); h cases\[1\] \(profile=v3\.14 patches=\): note: driver 'tegra-dc' asks for asynchronous probing/);
    expect(notices[0]).not.toContain('cases[2]'); // v4.2 has async probing: no note
    // A note is no failure: no ::error, and without GITHUB_ACTIONS no annotation at all.
    expect(r.stdout).not.toContain('::error');
    expect(probecheck(['check', 'h.suite.ts', '-q'], { cwd: dir }).stdout).not.toContain('::notice');
  });
});
