/**
 * What earlier runs learned about model files: for each text the fast path read and the
 * schema passed, that reading, keyed by the text's sha256. While the text, the code and the
 * schema stay the same, such a file needs neither parser nor schema again, which is most of
 * a clean `validate` and a third of a `build` (bench/README.md).
 *
 * Entries are kept as bytes (v8's serializer, which keeps `starts` pointing into `value`),
 * made when learned: later stages may hold the data, but nothing they do reaches the cache.
 * The cache only ever saves time: a file that cannot be read or was made by other code
 * counts as empty, and one that cannot be written is left as it was.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { FastParse } from './parse-fast.js';

/** What the checking pipeline asks of a cache. */
export interface ParseMemo {
  /** The fast path's reading of `text`, when an earlier run found it read so and schema-clean. */
  recall(text: string): FastParse | undefined;
  /** Notes that the fast path read `text` as `fast`, and the schema found nothing in it. */
  remember(text: string, fast: FastParse): void;
}

interface Stored {
  readonly identity: string;
  readonly entries: Map<string, Uint8Array>;
}

export class ParseCache implements ParseMemo {
  /** Entries this run read or learned: what the next run of the same command will ask for. */
  private readonly used = new Map<string, Uint8Array>();
  private learned = false;
  private lastText: string | undefined;
  private lastDigest = '';

  private constructor(
    private readonly identity: string,
    private readonly stored: ReadonlyMap<string, Uint8Array>,
  ) {}

  /**
   * The cache in `file` when it was made under `identity` (the code and schema that must not
   * change for its entries to hold), else an empty one.
   */
  static open(file: string, identity: string): ParseCache {
    return new ParseCache(identity, readStored(file, identity));
  }

  recall(text: string): FastParse | undefined {
    const digest = this.digest(text);
    const bytes = this.used.get(digest) ?? this.stored.get(digest);
    if (bytes === undefined) return undefined;
    const fast = readEntry(bytes);
    if (fast !== undefined) this.used.set(digest, bytes);
    return fast;
  }

  remember(text: string, fast: FastParse): void {
    this.used.set(this.digest(text), serialize(fast));
    this.learned = true;
  }

  /**
   * The contents to write, when this run changed them: it learned an entry, or no longer
   * needed one (an edited or deleted file), which then goes, so the cache keeps the size of
   * the models. Undefined when the file on disk already says it all.
   */
  contents(): Uint8Array | undefined {
    if (!this.learned && this.used.size === this.stored.size) return undefined;
    const stored: Stored = { identity: this.identity, entries: this.used };
    return serialize(stored);
  }

  /** Both methods are called with the same text in turn: one digest serves the two. */
  private digest(text: string): string {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastDigest = createHash('sha256').update(text).digest('base64');
    }
    return this.lastDigest;
  }
}

function readEntry(bytes: Uint8Array): FastParse | undefined {
  try {
    const fast = deserialize(bytes) as Partial<FastParse> | null;
    if (fast !== null && typeof fast === 'object' && 'value' in fast && fast.starts instanceof Map) return fast as FastParse;
  } catch {
    // Damaged: the file is read again.
  }
  return undefined;
}

function readStored(file: string, identity: string): ReadonlyMap<string, Uint8Array> {
  try {
    const stored = deserialize(readFileSync(file)) as Partial<Stored> | null;
    if (stored?.identity === identity && stored.entries instanceof Map) return stored.entries;
  } catch {
    // Missing, unreadable, cut short or not ours: start empty.
  }
  return new Map();
}
