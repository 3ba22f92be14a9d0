/**
 * A failing property prints its seed and path; `FUZZ_SEED=… FUZZ_PATH=…` runs that case again
 * first, so a failure found in a long run can be replayed alone (`-t` picks the property).
 * fast-check is loaded only then: most test files do not use it.
 */
const seed = process.env.FUZZ_SEED;
if (seed !== undefined) {
  const { default: fc } = await import('fast-check');
  fc.configureGlobal({ seed: Number(seed), path: process.env.FUZZ_PATH, endOnFailure: true });
}
