import { crc32 } from 'node:zlib';

/**
 * PNG has no comments; an iTXt chunk (UTF-8 text, unlike tEXt's Latin-1) carries threatdoc's
 * marker instead. It goes right after IHDR, the first chunk, so the marker sits in the first
 * bytes of the file where the output scan looks for it.
 */

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC). */
const AFTER_IHDR = 8 + 25;

export function withTextChunk(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const isPng = png.length > AFTER_IHDR && SIGNATURE.every((b, i) => png[i] === b) && Buffer.from(png.subarray(12, 16)).toString('latin1') === 'IHDR';
  if (!isPng) throw new Error('not a PNG image (no IHDR chunk first)');
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`invalid PNG text keyword: ${keyword}`);
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  const typeAndData = Buffer.concat([Buffer.from('iTXt', 'latin1'), data]);
  const chunk = Buffer.alloc(4 + typeAndData.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  return Buffer.concat([png.subarray(0, AFTER_IHDR), chunk, png.subarray(AFTER_IHDR)]);
}
