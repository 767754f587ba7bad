/**
 * The line of a suite file on which each of its cases starts, read from the file's text, so that
 * an annotation about a case points at it. Only where the text says so plainly: one `cases: [`
 * array of object literals, as many as the suite has cases. A suite that builds its cases (a
 * spread, a `.map`, a helper) gets no lines, never a wrong one.
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, number[] | null>();

/** The 1-based line on which case `index` of the suite in `file` starts, if the text tells it plainly. */
export function caseLine(file: string, index: number, count: number): number | undefined {
  // Read each time (a file may change between two runs of one process), scanned once per text.
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return undefined; /* a merged suite's file may not be here */ }
  if (!cache.has(text)) cache.set(text, caseLines(text));
  const lines = cache.get(text);
  return lines && lines.length === count ? lines[index] : undefined;
}

/** Each case's first line, or null where the text is not one plain `cases: [{...}, ...]`. */
export function caseLines(text: string): number[] | null {
  // Code tokens only: comments and string/template literals are skipped (a `cases:` or a bracket
  // in them is no code). A regular expression literal is not told from a division, so a text with
  // a `/` outside comments gives up rather than risk a bracket inside one.
  type Tok = { t: string; line: number };
  const toks: Tok[] = [];
  let line = 1;
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (ch === '\n') { line++; i++; continue; }
    if (/\s/.test(ch)) { i++; continue; }
    if (text.startsWith('//', i)) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return null;
      for (let k = i; k < end; k++) if (text[k] === '\n') line++;
      i = end + 2; continue;
    }
    if (ch === '/') return null;
    if (ch === '"' || ch === "'" || ch === '`') {
      const start = line;
      let k = i + 1;
      for (; k < text.length && text[k] !== ch; k++) {
        if (text[k] === '\\') k++;
        else if (ch === '`' && text.startsWith('${', k)) return null;
        if (text[k] === '\n') line++;
      }
      if (k >= text.length) return null;
      toks.push({ t: 'str', line: start });
      i = k + 1; continue;
    }
    if (text.startsWith('...', i)) { toks.push({ t: '...', line }); i += 3; continue; }
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 200));
    if (word) { toks.push({ t: word[0], line }); i += word[0].length; continue; }
    toks.push({ t: ch, line }); i++;
  }
  const at = toks.flatMap((k, i) => (k.t === 'cases' && toks[i + 1]?.t === ':' ? [i] : []));
  if (at.length !== 1 || toks[at[0]! + 2]?.t !== '[') return null;
  // The key of the suite's own object: `defineSuite({ ..., cases: [` or `export default { ...,
  // cases: [`, not a `cases :` of a conditional (`x ? cases : [...]`), a type or a helper object.
  if (!suiteKey(toks, at[0]!)) return null;
  const out: number[] = [];
  let depth = 0, expectElement = true;
  for (let i = at[0]! + 3; i < toks.length; i++) {
    const k = toks[i]!;
    if (depth === 0) {
      // The array as written is the suite's cases: `[...].reverse()` or `.concat(...)` is not plain.
      if (k.t === ']') { const n = toks[i + 1]?.t; return n === ',' || n === '}' ? out : null; }
      if (k.t === ',') { if (expectElement) return null; expectElement = true; continue; }
      if (!expectElement || k.t !== '{') return null;
      out.push(k.line);
      expectElement = false;
    }
    if (k.t === '{' || k.t === '[' || k.t === '(') depth++;
    else if (k.t === '}' || k.t === ']' || k.t === ')') {
      depth--;
      // An element is the object literal alone: `{...}.x` or `{...} as T` is not plain.
      if (depth === 0) { const n = toks[i + 1]?.t; if (n !== ',' && n !== ']') return null; }
    }
  }
  return null;
}

/** Whether the `cases` at `at` is a key of the object literal given to defineSuite or exported as the default. */
function suiteKey(toks: readonly { t: string }[], at: number): boolean {
  const prev = toks[at - 1]?.t;
  if (prev !== '{' && prev !== ',') return false;
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const t = toks[i]!.t;
    if (t === '}' || t === ']' || t === ')') depth++;
    else if (t === '{' || t === '[' || t === '(') {
      if (depth > 0) { depth--; continue; }
      if (t !== '{') return false;
      const a = toks[i - 1]?.t, b = toks[i - 2]?.t;
      return (a === '(' && b === 'defineSuite') || (a === 'default' && b === 'export');
    }
  }
  return false;
}
