import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function register(_program: Command, _ctx: CommandContext): void {
  // 'schema' is not implemented yet.
}
