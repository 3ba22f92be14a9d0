/** What a coverage formatter may use besides the report. */
export interface CoverageFormatContext {
  /** The threatdoc version, named in SARIF's tool section. */
  readonly toolVersion: string;
}
