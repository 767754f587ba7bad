/**
 * The one table of numbered errors. Every error a user can cause (a malformed model, an unknown
 * property or parameter, a corrupt trace file, a bad option) is a ProbecheckError with a stable
 * code from this table and a message naming what was wrong and where; the CLI prints it as
 * `probecheck: E301: ...` and exits 2. Anything else escaping is a bug in probecheck.
 */
export const ERROR_TABLE = {
  // 1xx: the model's definition
  E101: { kind: 'malformed model', example: "model x: two properties are named 'p'" },
  E102: { kind: 'malformed state schema', example: 't.int(300): max must be an integer in 1..255' },
  E103: { kind: 'malformed thread or step', example: "step 'A3' of thread 'A_1' does not say where it comes from" },
  E104: { kind: 'unknown or invalid model parameter', example: "model probe-tree has no parameter 'M'; known: N, variant" },
  E105: { kind: 'input file could not be loaded', example: 'x.ts: its default export is not a model' },
  // 2xx: the model misbehaved while running
  E201: { kind: 'state field out of range', example: "in step 'inc' of thread 't' (toy:inc): state field state.g.x was set to 4; it must be an integer in 0..3" },
  E202: { kind: 'step returned an unknown label', example: 'step \'check_dead\' of __device_attach returned unknown label "out_unlok"; known: ...' },
  E203: { kind: 'step threw', example: "in step 'A3' of thread 'A_1' (...): Cannot read properties of undefined" },
  E204: { kind: 'thread spawned while running', example: "spawn('w'): that thread is already running" },
  E205: { kind: 'lock left held, where `no-lock-at-return` is not checked (there: its violation)', example: "async_run_entry_fn returns, ending thread 'kworker/u:async ...', which still holds adev's &dev->mutex" },
  E206: { kind: 'device added again too often', example: "device 'dc' is added again while kworker deferred_probe_work_func (at __device_attach(dc):device_lock) still holds its struct device of 16 adds before: ..." },
  E207: { kind: 'two old driver_override strings of one device', example: "device 'c' is added again while probe holds the lock of its deleted struct device, whose driver_override is 'other-drv', and a bus_for_each_dev walk still holds the klist node of an older one, whose driver_override is 'c-drv': ..." },
  E208: { kind: "a deleted struct device's device link met", example: "device_links_busy(pmic) walks pmic's list of consumers, where the device link mmc->pmic of a deleted struct device of mmc still is (...): the C acts on that link and the old struct, which the model does not follow (...)" },
  // 3xx: properties
  E301: { kind: 'unknown property', example: "model probe-tree has no property 'pbc'; known: parent-before-child, ..." },
  E302: { kind: 'property threw', example: "property 'p' (my-props.ts) threw: ..." },
  E303: { kind: 'malformed user property', example: "props.ts: property 'my-prop': unknown key 'chek'; did you mean 'check'?" },
  // 4xx: traces
  E401: { kind: 'trace file unreadable or corrupt', example: 't.json: field version: expected 1 or 2, got 3 (this probecheck reads versions 1 and 2)' },
  E402: { kind: 'trace is for another model', example: "t.json: the trace is for model 'x', but models/y.ts defines 'y'" },
  E403: { kind: 'trace diverges from the model', example: "move 6 (A_1: A2): thread 'A_1' is at 'A1', not 'A2'" },
  // 5xx: usage and suites
  E501: { kind: 'bad command-line usage', example: "--param expects K=V, got 'N'" },
  E502: { kind: 'bad suite', example: 'x.suite.ts: cases[0].expect.p: expected one of \'holds\', \'violated\', \'vacuous\', \'reachable\', \'unreachable\', got "hold"' },
  E503: { kind: 'unreadable input file', example: 'models/nope.ts: no such file or directory' },
  E504: { kind: 'shard results that do not merge', example: 'host-children (n=8): shard 3/4 missing; merge needs every part of the search' },
  // 6xx: kernel scenarios, profiles and patches
  E601: { kind: 'malformed scenario', example: "x.ts: scenario 'x': device 'c1': unknown key 'parnet'; did you mean 'parent'?" },
  E602: { kind: 'unknown kernel profile', example: "unknown kernel profile 'v9'; known: v3.5, v3.14, v4.2, ..." },
  E603: { kind: 'unknown patch', example: "unknown patch 'abc'; known: 654888327e9f, ..." },
  E604: { kind: 'patch does not apply', example: "patch 654888327e9f (...) does not apply to v5.9: it already has ATTACH_DEAD_CHECK (the fix is merged there)" },
  // 7xx: kernel logs
  E701: { kind: 'log without driver-core events', example: 'boot.log: none of its 120 lines shows a driver probing a device (0 driver-core lines read); boot with dyndbg="file drivers/base/dd.c +p; ..." initcall_debug' },
} as const satisfies Record<string, { kind: string; example: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** Code -> kind, as printed in `Exxx (kind): ...`. */
export const ERRORS = Object.fromEntries(Object.entries(ERROR_TABLE).map(([c, e]) => [c, e.kind])) as { readonly [C in ErrorCode]: (typeof ERROR_TABLE)[C]['kind'] };

/** The README's Errors table, generated from ERROR_TABLE (a test keeps the README equal to it). */
export function errorTableMarkdown(): string {
  const rows = Object.entries(ERROR_TABLE).map(([c, e]) => `| ${c} | ${e.kind} | \`${e.example}\` |`);
  return ['| code | kind | example |', '|---|---|---|', ...rows].join('\n');
}

/** Marks a ProbecheckError across copies of this module (a model file loaded through tsx gets its own copy). */
const BRAND: unique symbol = Symbol.for('probecheck.error') as never;

export class ProbecheckError extends Error {
  readonly [BRAND] = true;
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ProbecheckError';
  }
  /**
   * `instanceof` by brand, not by prototype: a scenario file imports probecheck through tsx,
   * which loads its own copy of this module, and its errors must still keep their codes.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (this !== ProbecheckError) return Function.prototype[Symbol.hasInstance].call(this, x);
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true && typeof (x as { code?: unknown }).code === 'string' && (x as { code: string }).code in ERROR_TABLE;
  }
  /** Lines printed under the one-line error (a model's error in a search: the moves that reach it). */
  detail?: string[];
  /** `E202 (step returned an unknown label): ...`, always one line (control characters escaped). */
  describe(): string { return `${this.code} (${ERRORS[this.code]}): ${oneLine(this.message)}`; }
}

