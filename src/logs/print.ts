/**
 * A model run printed as the kernel would log it: each step's driver-core lines
 * (model-events.ts) in the formats of the profile's dd.c (dev_dbg from v6.12), with dmesg timestamps and, optionally, printk caller
 * ids (one task per model thread). Used for the round trip run -> log -> validate, and for the
 * synthetic fixture models/logs/tegra-host1x-synthetic.log. The dev_printk owner is printed as the
 * bus name; the reader does not check it.
 */
import { compile } from '../engine/compile.js';
import { makeBackend } from '../engine/check.js';
import type { Model } from '../engine/model.js';
import { prng } from '../engine/search/simulate.js';
import { actionCode } from '../engine/trace.js';
import { renderEvent } from './model-events.js';
import { kernelOf, runEvents } from './validate.js';

export interface PrintStyle { timestamps?: boolean; caller?: boolean; journal?: boolean }

export function printRun(model: Model, codes: readonly number[], style: PrintStyle = { timestamps: true }): string {
  const lk = kernelOf(model), w = lk.w;
  const busOf = (dev: string | undefined) => w.buses[w.devices.find((d) => d.name === dev)?.bus ?? 0]!.name;
  const out: string[] = [];
  let t = 0.5;
  for (const r of runEvents(model, codes)) {
    for (const e of r.events) {
      t += 0.000125;
      let line = renderEvent(e, busOf(e.dev), r.thread + 1, lk.devPrintk === true);
      if (style.caller) line = `[${String(`T${r.thread + 1}`).padStart(6)}] ${line}`;
      if (style.timestamps || style.caller) line = `[${t.toFixed(6).padStart(12)}]${style.caller ? '' : ' '}${line}`;
      if (style.journal) line = `Dec 02 13:00:00 board kernel: ${line}`;
      out.push(line);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** A seeded random walk of at most `depth` steps: its action codes. */
export function randomRun(model: Model, seed: number, depth: number): number[] {
  const be = makeBackend(compile(model));
  const random = prng(seed);
  be.loadInitial();
  const codes: number[] = [];
  for (let d = 0; d < depth; d++) {
    const opts: number[] = [];
    be.expand((k, b) => { opts.push(actionCode(k, b)); });
    if (!opts.length) break;
    const c = opts[Math.floor(random() * opts.length)]!;
    be.apply(c & 0xff, c >>> 8);
    codes.push(c);
  }
  return codes;
}
