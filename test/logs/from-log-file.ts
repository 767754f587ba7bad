/**
 * `probecheck from-log` on a log written from lines, in a folder of the test's: the log, the
 * scenario file it wrote, its text and the scenario as data (s43 h3, h11).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { probecheck } from '../cli/run.js';

export interface Written { asyncInstances?: number; drivers: Record<string, { matches: string[]; probe?: string | string[]; probeType?: string }> }

export const scenarioOf = (ts: string) => JSON.parse(ts.slice(ts.indexOf('scenario(') + 9, ts.lastIndexOf(');'))) as Written;

export const fromLogIn = (dir: string) => (name: string, lines: string[]) => {
  const log = join(dir, `${name}.log`), ts = join(dir, `${name}.ts`);
  writeFileSync(log, lines.join('\n') + '\n');
  const w = probecheck(['from-log', log, '-o', ts]);
  expect(w.status).toBe(0);
  const text = readFileSync(ts, 'utf8');
  return { log, ts, text, s: scenarioOf(text) };
};
