/**
 * The file outputs through the CLI: JUnit, GitHub annotations, ITF, Mermaid, and the HTML
 * report, which is opened for real in headless Chromium when /usr/bin/chromium exists.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROBE_TREE, ROOT, probecheck, tempDir } from './run.js';

const v42 = [PROBE_TREE, '--param', 'N=3', '--param', 'variant=v4.2', '-q'];
const CHROMIUM = '/usr/bin/chromium';

describe('CI outputs', () => {
  it('--junit: one testcase per model x params x property, failures for violations', () => {
    const dir = tempDir(), f = join(dir, 'j.xml');
    expect(probecheck(['check', ...v42, '--junit', f]).status).toBe(1);
    const x = readFileSync(f, 'utf8');
    expect(x).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(x).toContain('<testsuites name="probecheck" tests="3" failures="2">');
    expect(x).toContain('<testcase classname="probe-tree[N=3 variant=v4.2]" name="parent-before-child"');
    expect(x).toContain('<failure message="parent-before-child: expected holds, observed violated" type="violated">probing[1] = 1 while drv[0] = 0');
    expect(x).toMatch(/<testcase classname="probe-tree\[N=3 variant=v4.2\]" name="no-deadlock" time="[\d.]+"\/>/);
  });

  it('--junit for a suite: failures are mismatches against the expectation', () => {
    const dir = tempDir(), f = join(dir, 'j.xml');
    expect(probecheck(['check', `${FIXTURES}/right.suite.ts`, '--junit', f, '-q']).status).toBe(0);
    const x = readFileSync(f, 'utf8');
    expect(x).toContain('<testsuite name="right"');
    expect(x).toContain('<testsuites name="probecheck" tests="4" failures="0">');
    expect(x).toContain('<testcase classname="right[N=3 variant=v4.2]" name="state count" time="0"/>');
    expect(x).toContain('<testcase classname="right[N=3 variant=v4.2]" name="parent-before-child"');
    expect(x).not.toContain('name="no-bind-after-unregister"'); // checked for the golden count, not expected
    expect(x).toContain('<skipped message="FIXME: liveness is not checkable yet"/>');
  });

  it('GitHub annotations when GITHUB_ACTIONS=true, escaped as workflow commands', () => {
    const r = probecheck(['check', ...v42], { env: { GITHUB_ACTIONS: 'true' } });
    const ann = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(ann).toHaveLength(2);
    expect(ann[0]).toBe('::error file=models/bench/probe-tree.ts,title=parent-before-child violated::probe-tree (N=3 variant=v4.2): parent-before-child violated: probing[1] = 1 while drv[0] = 0 [7-step trace]');
    expect(probecheck(['check', ...v42]).stdout).not.toContain('::error');
    // A search a limit stopped (exit 3) says so, as a warning.
    const stopped = probecheck(['check', ...v42, '--max-states', '20'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(stopped.status).toBe(3);
    expect(stopped.stdout.split('\n').filter((l) => l.startsWith('::warning '))).toEqual(['::warning file=models/bench/probe-tree.ts,title=search stopped early%3A max-states::probe-tree (N=3 variant=v4.2): the limit of 20 states reached (23 stored); the properties not violated so far are unknown']);
    expect(r.stdout).not.toContain('::warning');
  });

  // A CI hunt (2026-12-06): GitHub places an annotation's file relative to the checkout, so a job
  // run in a subfolder (`working-directory:`) must name it from GITHUB_WORKSPACE, not from its cwd.
  it('annotations name files from GITHUB_WORKSPACE when the job runs in a subfolder of it', () => {
    const r = probecheck(['check', 'bench/probe-tree.ts', '--param', 'N=3', '--param', 'variant=v4.2'], { cwd: join(ROOT, 'models'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ROOT } });
    const ann = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(ann.length).toBeGreaterThan(0);
    for (const a of ann) expect(a).toMatch(/^::error file=models\/bench\/probe-tree\.ts,/);
    // A file outside the checkout is named from the working directory, as without GITHUB_WORKSPACE.
    const out = probecheck(['check', 'bench/probe-tree.ts', '--param', 'N=3', '--param', 'variant=v4.2'], { cwd: join(ROOT, 'models'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: tempDir() } });
    for (const a of out.stdout.split('\n').filter((l) => l.startsWith('::error '))) expect(a).toMatch(/^::error file=bench\/probe-tree\.ts,/);
    // A folder whose name starts with `..` is inside the checkout (a review, 2026-12-06).
    const ws = tempDir(), sub = join(ws, '..cfg');
    mkdirSync(sub);
    writeFileSync(join(sub, 'pt.ts'), readFileSync(PROBE_TREE, 'utf8'));
    const dots = probecheck(['check', 'pt.ts', '--param', 'N=3', '--param', 'variant=v4.2'], { cwd: sub, env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws } });
    const dann = dots.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(dann.length, dots.stdout + dots.stderr).toBeGreaterThan(0);
    for (const a of dann) expect(a).toMatch(/^::error file=\.\.cfg\/pt\.ts,/);
  });

  it("an actor's action that never completed is an annotation (exit 5), not with --allow-vacuous", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'never.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'never', profile: 'v5.1', devices: { hub: { present: true }, ghost: {}, child: {} },
  drivers: { 'hub-drv': { matches: ['hub'], needs: ['ghost'], registers: ['child'], present: true } },
  actors: { never: 'del child', udev: ['lock hub', 'unlock hub'] }, properties: ['no-deadlock'] });
`);
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'probecheck'));
    const r = probecheck(['check', 'never.ts', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(5);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error '))).toEqual(["::error file=never.ts,title=action 'del child' never completed::never (profile=v5.1 patches=): action 'del child' of never never completed in any run: its verdicts are about runs that stop short"]);
    const ok = probecheck(['check', 'never.ts', '-q', '--allow-vacuous', '--junit', 'j.xml'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(ok.status).toBe(0);
    expect(ok.stdout).not.toContain('::error');
    // Accepted, it is skipped in JUnit, as an accepted vacuous verdict is: not a plain pass.
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toContain(`name="actions complete" time="0">\n      <skipped message="never completed in any run, accepted by --allow-vacuous: never: del child"/>`);
  });

  it('GitHub annotations for a suite name the mismatch against the expectation', () => {
    const r = probecheck(['check', `${FIXTURES}/wrong.suite.ts`, '-q'], { env: { GITHUB_ACTIONS: 'true' } });
    const ann = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(ann).toHaveLength(3);
    // On the suite file, at the case's line, named by the suite and the case's index.
    expect(ann[0]).toBe('::error file=test/cli/fixtures/wrong.suite.ts,line=8,title=parent-before-child holds (expected violated)::wrong cases[0] (N=3 variant=fixed): parent-before-child holds (expected violated)');
  });

  // A CI hunt (2026-12-06): two cases with the same parameters read alike, both on the model file
  // and named by the scenario, where JUnit and errors name the suite and the case.
  it("a suite case's annotation names the suite and cases[i], on the suite file at the case's line", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'probecheck'));
    writeFileSync(join(dir, 'unplug.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'unplug-mine', profile: 'v4.2', params: { racer: { default: 'async', values: ['async'], describe: 'r' } },
  devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', present: true } },
  actors: { hotplug: ['add dc', 'del dc'] }, properties: ['no-probe-after-del'] });
`);
    const cases = `[
    { params: { profile: 'v4.2', racer: 'async' }, expect: { 'no-probe-after-del': 'violated' } }, // a '[' and a { here are comment
    { params: { profile: 'v5.1', racer: 'async' }, expect: { 'no-probe-after-del': 'violated' }, note: "a ] in a string" },
    {
      params: { profile: 'v5.1', racer: 'async' },
      expect: { 'no-probe-after-del': 'violated' } },
  ]`;
    writeFileSync(join(dir, 'my.suite.ts'), `import { defineSuite } from 'probecheck';
/* cases: [ in a comment */
export default defineSuite({ name: 'my-unplug', model: './unplug.ts',
  cases: ${cases},
});
`);
    const r = probecheck(['check', 'my.suite.ts', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(4);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error '))).toEqual([
      '::error file=my.suite.ts,line=6,title=no-probe-after-del holds (expected violated)::my-unplug cases[1] (profile=v5.1 patches= racer=async): no-probe-after-del holds (expected violated)',
      '::error file=my.suite.ts,line=7,title=no-probe-after-del holds (expected violated)::my-unplug cases[2] (profile=v5.1 patches= racer=async): no-probe-after-del holds (expected violated)',
    ]);
    // Cases the text builds (a .map) have no line the text tells plainly: the annotation has none.
    writeFileSync(join(dir, 'built.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'built', model: './unplug.ts',
  cases: ['v4.2', 'v5.1'].map((profile) => ({ params: { profile, racer: 'async' }, expect: { 'no-probe-after-del': 'holds' } })),
});
`);
    const b = probecheck(['check', 'built.suite.ts', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    const ba = b.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(ba).toHaveLength(1);
    expect(ba[0]).toMatch(/^::error file=built\.suite\.ts,title=no-probe-after-del violated \(expected holds\)::built cases\[0\] \(profile=v4\.2 patches= racer=async\): no-probe-after-del violated \(expected holds\): .* \[\d+-step trace\]$/);
  });

  it('a state count mismatch (exit 4) is a JUnit failure and a GitHub annotation, like a verdict mismatch', () => {
    const dir = tempDir(), f = join(dir, 'j.xml');
    const r = probecheck(['check', `${FIXTURES}/wrong.suite.ts`, '-q', '--junit', f], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(4);
    const x = readFileSync(f, 'utf8');
    expect(x).toContain('<testcase classname="wrong[N=3 variant=parentlock]" name="state count" time="0">\n      <failure message="state count: expected 916, observed 915" type="state-count">');
    expect(x).toMatch(/<testsuites name="probecheck" tests="\d+" failures="3">/);
    expect(r.stdout.split('\n')).toContain('::error file=test/cli/fixtures/wrong.suite.ts,line=9,title=state count 915 (expected 916)::wrong cases[1] (N=3 variant=parentlock): 915 states, the suite pins 916: the state space changed');
  });
});

