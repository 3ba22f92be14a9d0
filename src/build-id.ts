/**
 * Names the code of this build: `npm run build` replaces this module in dist with the sha256
 * of everything else it wrote (scripts/stamp-build.mjs). What a cache keeps is only valid
 * for the code that made it; unstamped code, as tests run from src, keeps nothing.
 */
export const BUILD_ID: string | undefined = undefined;
