import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OntologySource } from './import.js';
import { describeErrno } from '../core/errno.js';

/** An input file that cannot be used: missing, unreadable or not UTF-8. One line, no stack. */
export class OntologyFileError extends Error {
  override readonly name = 'OntologyFileError';
}

/**
 * Reads the .ttl inputs. The hash is of the bytes on disk, so it can be compared with the
 * upstream file; `recordAs` gives the path to record for each (default: the file's base name).
 */
export async function readOntologySources(
  paths: readonly string[],
  resolvePath: (path: string) => string,
  recordAs: readonly string[] = [],
): Promise<OntologySource[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return Promise.all(
    paths.map(async (path, position) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(resolvePath(path));
      } catch (error) {
        throw new OntologyFileError(`cannot read ${path}: ${describeErrno(error, { ENOENT: 'no such file' })}`);
      }
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        throw new OntologyFileError(`${path} is not UTF-8 text`);
      }
      return {
        path: recordAs[position] ?? basename(path),
        name: path,
        text,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    }),
  );
}
