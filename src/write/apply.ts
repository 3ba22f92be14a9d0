/**
 * Carrying out a plan. Refuses to start when any file is blocked, so a build either writes
 * everything or nothing. Each file is written to a temporary file in its own directory and
 * renamed over the target, so a reader never sees half a file.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './atomic.js';
import type { Action, Plan } from './plan.js';

export class BlockedError extends Error {
  override readonly name = 'BlockedError';
  constructor(readonly blocked: readonly Extract<Action, { kind: 'blocked' }>[]) {
    super(`refusing to overwrite ${blocked.length === 1 ? 'a file' : `${blocked.length} files`} threatdoc did not generate`);
  }
}

export interface Applied {
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: number;
}

export function blockedActions(plan: Plan): Extract<Action, { kind: 'blocked' }>[] {
  return plan.actions.filter((a): a is Extract<Action, { kind: 'blocked' }> => a.kind === 'blocked');
}

export function applyPlan(plan: Plan): Applied {
  const blocked = blockedActions(plan);
  if (blocked.length > 0) throw new BlockedError(blocked);
  const written: string[] = [];
  const removed: string[] = [];
  let unchanged = 0;
  for (const action of plan.actions) {
    const target = join(plan.outDir, action.path);
    switch (action.kind) {
      case 'create':
      case 'update':
        // A plan made without the content (to report, or to find what to draw) cannot be applied.
        if (action.content === undefined) throw new Error(`no content was produced for ${action.path}`);
        writeAtomic(target, action.content);
        written.push(action.path);
        break;
      case 'remove':
        rmSync(target, { force: true });
        removed.push(action.path);
        break;
      case 'unchanged':
        unchanged++;
        break;
    }
  }
  for (const leftover of plan.leftovers) rmSync(join(plan.outDir, leftover), { force: true });
  return { written, removed, unchanged };
}
