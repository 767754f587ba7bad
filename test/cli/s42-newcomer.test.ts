/**
 * s42 h13, a kernel developer following the README from a fresh clone: the README's GitHub
 * workflow ran `npm ci && npm link` and then `probecheck`, but `npm ci` does not build (dist/ is
 * not committed and package.json has no prepare script), so the link pointed at a missing
 * dist/cli/main.js and the job's last step failed with "No such file or directory" (checked in a
 * fresh clone, 2026-12-07). Every place the README links the clone must build it first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
const builds = (cmd: string) => /^npm (run build|start|test)\b/.test(cmd);

describe("the README's install steps build dist/ before `npm link`", () => {
  it('npm ci alone builds nothing (as the README says), so a build must come before the link', () => {
    for (const hook of ['prepare', 'install', 'postinstall', 'preinstall']) expect(scripts[hook], hook).toBeUndefined();
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
  });

  it('the GitHub workflow builds in the same step as, and before, npm link', () => {
    const yaml = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```\n/gm)].map((m) => m[1]!);
    expect(yaml).toHaveLength(1);
    const runs = [...yaml[0]!.matchAll(/^\s*- run: (.*)$/gm)].map((m) => m[1]!.replace(/\s+#.*$/, ''));
    const linkStep = runs.find((r) => /\bnpm link\b/.test(r));
    expect(linkStep).toBeDefined();
    const cmds = linkStep!.split('&&').map((c) => c.trim());
    const link = cmds.indexOf('npm link');
    expect(link, linkStep).toBeGreaterThan(0);
    expect(cmds.slice(0, link).some(builds), `no build before npm link in: ${linkStep}`).toBe(true);
    // The step after it runs the linked command.
    expect(runs[runs.indexOf(linkStep!) + 1]).toMatch(/^probecheck /);
  });

  it('Quick start builds before Getting started links', () => {
    const quick = readme.slice(readme.indexOf('\n## Quick start\n'), readme.indexOf('\n## Getting started\n'));
    const first = /```sh\n([^\n]*)/.exec(quick)![1]!.replace(/\s+#.*$/, '').split('&&').map((c) => c.trim());
    expect(first[0]).toBe('npm ci');
    expect(first.slice(1).some(builds)).toBe(true);
  });
});
