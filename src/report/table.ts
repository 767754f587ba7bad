/**
 * Plain-text tables for the terminal: left-aligned columns two spaces apart, widths measured
 * without ANSI colour codes so that coloured cells still line up. Not a layout engine.
 */
const ANSI = /\x1b\[[0-9;]*m/g;
/** East Asian wide and fullwidth characters of the BMP: two columns each in a terminal. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

/**
 * The columns `s` takes in a terminal: colour codes take none, a wide character (a CJK device
 * name, say) two; a character past the BMP is two UTF-16 units, and two columns (CJK, emoji).
 */
/** `s` without its colour codes. */
export function uncoloured(s: string): string { return s.replace(ANSI, ''); }

export function visibleLength(s: string): number {
  const t = uncoloured(s);
  return t.length + (t.match(WIDE)?.length ?? 0);
}

export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visibleLength(s)));
}

/**
 * A cell cut into lines of at most `cap` characters: after a comma or its first colon (a list
 * `never completed: hotplug: del c, ...` keeps each item whole), at any space only within a
 * piece still too long, and never inside a word. A cell coloured as a whole is coloured line by
 * line; one coloured in parts is not cut.
 */
export function wrapCell(s: string, cap: number | undefined): string[] {
  if (cap === undefined || visibleLength(s) <= cap) return [s];
  const whole = /^(\x1b\[[0-9;]*m)([^\x1b]*)(\x1b\[[0-9;]*m)$/.exec(s);
  if (!whole && s.includes('\x1b[')) return [s];
  const [open, text, close] = whole ? [whole[1]!, whole[2]!, whole[3]!] : ['', s, ''];
  const colon = text.indexOf(': ');
  const units = (colon < 0 ? [text] : [text.slice(0, colon + 1), text.slice(colon + 2)]).flatMap((u) => u.split(/(?<=,) /));
  const pieces = units.flatMap((u) => (u.length <= cap ? [u] : u.split(' ')));
  const lines: string[] = [];
  for (const p of pieces) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + p.length <= cap) lines[lines.length - 1] = `${last} ${p}`;
    else lines.push(p);
  }
  return lines.map((l) => open + l + close);
}

/**
 * Render rows (the first is the header) as aligned lines; trailing spaces trimmed. A cell wider
 * than its column's cap (`caps[i]`) goes on over the next lines of its column: each row's lines,
 * one list per row.
 */
export function tableLines(rows: readonly (readonly string[])[], indent = '', caps: readonly (number | undefined)[] = []): string[][] {
  const cells = rows.map((r) => r.map((c, i) => wrapCell(c, caps[i])));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => { for (const l of c) widths[i] = Math.max(widths[i] ?? 0, visibleLength(l)); });
  return cells.map((r) => {
    const height = Math.max(1, ...r.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => (indent + r.map((c, i) => (i === r.length - 1 ? (c[k] ?? '') : pad(c[k] ?? '', widths[i]!))).join('  ')).trimEnd());
  });
}

/** Render rows (the first is the header) as aligned lines, one per row: tableLines without caps. */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  return tableLines(rows, indent).flat();
}