describe('trace exports', () => {
  it('--itf writes a valid ITF trace: vars, states with #meta index, ints as #bigint', () => {
    const dir = tempDir(), f = join(dir, 't.itf.json');
    probecheck(['check', ...v42, '--property', 'parent-before-child', '--itf', f]);
    const d = JSON.parse(readFileSync(f, 'utf8'));
    expect(d['#meta'].format).toBe('ITF');
    expect(d.vars).toContain('probing[1]');
    expect(d.vars).toContain('pc(A_0)');
    expect(d.states).toHaveLength(8);
    d.states.forEach((s: any, i: number) => {
      expect(s['#meta'].index).toBe(i);
      expect(Object.keys(s).filter((k) => k !== '#meta').sort()).toEqual([...d.vars].sort());
    });
    expect(d.states[0]['probing[1]']).toEqual({ '#bigint': '0' });
    expect(d.states[7]['probing[1]']).toEqual({ '#bigint': '1' });
    expect(d.states[7]['#meta'].action).toBe('A_1: A3');
    expect(d.states[0]['pc(A_1)']).toBe('A0');
    expect(d.states[7]['pc(A_1)']).toBe('A5');
  });

  it('a lasso keeps its loop in every format: ITF loop, HTML, JUnit and Mermaid say which steps repeat', () => {
    // A trace hunt, 2026-12-05: only the text said so; the others read as a finite run that violates nothing.
    const dir = tempDir(), itf = join(dir, 'l.itf.json'), html = join(dir, 'l.html'), junit = join(dir, 'l.xml');
    const r = probecheck(['check', join(ROOT, 'models/deferred-probe.ts'), '--param', 'profile=v4.2', '--param', 'variant=loop', '--property', 'quiescence',
      '--itf', itf, '--html', html, '--junit', junit, '--mermaid']);
    expect(r.status).toBe(1);
    const note = /\(the steps from (\d+) to (\d+) repeat forever\)/.exec(r.stdout)!;
    expect(note).not.toBeNull();
    const t = JSON.parse(readFileSync(itf, 'utf8'));
    expect(t.loop).toBe(Number(note[1]) - 1);
    expect(t.states.length).toBe(Number(note[2]) + 1);
    // The state the last one repeats: equal in every variable but the move that led to it.
    const strip = (x: Record<string, unknown>) => JSON.stringify({ ...x, '#meta': undefined });
    expect(strip(t.states[t.loop])).toBe(strip(t.states[t.states.length - 1]));
    for (const f of [html, junit]) expect(readFileSync(f, 'utf8')).toContain(note[0]);
    // Over the whole diagram (the loop may run in any thread), a line break as <br/>, not #10;.
    expect(r.stdout).toContain(`Note over T0,state: ${note[0]}`);
    expect(r.stdout).not.toContain('#10;');
  });

  it('--itf with two counterexamples writes one file each', () => {
    const dir = tempDir(), f = join(dir, 't.itf.json');
    probecheck(['check', ...v42, '--itf', f]);
    expect(existsSync(join(dir, 't.itf-1.json')) && existsSync(join(dir, 't.itf-2.json'))).toBe(true);
  });

  it('--mermaid prints a sequenceDiagram per counterexample', () => {
    const r = probecheck(['check', ...v42, '--property', 'parent-before-child', '--mermaid']);
    const m = r.stdout.slice(r.stdout.indexOf('sequenceDiagram'));
    expect(m.split('\n').slice(0, 6)).toEqual([
      'sequenceDiagram',
      '  title probe-tree N=3 variant=v4.2#58; parent-before-child violated',
      '  participant T0 as A_0',
      '  participant T1 as A_1',
      '  participant state as state',
      '  T0->>state: 1. __device_attach_async_helper [A0] queued[0]=0',
    ]);
  });

  it('--mermaid escapes markup in thread names', () => {
    const r = probecheck(['check', `${FIXTURES}/script-name.ts`, '--mermaid', '-q']);
    expect(r.stdout).toContain('participant T0 as #60;script#62;alert(1)#60;/script#62;');
    expect(r.stdout).not.toContain('<script>');
  });
});

