import type { Agent, Asset, Library, Mitigation, Model, ModelDoc, Profile, Section, Threat, Workspace } from '../core/model.js';
import { riskLevel } from '../core/model.js';
import { originOf, type IdIndex } from './context.js';
import { isSound, type CheckedFile, type Entry, type EntryKind, type SoundEntry } from './files.js';
import { compareById } from '../core/order.js';

/**
 * The resolved form the later stages read: ids replaced by shared objects. Unknown
 * references were reported by the rules and are left out here; files whose top level broke
 * the schema are not part of it. Trust it only when the check found no errors.
 */
export function buildWorkspace(files: readonly CheckedFile[], index: IdIndex, root: string): Workspace {
  const build = new Resolver(index);
  const models: Model[] = [];
  const libraries: Library[] = [];
  for (const file of files) {
    if (!file.doc) continue;
    if (file.kind === 'library') libraries.push(build.library(file));
    else models.push(build.model(file, file.doc as ModelDoc));
  }
  return { root, models: models.sort(compareById), libraries: libraries.sort(compareById) };
}

/** Builds each entry once, so a library mitigation used by three models is one object. */
class Resolver {
  private readonly cache = new WeakMap<object, unknown>();

  constructor(private readonly index: IdIndex) {}

  model(file: CheckedFile, doc: ModelDoc): Model {
    const threats = sound(file.entries.threats).map((entry) => this.threat(entry));
    const assets = withUsed(sound(file.entries.assets).map((e) => this.asset(e)), threats.flatMap((t) => t.assets));
    const agents = withUsed(sound(file.entries.agents).map((e) => this.agent(e)), threats.flatMap((t) => t.agents));
    const mitigations = withUsed(sound(file.entries.mitigations).map((e) => this.mitigation(e)), threats.flatMap((t) => t.mitigations));
    const usedProfiles = mitigations.flatMap((m) => m.profiles.map((id) => this.index.profiles.get(id))).filter(isSoundEntry);
    const profiles = withUsed(sound(file.entries.profiles).map((e) => this.profile(e)), usedProfiles.map((e) => this.profile(e)));
    return {
      id: doc.id,
      title: doc.title,
      status: doc.status,
      ...(doc.description !== undefined ? { description: doc.description } : {}),
      ...(doc.scope !== undefined ? { scope: doc.scope } : {}),
      assumptions: doc.assumptions ?? [],
      outOfScope: doc.outOfScope ?? [],
      references: doc.references ?? [],
      profiles,
      assets,
      agents,
      threats,
      mitigations,
      sections: sound(file.entries.sections).map((entry): Section => ({ ...entry.doc, origin: originOf(entry.file, entry.path) })),
      origin: originOf(file, []),
    };
  }

  library(file: CheckedFile): Library {
    const doc = file.doc as NonNullable<CheckedFile['doc']>;
    return {
      id: doc.id,
      title: doc.title,
      ...(doc.description !== undefined ? { description: doc.description } : {}),
      assets: sound(file.entries.assets).map((e) => this.asset(e)),
      agents: sound(file.entries.agents).map((e) => this.agent(e)),
      mitigations: sound(file.entries.mitigations).map((e) => this.mitigation(e)),
      profiles: sound(file.entries.profiles).map((e) => this.profile(e)),
      origin: originOf(file, []),
    };
  }

  private threat(entry: SoundEntry<'threats'>): Threat {
    const doc = entry.doc;
    return {
      id: doc.id,
      title: doc.title,
      ...(doc.description !== undefined ? { description: doc.description } : {}),
      ...(doc.notes !== undefined ? { notes: doc.notes } : {}),
      assets: this.refs(doc.assets, this.index.assets, (e) => this.asset(e)),
      agents: this.refs(doc.agents, this.index.agents, (e) => this.agent(e)),
      stride: doc.stride ?? [],
      d3fend: doc.d3fend ?? [],
      attack: doc.attack ?? [],
      ...(doc.risk ? { risk: { ...doc.risk, level: riskLevel(doc.risk.impact, doc.risk.likelihood) } } : {}),
      mitigations: this.refs(doc.mitigations, this.index.mitigations, (e) => this.mitigation(e)),
      origin: originOf(entry.file, entry.path),
    };
  }

  private asset(entry: SoundEntry<'assets'>): Asset {
    return this.once(entry, () => ({ ...entry.doc, properties: entry.doc.properties ?? [], origin: originOf(entry.file, entry.path) }));
  }

  private agent(entry: SoundEntry<'agents'>): Agent {
    return this.once(entry, () => ({ ...entry.doc, origin: originOf(entry.file, entry.path) }));
  }

  private profile(entry: SoundEntry<'profiles'>): Profile {
    return this.once(entry, () => ({ ...entry.doc, origin: originOf(entry.file, entry.path) }));
  }

  private mitigation(entry: SoundEntry<'mitigations'>): Mitigation {
    return this.once(entry, (): Mitigation => {
      const doc = entry.doc;
      return {
        id: doc.id,
        title: doc.title,
        ...(doc.description !== undefined ? { description: doc.description } : {}),
        d3fend: doc.d3fend ?? [],
        status: doc.status,
        references: doc.references ?? [],
        // Unknown profiles were reported; keeping them would make a mitigation apply nowhere.
        profiles: (doc.profiles ?? []).filter((id) => isSoundEntry(this.index.profiles.get(id))),
        definedIn: entry.file.id ?? '',
        origin: originOf(entry.file, entry.path),
      };
    });
  }

  private refs<K extends 'assets' | 'agents' | 'mitigations', T>(
    ids: readonly string[] | undefined,
    byId: ReadonlyMap<string, Entry<K>>,
    make: (entry: SoundEntry<K>) => T,
  ): T[] {
    // Entries with schema errors are in the index (so they are not "unknown") but not resolvable.
    return (ids ?? []).map((id) => byId.get(id)).filter(isSoundEntry).map(make);
  }

  private once<T>(entry: SoundEntry<'assets' | 'agents' | 'profiles' | 'mitigations'>, make: () => T): T {
    if (!this.cache.has(entry)) this.cache.set(entry, make());
    return this.cache.get(entry) as T;
  }
}

/** The model's own entries in written order, then the others it uses, each once. */
function withUsed<T extends { readonly id: string }>(own: readonly T[], used: readonly T[]): T[] {
  const out = [...own];
  const seen = new Set(own.map((item) => item.id));
  for (const item of used) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

function sound<K extends EntryKind>(entries: readonly Entry<K>[]): SoundEntry<K>[] {
  return entries.filter(isSound);
}

function isSoundEntry<K extends EntryKind>(entry: Entry<K> | undefined): entry is SoundEntry<K> {
  return entry !== undefined && isSound(entry);
}

