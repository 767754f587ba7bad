/**
 * A user's path or value in a command printed for them to run: one word as a POSIX shell reads it,
 * quoted where it has a space or another character the shell reads (s46 h16: `--patch my dir/fix.ts`,
 * printed as a command, ran as two words). Every such command quotes with this.
 */
export const shellWord = (s: string): string => (/^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
