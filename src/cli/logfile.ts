/**
 * Reading a kernel log file for `validate` and `from-log`: E503 when it cannot be read or is
 * binary. UTF-16 text (PowerShell's `>` writes it, with a byte-order mark) is decoded and read.
 */
import { readFileSync } from 'node:fs';
import { bundledHint } from '../bundled.js';
import { ProbecheckError } from '../engine/errors.js';
import { parseLog, type ParsedLog } from '../logs/parse.js';

/** UTF-16 by its byte-order mark, or (no mark) by NULs in every other byte of ASCII text. */
function utf16(b: Buffer): 'le' | 'be' | undefined {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'be';
  const n = Math.min(b.length - (b.length % 2), 512);
  if (n < 4) return undefined;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) even++; if (b[i + 1] === 0) odd++; }
  if (odd === n / 2 && even === 0) return 'le';
  if (even === n / 2 && odd === 0) return 'be';
  return undefined;
}

export function readLog(file: string): ParsedLog {
  let buf: Buffer;
  try { buf = readFileSync(file); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProbecheckError('E503', `${file}: ${code === 'ENOENT' ? `no such file or directory${bundledHint(file)}` : code === 'EISDIR' ? 'is a directory, not a log file' : (e as Error).message}`);
  }
  const wide = utf16(buf);
  let text: string;
  if (wide === 'le') text = buf.toString('utf16le');
  else if (wide === 'be') { const s = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2))); s.swap16(); text = s.toString('utf16le'); }
  else text = buf.toString('utf8');
  text = text.replace(/^\uFEFF/, '');
  // NUL bytes alone do not make a log binary: a syslog file (kern.log) a crash left zero-filled holds
  // runs of them between its lines, and a serial console may read a reset's line noise as NULs
  // (parseLog takes them out and says so). Binary is what else is there: other control bytes,
  // or bytes that are not UTF-8.
  if (text.includes('\u0000')) {
    const rest = text.replace(/\u0000+/g, '');
    if (rest.trim() === '') throw new ProbecheckError('E503', `${file}: only NUL bytes (${buf.length}), no kernel log to read (a file a crash left zero-filled?)`);
    const sample = rest.slice(0, 1 << 16);
    const bad = (sample.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f\ufffd]/g) ?? []).length;
    if (bad > sample.length / 100) throw new ProbecheckError('E503', `${file}: a binary file, not a kernel log (text from dmesg, journalctl -k or a serial console)`);
  }
  return parseLog(text);
}
