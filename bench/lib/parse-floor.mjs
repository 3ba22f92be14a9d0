/**
 * The floor the CLI is compared with: read every *.yaml/*.yml file under the given
 * directories and parse it with `yaml`, nothing more. Run as its own process, like the CLI,
 * so both pay the same Node start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

let documents = 0;
for (const dir of process.argv.slice(2)) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    parse(readFileSync(join(dir, file), 'utf8'));
    documents++;
  }
}
if (documents === 0) throw new Error('no YAML files found');
