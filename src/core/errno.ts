/**
 * File-system failures in words, for messages: "cannot read X: permission denied". Codes
 * without words here are shown as they are (EMFILE, EIO…).
 */

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of its path is a file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many levels of symbolic links',
  EPIPE: 'the reading end of the pipe was closed',
};

export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Why `error` happened, in words; `words` replaces the defaults where a caller says it better. */
export function describeErrno(error: unknown, words: Readonly<Record<string, string>> = {}): string {
  const code = errnoCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return words[code] ?? WORDS[code] ?? code;
}
