/** Reading a kernel log file for `validate` and `from-log`: E503 when it cannot be read or is binary. */
import { readFileSync } from 'node:fs';
import { ProbecheckError } from '../engine/errors.js';
import { parseLog, type ParsedLog } from '../logs/parse.js';

export function readLog(file: string): ParsedLog {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProbecheckError('E503', `${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory, not a log file' : (e as Error).message}`);
  }
  if (text.includes('\u0000')) throw new ProbecheckError('E503', `${file}: a binary file, not a kernel log (text from dmesg, journalctl -k or a serial console)`);
  return parseLog(text);
}
