/**
 * Long prose lines of the text reports (notes, warnings, the vacuity report) cut at spaces to a
 * width, each line after the first indented under the text after its label, so a terminal or CI
 * log shows them whole (a review, s43: `note [n]:` lines of up to ~500 characters on one line).
 * The label stays on the first line, so `grep 'note \['` still finds each note. Trace lines,
 * tables, --json and the GitHub annotations are not cut.
 */
import { uncoloured, visibleLength } from './table.js';

/** `note [1]: `, `note: `, `warning: `: a label the lines after the first are indented under. */
const LABEL = /^(\s*)([a-z][\w-]*(?: \[[\d,]+\])?: )/;
/** The longest label lines are indented under; past it, the first line's indent and four spaces. */
const MAX_HANG = 12;

/** A string coloured as a whole: its opening codes, its text, its closing codes. */
const WHOLE = /^((?:\x1b\[[0-9;]*m)+)([^\x1b]*)((?:\x1b\[[0-9;]*m)+)$/;

/**
 * `line` cut at spaces into lines of at most `width` visible characters (a word longer than that
 * keeps a line of its own). A line coloured as a whole is coloured line by line; one coloured in
 * parts (a coloured label) is cut with its codes inside the words, which no cut splits.
 */
export function wrapProse(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const whole = WHOLE.exec(line);
  const [open, text, close] = whole ? [whole[1]!, whole[2]!, whole[3]!] : ['', line, ''];
  const plainText = uncoloured(text);
  const label = LABEL.exec(plainText);
  const lead = /^ */.exec(plainText)![0].length;
  const hang = ' '.repeat(label && label[2]!.length <= MAX_HANG ? label[0].length : lead + 4);
  const words = proseUnits(text.slice(lead));
  const lines: string[] = [];
  let cur = text.slice(0, lead), curLen = lead, fresh = true;
  for (const w of words) {
    const n = visibleLength(w);
    if (!fresh && curLen + 1 + n > width) {
      lines.push(cur);
      cur = hang + w; curLen = hang.length + n;
    } else {
      cur += (fresh ? '' : ' ') + w; curLen += (fresh ? 0 : 1) + n;
    }
    fresh = false;
  }
  lines.push(cur);
  return lines.map((l) => `${open}${l.trimEnd()}${close}`);
}

/**
 * `text` split at the spaces a cut may take: not inside a backticked span (`t.ovr = 0`, a line
 * of kernel code), nor between `probecheck` and its command, so what a note says to type or to
 * look for copies from one line (a review, s43 h9: a 100-column cut left
 * "(`if (!driver_match_device(drv," on one line and "dev))`)" on the next).
 */
export function proseUnits(text: string): string[] {
  const units: string[] = [];
  let open = -1, glue = false;
  for (const w of text.split(' ')) {
    if ((open >= 0 || glue) && units.length) units[units.length - 1] += ` ${w}`;
    else units.push(w);
    if ((w.match(/`/g)?.length ?? 0) % 2) open = open >= 0 ? -1 : units.length - 1;
    glue = open < 0 && /^\W*probecheck$/.test(uncoloured(w));
  }
  // A backtick never closed is no span: its words cut as any.
  return open < 0 ? units : [...units.slice(0, open), ...units.slice(open).join(' ').split(' ')];
}

/** Each line of `lines` (which may hold several, joined by newlines) cut by wrapProse. */
export function wrapLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((l) => l.split('\n')).flatMap((l) => wrapProse(l, width));
}