/** Control characters (a newline in a JSON parser's excerpt, bytes of a binary file) as escapes. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/g, (ch) => ch === '\ufffd' ? '?' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A thrown value that is not an Error, as a line says it: a string as it is, anything else as
 * JSON (`throw { code: 1 }` read "[object Object]"), cut at 200 characters.
 */
export function thrownValue(e: unknown): string {
  if (typeof e === 'string') return e;
  let s: string | undefined;
  try { s = JSON.stringify(e); } catch { /* a cycle: say its kind */ }
  s ??= typeof e === 'object' && e !== null ? `an object (${e.constructor?.name ?? 'no prototype'})` : String(e);
  return `a thrown ${e === null ? 'null' : typeof e}${e === undefined ? '' : ` ${s.length > 200 ? `${s.slice(0, 200)}...` : s}`}, not an Error`;
}

/** What a line says of anything thrown: an Error's message, else the value (thrownValue). */
export const thrownMessage = (e: unknown): string => (e instanceof Error ? missingImport(e.message) : thrownValue(e));

/** probecheck's export names, once load.ts has loaded a user file (errors.ts is part of the API, and cannot import it). */
let exported: readonly string[] | undefined;
export function knowExports(names: readonly string[]): void { exported = names; }

/**
 * "probecheck exports no 'X': did you mean 'Y'?" for a name it does not export ('' for one it
 * does, or before any user file was loaded): a missing import, at load (load.ts, E105) or in a step.
 */
export function notExported(name: string): string {
  if (!exported || exported.includes(name)) return '';
  const near = didYouMean(name, exported);
  return `probecheck exports no '${name}'${near !== undefined ? `: did you mean '${near}'?` : ''}`;
}

/**
 * tsx compiles `import { X } from 'probecheck'` to a property read, called as `(0 ,
 * import_probecheck.X)(...)`, so a name probecheck does not export loads as undefined and fails only
 * when a step or property calls it (a user writing a trigger from a hunk, s45 h3): say so. Only that
 * form (a user's own `import_probecheck.f()` has no `(0 , `), and only for a name not exported (a
 * real one that is no function, `RETURN()`, is just not a function: s45 h6).
 */
function missingImport(m: string): string {
  const x = /\(0 , import_probecheck\d*\.([A-Za-z_$][\w$]*)\) is not a function/.exec(m);
  const no = x ? notExported(x[1]!) : notImported(m);
  return no ? `${m}; ${no}` : m;
}

/**
 * "X is not defined" for a name probecheck exports: the file uses it without importing it (a
 * newcomer's hunk calling deferredTrigger read only "deferredTrigger is not defined", s45 h15).
 */
export function notImported(m: string): string {
  const x = /^([A-Za-z_$][\w$]*) is not defined$/.exec(m);
  if (!x || !exported?.includes(x[1]!)) return '';
  return `probecheck exports '${x[1]}': add it to the file's import { ... } from 'probecheck'`;
}

/**
 * In a search's worker thread a user file's process.exit() (from a step, a property) ends that
 * thread alone, and the main thread read "search worker exited with status 0": an internal error,
 * "a bug in probecheck" (a review, 2026-12-06). Called in those threads, it makes the call throw
 * instead: the step's or property's error, which names it and its file. Returns the real exit.
 */
export function refuseProcessExit(): (code?: number) => never {
  const exit = process.exit.bind(process) as (code?: number) => never;
  process.exit = ((code?: number | string | null) => { throw new Error(`it called process.exit(${code ?? ''}): a model, patch or property file must not end the process`); }) as typeof process.exit;
  return exit;
}

/** Errors in a model's definition or behaviour (E1xx, E2xx). */
export class ModelError extends ProbecheckError {}

/**
 * The known name closest to a misspelt one (case-insensitive optimal string alignment distance:
 * `parnet` -> `parent`, `probetype` -> `probeType`), or undefined when none is close.
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined, bestD = Infinity;
  for (const k of known) {
    const d = editDistance(w, k.toLowerCase());
    if (d < bestD) { best = k; bestD = d; }
  }
  return bestD <= (w.length <= 3 ? 1 : 2) ? best : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn a into b. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let x = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) x = Math.min(x, d[i - 2]![j - 2]! + 1);
      d[i]![j] = x;
    }
  }
  return d[a.length]![b.length]!;
}

/** `; did you mean 'x'?` or `; known: a, b, c`, for an error about an unknown name. */
export function suggestion(word: string, known: readonly string[]): string {
  const m = didYouMean(word, known);
  return m !== undefined ? `; did you mean '${m}'?` : `; known: ${known.length ? known.join(', ') : '(none)'}`;
}
