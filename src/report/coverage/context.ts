/** What a coverage formatter may use besides the report. */
export interface CoverageFormatContext {
  /** The threatdoc version, named in SARIF's tool section. */
  readonly toolVersion: string;
  /** The working directory the report's file paths are relative to; SARIF re-bases them on the repository root. */
  readonly cwd?: string;
}
