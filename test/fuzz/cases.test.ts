/**
 * The fuzz cases must be values: building a case's files may not change the case, or a
 * generated value that fast-check hands to every case, or a failure could not be replayed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArb, caseFiles, readBases, type FuzzCase } from './cases.js';

describe('fuzz cases', () => {
  const bases = readBases();

  it('building the files leaves the case as it was, and builds the same files again', () => {
    // A value put in by one mutation and then given a key that points at it: once a cycle that
    // broke every later case made with an empty object.
    const shared = {};
    const selfKey: FuzzCase = {
      base: 'scone-nodejs',
      mutations: [
        { kind: 'delete-key', at: 8818440 },
        { kind: 'change-type', at: 2144706670, value: shared },
        { kind: 'hostile-text', at: 1840151953, text: '.. _target: https://evil.example/', mode: 'replace' },
        { kind: 'add-key', at: 1146050639, key: 'prototype', value: shared },
      ],
      textEdits: [],
    };
    fc.assert(
      fc.property(caseArb, (c) => {
        const before = fc.stringify(c);
        const first = caseFiles(bases.get(c.base)!, c);
        expect(fc.stringify(c)).toBe(before);
        expect(caseFiles(bases.get(c.base)!, c)).toEqual(first);
      }),
      { numRuns: 300, examples: [[selfKey]] },
    );
  });
});
