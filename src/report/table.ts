/**
 * Plain-text tables for the terminal: left-aligned columns two spaces apart, widths measured
 * without ANSI colour codes so that coloured cells still line up. Not a layout engine.
 */
const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(s: string): number { return s.replace(ANSI, '').length; }

export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visibleLength(s)));
}

/** Render rows (the first is the header) as aligned lines; trailing spaces trimmed. */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, visibleLength(c)); });
  return rows.map((r) => (indent + r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ')).trimEnd());
}
