/** What a command may touch of the process. Only bin.ts builds the real one; tests build fakes. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal: colour and progress are allowed. */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

/** Exit codes: 0 clean, 1 problems found (or a gate failed), 2 usage error or crash. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the command was called or what it was pointed at: one line, exit 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
