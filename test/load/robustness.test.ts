import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/parse.js';
import { validateSchema } from '../../src/validate/schema.js';

/** Fragments that make YAML parsers stumble, mixed with model text. */
const PIECES = ['[', ']', '{', '}', '"', "'", '&a ', '*a', '- ', '? ', ': ', '\t', '\n', '  ', '#', '%YAML 1.2\n', '---\n', '!!str ', '|\n', '>-\n', '__proto__: ', 'threats:\n', 'id: x\n', '\u0000', '\u2028', '😀'];
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join('')));

describe('any text parses and validates into diagnostics, never an exception', () => {
  it('holds for random and YAML-flavoured text', () => {
    fc.assert(
      fc.property(text, (input) => {
        const outcome = parseSource({ file: 'x.yaml', text: input });
        const diagnostics = outcome.ok ? [...outcome.diagnostics, ...validateSchema(outcome.parsed)] : outcome.diagnostics;
        const lines = input.split('\n').length;
        for (const d of diagnostics) {
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.range?.start.line ?? 1).toBeGreaterThanOrEqual(1);
          expect(d.range?.start.line ?? 1).toBeLessThanOrEqual(lines);
          expect(d.range?.start.column ?? 1).toBeGreaterThanOrEqual(1);
        }
        if (!outcome.ok) expect(outcome.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 500) },
    );
  });
});
