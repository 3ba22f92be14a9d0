import { NS, P, type Term, type TripleIndex } from './triples.js';

/** A `[ owl:onProperty p ; owl:someValuesFrom C ]` restriction among a class's superclasses. */
export interface Restriction {
  readonly property: string;
  readonly filler: string;
}

/**
 * Class-hierarchy questions over a triple index, with the transitive walks memoised: the
 * importer asks "is X under Y" for every pair of artifacts, so each ancestry is computed once.
 */
export class Ontology {
  private readonly ancestry = new Map<string, ReadonlySet<string>>();

  constructor(private readonly index: TripleIndex) {}

  objects(subject: string, predicate: string): readonly Term[] {
    return this.index.subjects.get(subject)?.get(predicate) ?? [];
  }

  literals(subject: string, predicate: string): string[] {
    return this.objects(subject, predicate).flatMap((term) => (term.kind === 'literal' ? [term.value] : []));
  }

  /** The one literal value, or the alphabetically first when a class repeats the property. */
  literal(subject: string, predicate: string): string | undefined {
    return this.literals(subject, predicate).sort()[0];
  }

  isTrue(subject: string, predicate: string): boolean {
    return this.literals(subject, predicate).some((value) => value === 'true' || value === '1');
  }

  /** Named direct superclasses (restrictions excluded), sorted. */
  parents(cls: string): string[] {
    return this.objects(cls, P.subClassOf)
      .flatMap((term) => (term.kind === 'iri' && term.value !== cls ? [term.value] : []))
      .sort();
  }

  /** Direct named subclasses. */
  children(cls: string): readonly string[] {
    return this.index.subclassesOf.get(cls) ?? [];
  }

  /** All named superclasses, transitively, excluding the class itself (rdfs:subClassOf+). */
  ancestors(cls: string): ReadonlySet<string> {
    const known = this.ancestry.get(cls);
    if (known) return known;
    // Mark first so a cycle in a malformed ontology ends instead of recursing forever.
    const result = new Set<string>();
    this.ancestry.set(cls, result);
    for (const parent of this.parents(cls)) {
      result.add(parent);
      for (const above of this.ancestors(parent)) result.add(above);
    }
    result.delete(cls);
    return result;
  }

  /** rdfs:subClassOf* : the class itself or one of its ancestors. */
  isSubclassOrSelf(cls: string, of: string): boolean {
    return cls === of || this.ancestors(cls).has(of);
  }

  /** Every named class below `root`, transitively (rdfs:subClassOf+), sorted. */
  descendants(root: string): string[] {
    const seen = new Set<string>();
    const queue = [...this.children(root)];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (seen.has(next) || next === root) continue;
      seen.add(next);
      queue.push(...this.children(next));
    }
    return [...seen].sort();
  }

  /** The someValuesFrom restrictions written in the class's own rdfs:subClassOf list. */
  ownRestrictions(cls: string): Restriction[] {
    const result: Restriction[] = [];
    for (const term of this.objects(cls, P.subClassOf)) {
      if (term.kind !== 'blank') continue;
      const property = this.objects(term.value, P.onProperty)[0];
      const filler = this.objects(term.value, P.someValuesFrom)[0];
      if (property?.kind === 'iri' && filler?.kind === 'iri') result.push({ property: property.value, filler: filler.value });
    }
    return result;
  }

  /** Subjects typed with `type`, e.g. the owl:Ontology header. */
  subjectsOfType(type: string): string[] {
    const result: string[] = [];
    for (const [subject, statements] of this.index.subjects) {
      if (statements.get(P.type)?.some((term) => term.kind === 'iri' && term.value === type)) result.push(subject);
    }
    return result.sort();
  }
}

/** `http://…/d3fend.owl#DiskEncryption` → `DiskEncryption`. */
export function localName(iri: string): string {
  if (iri.startsWith(NS.d3f)) return iri.slice(NS.d3f.length);
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  return cut >= 0 ? iri.slice(cut + 1) : iri;
}

export function d3f(local: string): string {
  return `${NS.d3f}${local}`;
}
