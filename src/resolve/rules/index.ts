import type { Rule } from '../context.js';
import { attackId } from './attack-id.js';
import { d3fendId } from './d3fend-id.js';
import { duplicateId } from './duplicate-id.js';
import { unknownReference } from './unknown-reference.js';
import { unused } from './unused.js';

/** The cross-reference rules, each in its own file; all of them run on every check. */
export const RULES: readonly Rule[] = [duplicateId, unknownReference, unused, d3fendId, attackId];
