/**
 * The floor the CLI is compared with: read every *.yaml/*.yml file under the given
 * directories and parse it, nothing more. Run as its own process, like the CLI, so both pay
 * the same Node start-up. By default with `yaml`'s `parse` (the reference parser); with
 * `--fast`, with js-yaml's `load`, which is what threatdoc's fast path costs at the least.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const fast = args[0] === '--fast';
const dirs = fast ? args.slice(1) : args;
const parse = fast ? ((await import('js-yaml')).default.load) : (await import('yaml')).parse;

let documents = 0;
for (const dir of dirs) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    parse(readFileSync(join(dir, file), 'utf8'));
    documents++;
  }
}
if (documents === 0) throw new Error('no YAML files found');
