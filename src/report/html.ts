/**
 * The HTML report: one self-contained file (inline CSS, no scripts, nothing fetched) with the
 * verdict table of every run and, for each counterexample, a step table with the fields each
 * step changed and a swimlane sequence diagram (one lane per thread, plain HTML/CSS). Every
 * name that comes from a model is escaped: thread names are arbitrary strings.
 */
import type { PropertyResult, Result } from '../engine/result.js';
import { propertyFailed, reportedProperties, type CheckedRun } from './runs.js';
import { kernelFunction, loopNote, showParams, waiterSummaries } from './text.js';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}code,.mono{font-family:ui-monospace,monospace;font-size:13px}
.holds{color:#17702a}.violated{color:#b00020;font-weight:bold}.unknown{color:#9a6700}.fail{background:#fde8ea}
.lanes{display:grid;gap:2px 8px;margin:1em 0}.lane-head{font-weight:bold;border-bottom:2px solid #888;padding:2px 4px}
.ev{background:#eef4ff;border-left:3px solid #3367d6;padding:2px 6px;font-family:ui-monospace,monospace;font-size:12px}
.n{color:#888;font-size:12px;text-align:right}.explain{background:#fff4e0;padding:4px 8px;display:inline-block}`;

function verdictTable(runs: readonly CheckedRun[]): string {
  const rows = runs.flatMap((r) => reportedProperties(r).map((p) => {
    const fail = propertyFailed(r, p.name, p.verdict);
    return `<tr${fail ? ' class="fail"' : ''}><td>${esc(r.suite ?? '')}</td><td>${esc(r.result.model)}</td><td class="mono">${esc(showParams(r.result.params))}</td>` +
      `<td>${esc(p.name)}</td><td>${esc(r.expect?.[p.name] ?? '')}</td><td class="${esc(p.verdict)}">${esc(p.verdict)}</td>` +
      `<td>${p.trace ? `<a href="#${anchor(r, p)}">${p.trace.steps.length} steps</a>` : '-'}</td><td>${r.result.states.toLocaleString('en-US')}</td><td>${r.result.seconds.toFixed(2)}</td></tr>`;
  }));
  return `<table id="verdicts"><thead><tr><th>suite</th><th>model</th><th>params</th><th>property</th><th>expected</th><th>verdict</th><th>trace</th><th>states</th><th>seconds</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function anchor(r: CheckedRun, p: PropertyResult): string {
  return `cx-${`${r.result.model}-${showParams(r.result.params)}-${p.name}`.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
}

function stepTable(p: PropertyResult): string {
  const rows = p.trace!.steps.map((s) => `<tr><td>${s.n}</td><td>${esc(s.thread)}</td><td class="mono">${esc(kernelFunction(s.where))}</td><td class="mono">${esc(s.label)}${s.branchName ? ` (${esc(s.branchName)})` : ''}</td>` +
    `<td class="mono">${s.changes.map((c) => `${esc(c.field)}: ${esc(c.from)} → ${esc(c.to)}`).join('<br>')}</td><td class="mono">${esc(s.where)}${s.since ? ` <small>(${esc(s.since)})</small>` : ''}${s.source ? `<br><small>${esc(s.source)}</small>` : ''}</td></tr>`);
  const loop = p.trace!.loopFrom !== undefined ? `<p class="loop">${esc(loopNote(p.trace!))}</p>` : '';
  return `<table class="steps"><thead><tr><th>#</th><th>thread</th><th>function</th><th>label</th><th>changes</th><th>where</th></tr></thead><tbody>${rows.join('')}</tbody></table>${loop}`;
}

function lanes(p: PropertyResult): string {
  const steps = p.trace!.steps;
  const threads: string[] = [];
  for (const s of steps) if (!threads.includes(s.thread)) threads.push(s.thread);
  const cells = [`<div></div>`, ...threads.map((t) => `<div class="lane-head">${esc(t)}</div>`)];
  for (const s of steps) {
    const k = threads.indexOf(s.thread);
    cells.push(`<div class="n">${s.n}</div>`);
    threads.forEach((_, i) => cells.push(i === k
      ? `<div class="ev">${esc(kernelFunction(s.where))} [${esc(s.label)}]${s.changes.map((c) => `<br>${esc(c.field)} = ${esc(c.to)}`).join('')}</div>`
      : '<div></div>'));
  }
  return `<div class="lanes" style="grid-template-columns:2em repeat(${threads.length},minmax(10em,1fr))">${cells.join('')}</div>`;
}

function counterexample(r: CheckedRun, p: PropertyResult): string {
  const res: Result = r.result;
  const blocked = p.waiters?.length ? p.waiters : p.waiting ?? [];
  // Each waiter as the text report words it: what it holds, what it waits for and who holds that.
  const sums = waiterSummaries(p);
  const waiters = blocked.length ? `${p.waiters?.length ? '' : '<p>Blocked where the trace ends:</p>'}<ul>${blocked.map((w, i) => {
    const sum = sums[i]!;
    return `<li>${esc(w.thread)} ${sum.holds.length ? `holds ${esc(sum.holds.join(', '))}, ` : ''}blocked at ${esc(w.label)} (${esc(w.where)}), waits for ${esc(sum.waitsFor)}</li>`;
  }).join('')}</ul>` : '';
  return `<section id="${anchor(r, p)}"><h2>${esc(p.name)} violated: ${esc(res.model)} <span class="mono">${esc(showParams(res.params))}</span></h2>` +
    `${p.description ? `<p>${esc(p.description)}</p>` : ''}${p.explanation ? `<p class="explain">${esc(p.explanation)}</p>` : ''}${waiters}` +
    `<h3>Sequence</h3>${lanes(p)}<h3>Steps and state changes</h3>${stepTable(p)}</section>`;
}

export function htmlReport(runs: readonly CheckedRun[], title = 'probecheck report'): string {
  const sections = runs.flatMap((r) => reportedProperties(r).filter((p) => p.trace).map((p) => counterexample(r, p)));
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body><h1>${esc(title)}</h1>` +
    `<p>${runs.length} run${runs.length === 1 ? '' : 's'}, generated ${esc(new Date().toISOString())}</p>` +
    `${verdictTable(runs)}${sections.join('\n')}</body></html>\n`;
}
