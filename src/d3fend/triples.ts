import { Parser, type Quad } from 'n3';

/**
 * The parsed ontology as plain Maps (subject → predicate → objects). D3FEND's questions are all
 * "what does this node say about itself", so a two-level map answers them without a triple store.
 */
export interface TripleIndex {
  /** Every subject, with its statements. */
  readonly subjects: ReadonlyMap<string, ReadonlyMap<string, readonly Term[]>>;
  /** Subjects per named object of rdfs:subClassOf, to walk the hierarchy downwards. */
  readonly subclassesOf: ReadonlyMap<string, readonly string[]>;
}

/** An object: a named node (IRI), a blank node (restriction) or a literal. */
export type Term =
  | { readonly kind: 'iri'; readonly value: string }
  | { readonly kind: 'blank'; readonly value: string }
  | { readonly kind: 'literal'; readonly value: string; readonly datatype: string };

export const NS = {
  d3f: 'http://d3fend.mitre.org/ontologies/d3fend.owl#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
} as const;

export const P = {
  type: `${NS.rdf}type`,
  label: `${NS.rdfs}label`,
  subClassOf: `${NS.rdfs}subClassOf`,
  seeAlso: `${NS.rdfs}seeAlso`,
  onProperty: `${NS.owl}onProperty`,
  someValuesFrom: `${NS.owl}someValuesFrom`,
  deprecated: `${NS.owl}deprecated`,
  versionInfo: `${NS.owl}versionInfo`,
  d3fendId: `${NS.d3f}d3fend-id`,
  attackId: `${NS.d3f}attack-id`,
  synonym: `${NS.d3f}synonym`,
  displayOrder: `${NS.d3f}display-order`,
} as const;

export const OWL_ONTOLOGY = `${NS.owl}Ontology`;

/** A Turtle file that n3 rejected; carries the file name and n3's line number in its message. */
export class TurtleSyntaxError extends Error {
  override readonly name = 'TurtleSyntaxError';
}

export interface TurtleSource {
  /** Shown in errors. */
  readonly name: string;
  readonly text: string;
}

/**
 * Parses Turtle sources into one index. Each source gets its own blank-node prefix so that
 * `_:b0` in two files of a split ontology stay two different nodes.
 */
export function indexTurtle(sources: readonly TurtleSource[]): TripleIndex {
  const subjects = new Map<string, Map<string, Term[]>>();
  const subclassesOf = new Map<string, string[]>();
  // A release split over several files may repeat triples (or a file be given twice): each is
  // indexed once, or every walk over the hierarchy would meet a class once per copy.
  const seen = new Set<string>();
  sources.forEach((source, position) => {
    let quads: Quad[];
    try {
      quads = new Parser({ blankNodePrefix: `f${position}_` }).parse(source.text);
    } catch (error) {
      throw new TurtleSyntaxError(`${source.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const quad of quads) {
      const subject = quad.subject.value;
      const object = termOf(quad.object);
      if (object === undefined) continue;
      const predicate = quad.predicate.value;
      const key = `${subject}\u0000${predicate}\u0000${object.kind}\u0000${object.value}\u0000${object.kind === 'literal' ? object.datatype : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let statements = subjects.get(subject);
      if (!statements) subjects.set(subject, (statements = new Map()));
      const objects = statements.get(predicate);
      if (objects) objects.push(object);
      else statements.set(predicate, [object]);
      if (predicate === P.subClassOf && object.kind === 'iri') {
        const children = subclassesOf.get(object.value);
        if (children) children.push(subject);
        else subclassesOf.set(object.value, [subject]);
      }
    }
  });
  return { subjects, subclassesOf };
}

function termOf(term: Quad['object']): Term | undefined {
  switch (term.termType) {
    case 'NamedNode':
      return { kind: 'iri', value: term.value };
    case 'BlankNode':
      return { kind: 'blank', value: term.value };
    case 'Literal':
      return { kind: 'literal', value: term.value, datatype: term.datatype.value };
    default:
      // Variables and quoted triples do not occur in an OWL ontology.
      return undefined;
  }
}
