/**
 * Tests that need a real Chromium or Sphinx skip with a reason when the tool is missing,
 * unless THREATDOC_REQUIRE_REAL=1 (CI), where a missing tool fails them instead.
 *
 *   const skip = requireReal('chromium', hasChromium());
 *   describe.skipIf(skip)('...', () => { ... });
 */
export type RealTool = 'chromium' | 'sphinx';

/** True when the tests should be skipped; throws when the tool is required but missing. */
export function requireReal(tool: RealTool, available: boolean): boolean {
  if (available) return false;
  if (process.env['THREATDOC_REQUIRE_REAL'] === '1') {
    throw new Error(`${tool} is required (THREATDOC_REQUIRE_REAL=1) but was not found`);
  }
  console.warn(`skipping ${tool} tests: ${tool} not found (set THREATDOC_REQUIRE_REAL=1 to make this a failure)`);
  return true;
}
