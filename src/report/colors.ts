/**
 * Colours for terminal output: on only for a TTY, off under NO_COLOR (https://no-color.org),
 * forced on by FORCE_COLOR. Renderers take a Colors so that files and tests get plain text.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(stream: { isTTY?: boolean }): Colors {
  const env = process.env;
  const on = env.NO_COLOR ? false : env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : Boolean(stream.isTTY);
  return pc.createColors(on);
}

export const plain: Colors = pc.createColors(false);
