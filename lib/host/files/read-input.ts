import { promises as fs } from 'fs';
import { ValidationError, EdgenetError } from '../../core/errors';
import { inputSizeProblem } from '../../core/input-limits';

/**
 * An input file's text (config, facts, allocation lock), read no further than `maxBytes`
 * (see INPUT_LIMITS): a huge file, /dev/zero or an endless pipe is refused after that many
 * bytes, never read into memory whole. `what` names the file in messages ("config file").
 */
export async function readInputText(file: string, what: string, maxBytes: number): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    throw new EdgenetError(`${file}: cannot read ${what}: ${(err as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new EdgenetError(`${file}: cannot read ${what}: is a directory; expected a file`);
    const tooLarge = stat.isFile() ? inputSizeProblem(stat.size, maxBytes) : undefined;
    if (tooLarge) throw new ValidationError([{ path: file, message: tooLarge }]);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length)
        throw new ValidationError([{ path: file, message: inputSizeProblem(length, maxBytes, true) as string }]);
    }
    return buffer.toString('utf8', 0, length);
  } catch (err) {
    if (err instanceof EdgenetError) throw err;
    throw new EdgenetError(`${file}: cannot read ${what}: ${(err as Error).message}`);
  } finally {
    await handle.close();
  }
}
