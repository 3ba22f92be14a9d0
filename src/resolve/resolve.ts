import type { Diagnostic, StageResult } from '../core/diagnostic.js';
import type { Workspace } from '../core/model.js';
import type { CatalogIndex } from '../d3fend/types.js';
import { buildIndex, reporter, type IdIndex } from './context.js';
import type { CheckedFile } from './files.js';
import { RULES } from './rules/index.js';
import { Suggestions } from './suggestions.js';
import { buildWorkspace } from './workspace.js';

export interface ResolveInput {
  readonly files: readonly CheckedFile[];
  readonly catalog: CatalogIndex;
  /** False when some file could not be parsed, so not every reference is known. */
  readonly complete: boolean;
  /** Workspace.root: the directory the models were read from, as the user named it. */
  readonly root: string;
}

/** Runs every cross-reference rule over the directory, then builds the resolved workspace. */
export function resolveWorkspace(input: ResolveInput): StageResult<Workspace> {
  const index = buildIndex(input.files);
  return { value: buildWorkspace(input.files, index, input.root), diagnostics: runRules(input, index) };
}

/** The cross-reference rules alone: what `validate` needs, without building the workspace. */
export function checkReferences(input: Omit<ResolveInput, 'root'>): Diagnostic[] {
  return runRules(input, buildIndex(input.files));
}

function runRules(input: Omit<ResolveInput, 'root'>, index: IdIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const context = { files: input.files, index, catalog: input.catalog, complete: input.complete, suggestions: new Suggestions(), report: reporter(diagnostics) };
  for (const rule of RULES) rule(context);
  return diagnostics;
}