describe('HTML report', () => {
  it('is one self-contained file with every name escaped', () => {
    const dir = tempDir(), f = join(dir, 'r.html');
    probecheck(['check', `${FIXTURES}/script-name.ts`, '--html', f, '-q']);
    const h = readFileSync(f, 'utf8');
    expect(h).not.toMatch(/<script|<img|<b>|<i>/i);
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it.skipIf(!existsSync(CHROMIUM))('renders in headless Chromium: the verdict table, the trace, escaped names (skipped where /usr/bin/chromium is absent)', async () => {
    const { chromium } = await import('playwright-core');
    const dir = tempDir(), evil = join(dir, 'evil.html'), tree = join(dir, 'tree.html');
    probecheck(['check', `${FIXTURES}/script-name.ts`, '--html', evil, '-q']);
    probecheck(['check', ...v42, '--html', tree]);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      await page.goto(`file://${tree}`);
      const rows = await page.locator('#verdicts tbody tr').allInnerTexts();
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatch(/parent-before-child\s+violated\s+7 steps/);
      expect(await page.locator('section h2').first().innerText()).toContain('parent-before-child violated');
      expect(await page.locator('section table.steps tbody tr').first().innerText()).toContain('__device_attach_async_helper');
      expect(await page.locator('.lane-head').allInnerTexts()).toEqual(['A_0', 'A_1', 'A_0', 'A_2', 'U']);

      await page.goto(`file://${evil}`);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('section img').count()).toBe(0);
      expect(await page.locator('.lane-head').first().innerText()).toBe('<script>alert(1)</script>');
      expect(await page.locator('.explain').innerText()).toBe('x = 1 <img src=x onerror=alert(2)>');
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
