import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withTextChunk } from '../../src/diagram/png.js';
import { digestIn, digestMarker, hasMarker } from '../../src/write/plan.js';

/** A 1×1 grey PNG: signature, IHDR, one IDAT, IEND. */
function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(typeAndData.length + 8);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), out.length - 4);
  return out;
}
const IHDR = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
const TINY = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', IHDR),
  chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
  chunk('IEND', Buffer.alloc(0)),
]);

function chunks(png: Uint8Array): { type: string; data: Buffer; crcOk: boolean }[] {
  const buf = Buffer.from(png);
  const out = [];
  for (let i = 8; i < buf.length; ) {
    const n = buf.readUInt32BE(i);
    const typeAndData = buf.subarray(i + 4, i + 8 + n);
    out.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4), crcOk: crc32(typeAndData) === buf.readUInt32BE(i + 8 + n) });
    i += 12 + n;
  }
  return out;
}

describe('withTextChunk', () => {
  const marker = digestMarker('c'.repeat(64));

  it('adds a valid iTXt chunk right after IHDR, leaving the image chunks as they were', () => {
    const marked = withTextChunk(TINY, 'threatdoc', marker);
    const list = chunks(marked);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    expect(list[1]!.data.toString('utf8')).toBe(`threatdoc\0\0\0\0\0${marker}`);
    expect(Buffer.from(marked.subarray(0, 33)).equals(TINY.subarray(0, 33))).toBe(true);
    expect(Buffer.from(marked.subarray(marked.length - 12)).equals(TINY.subarray(TINY.length - 12))).toBe(true);
  });

  it('puts the marker where the output scan recognises the file as threatdoc’s, with its digest', () => {
    const head = Buffer.from(withTextChunk(TINY, 'threatdoc', marker).subarray(0, 512));
    expect(hasMarker(head)).toBe(true);
    expect(digestIn(head.toString('utf8'))).toBe('c'.repeat(64));
    expect(hasMarker(TINY)).toBe(false);
  });

  it('refuses what is not a PNG', () => {
    expect(() => withTextChunk(Buffer.from('<svg/>'.repeat(10)), 'threatdoc', marker)).toThrow(/not a PNG/);
  });
});
