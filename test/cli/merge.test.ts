/**
 * `check --shard i/n --json-out` and `probecheck merge`: the merged verdicts equal the whole
 * search's, a violation keeps a shortest trace, a shard alone never claims a whole verdict, and
 * shard files that do not make one search are refused with one line (E504).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_TREE, ROOT, probecheck } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-merge-'));
const HOST = join(ROOT, 'models/host-children.ts');

function shards(model: string, n: number, args: string[]): string[] {
  return Array.from({ length: n }, (_, i) => {
    const out = join(dir, `${model.replace(/\W/g, '')}-${args.join('').replace(/\W/g, '')}-${i + 1}.json`);
    const r = probecheck(['check', model, ...args, '--shard', `${i + 1}/${n}`, '--json-out', out, '-q']);
    expect(r.status, r.stderr).toBeLessThanOrEqual(1);
    return out;
  });
}

describe('probecheck merge', () => {
  it('host-children n=2 in 3 shards: each shard says its holds is about its part; merged, the verdicts of the whole search', () => {
    const parts = shards(HOST, 3, ['--param', 'n=2']);
    const one = probecheck(['check', HOST, '--param', 'n=2', '--shard', '2/3', '-q']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/shard 2\/3: split at depth \d+: this shard expanded \d+ of its \d+ states and all they reach; verdicts are about this part/);
    expect(one.stdout).toMatch(/module-lifetime\s+holds \(this part\)/);
    const whole = probecheck(['check', HOST, '--param', 'n=2', '--json']);
    const m = probecheck(['merge', ...parts, '--json']);
    expect(m.status).toBe(whole.status);
    const verdicts = (s: string) => JSON.parse(s).properties.map((p: { name: string; verdict: string }) => `${p.name}=${p.verdict}`);
    expect(verdicts(m.stdout)).toEqual(verdicts(whole.stdout));
    const text = probecheck(['merge', ...parts]);
    expect(text.stdout).toMatch(/host-children \(.*n=2\): 3 shards of one bfs search merged/);
    expect(text.stdout).toMatch(/no-deadlock\s+holds\s+-/);
  });

  it('a violation: merged exit 1 with a trace as short as the whole search\'s', () => {
    const args = ['--param', 'N=4', '--param', 'variant=v4.2'];
    const parts = shards(PROBE_TREE, 4, args);
    const whole = JSON.parse(probecheck(['check', PROBE_TREE, ...args, '--json']).stdout);
    const m = probecheck(['merge', ...parts, '--json']);
    expect(m.status).toBe(1);
    const len = (d: any, name: string) => d.properties.find((p: any) => p.name === name).trace?.steps.length;
    const merged = JSON.parse(m.stdout);
    for (const p of whole.properties) {
      expect(merged.properties.find((x: any) => x.name === p.name).verdict).toBe(p.verdict);
      if (p.trace) expect(len(merged, p.name)).toBe(p.trace.steps.length);
    }
    expect(probecheck(['merge', ...parts]).stdout).toContain('WARNING: property violated: parent-before-child');
  });

  it('refuses what is not one search: a missing shard, a repeated one, an unsharded run, a non-result file', () => {
    const parts = shards(HOST, 3, ['--param', 'n=1']);
    const missing = probecheck(['merge', parts[0]!, parts[2]!]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^probecheck: E504 \(shard results that do not merge\): host-children \(.*n=1\): shard 2\/3 missing; merge needs every part of the search$/);
    expect(probecheck(['merge', parts[0]!, parts[0]!, parts[1]!, parts[2]!]).stderr).toMatch(/E504 .*shard 1\/3 of host-children .* is given twice/);
    const plain = join(dir, 'plain.json');
    expect(probecheck(['check', HOST, '--param', 'n=1', '--json-out', plain, '-q']).status).toBe(0);
    expect(probecheck(['merge', plain]).stderr).toMatch(/E504 .*was not sharded/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"x":1}');
    expect(probecheck(['merge', junk]).stderr.trim()).toBe(`probecheck: E504 (shard results that do not merge): ${junk}: not a probecheck check --json result (format '?')`);
    expect(probecheck(['merge', join(dir, 'nope.json')]).stderr).toMatch(/E503 .*no such file/);
  });

  it('--shard is refused with depth-first search and with liveness properties', () => {
    const dfs = probecheck(['check', HOST, '--shard', '1/2', '--strategy', 'dfs']);
    expect(dfs.status).toBe(2);
    expect(dfs.stderr).toMatch(/E501 .*--shard splits a breadth-first search or random walks/);
    expect(probecheck(['check', HOST, '--shard', '0/2']).stderr).toMatch(/E501 .*--shard expects i\/n/);
  });
});
