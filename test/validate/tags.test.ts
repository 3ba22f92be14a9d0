import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/parse.js';
import { validateSchema } from '../../src/validate/schema.js';

/** The schema messages of a model whose lines after the header are `body`, as line: code message. */
function messages(body: string): string[] {
  const outcome = parseSource({ file: 'm.yaml', text: `threatdoc: 1\nid: m\ntitle: M\n${body}` });
  if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return validateSchema(outcome.parsed).map((d) => `${d.range?.start.line ?? 0}: ${d.code} ${d.message}`);
}

// What the loader makes of each explicit tag: yaml's toJS gives a Buffer, a Date, a Set, a Map.
describe('values that explicit YAML tags make are named by what they are', () => {
  it.each([
    ['!!binary AAAA', 'binary data (!!binary)'],
    ['!!timestamp 2001-12-14', 'a timestamp (!!timestamp)'],
    ['!!set {a}', 'a set (!!set)'],
    ['!!omap [a: 1]', 'an ordered mapping (!!omap)'],
    ['!!merge x', 'a merge key (!!merge)'],
  ])('%s where a string is expected', (value, words) => {
    expect(messages(`status: draft\ndescription: ${value}\n`)).toEqual([`5: schema-type "description" of the model must be a string, not ${words}`]);
  });

  it.each([
    ['!!binary AAAA', 'binary data (!!binary)'],
    ['!!timestamp 2001-12-14', 'a timestamp (!!timestamp)'],
    ['!!set {draft}', 'a set (!!set)'],
    ['!!merge draft', 'a merge key (!!merge)'],
  ])('%s where one of some words is expected', (value, words) => {
    expect(messages(`status: ${value}\n`)).toEqual([`4: schema-enum "status" of the model is ${words}; expected one of "draft", "reviewed", "tbd"`]);
  });

  it.each([
    ['!!binary AAAA', 'binary data (!!binary)'],
    ['!!timestamp 2001-12-14', 'a timestamp (!!timestamp)'],
    ['!!set {a}', 'a set (!!set)'],
    ['!!omap [id: a, name: A]', 'an ordered mapping (!!omap)'],
  ])('%s where a mapping is expected: one problem, not its missing keys or its methods', (value, words) => {
    expect(messages(`status: draft\nassets:\n  - ${value}\n`)).toEqual([`6: schema-type "assets" item 1 of the model must be a mapping, not ${words}`]);
  });

  it('a whole file that is binary data', () => {
    const outcome = parseSource({ file: 'm.yaml', text: '!!binary AAAA\n' });
    if (!outcome.ok) throw new Error('parse failed');
    expect(validateSchema(outcome.parsed).map((d) => `${d.code} ${d.message}`)).toEqual(['schema-type the file must hold a mapping, not binary data (!!binary)']);
  });
});
