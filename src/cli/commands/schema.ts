import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

/** `threatdoc schema`: the model format's JSON Schema, for editors and other tools. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of model files (for editor completion and checking)')
    .option('--path', 'print where the installed schema file is instead of its content')
    .action(async (options: { path?: boolean }) => {
      const { modelSchemaPath, readModelSchema } = await import('../../validate/schema-file.js');
      if (options.path) ctx.io.stdout(`${modelSchemaPath()}\n`);
      else ctx.io.stdout(`${JSON.stringify(readModelSchema(), null, 2)}\n`);
    });
}
