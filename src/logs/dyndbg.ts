/**
 * dyndbg's decorations: what dynamic debug prints before a pr_debug/dev_dbg message when the
 * callsite's flags ask for them (dynamic_emit_prefix, lib/dynamic_debug.c at torvalds@9d4d8572a539,
 * read: the one mainline text stored, a v5.x one by content, proc_ops and DYNAMIC_DEBUG_CORE):
 * `[pid] ` (+t; `<intr> ` in interrupt), then `module:` (+m), `function:` (+f) and `line:` (+l),
 * then one space after those (none after the tid alone). Later trees add `file:` (+s,
 * trim_prefix(filename), a path with `/`) between function and line: seen in patch texts of
 * dynamic_debug.c (found with find_string), not in a tree read here. __dynamic_dev_dbg prints them
 * before dev_printk's `driver dev: ` ("%s%s %s: %pV"), so a decorated dev_dbg line is
 * `[tid] mod:fn:line: driver dev: words`.
 */
const FIELDS = /^(?:(\[(\d+)\]|<intr>) )?(?:[\w./-]+:){1,4} (.+)$/, TID = /^(\[(\d+)\]|<intr>) (.+)$/;

/** The message behind dyndbg's decorations and the +t thread id, or undefined where the line has none. */
export function undecorated(text: string): { text: string; tid?: string } | undefined {
  const d = FIELDS.exec(text) ?? TID.exec(text);
  return d ? { text: d[3]!, ...(d[2] !== undefined ? { tid: d[2] } : {}) } : undefined;
}
