import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let yaml: Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: a run whose files all take the fast path and have
 * nothing to locate never needs it, and loading it is a tenth of a small run's start-up.
 * Synchronous because the parse and locate steps are.
 */
export function yamlLib(): Yaml {
  yaml ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yaml;
}
