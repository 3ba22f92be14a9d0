import fc from 'fast-check';

/**
 * A failing property prints its seed and path; `FUZZ_SEED=… FUZZ_PATH=…` runs that case again
 * first, so a failure found in a long run can be replayed alone (`-t` picks the property).
 */
const seed = process.env.FUZZ_SEED;
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed), path: process.env.FUZZ_PATH, endOnFailure: true });
