/**
 * Test hook for test/e2e/interrupt.test.ts, preloaded with `node --import` into a real
 * `threatdoc build`: it stops the process at a chosen point of its N-th output write so the
 * test can SIGKILL it exactly there. threatdoc's own code is untouched: the hook wraps
 * node:fs and republishes it to ES module imports (syncBuiltinESMExports).
 *
 *   INTERRUPT_AT=N           the N-th write of a temporary output file (1-based)
 *   INTERRUPT_STAGE=mid-write       after half of the temporary file is on disk
 *                  =before-rename   temporary file complete, target not yet replaced
 *                  =after-rename    target replaced, before the next file
 *
 * When it stops it prints "INTERRUPT-PAUSED <stage> <file>" on stderr and blocks.
 */
import fs from 'node:fs';
import { basename } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';

const at = Number(process.env.INTERRUPT_AT ?? '0');
const stage = process.env.INTERRUPT_STAGE ?? 'before-rename';
const TEMP = /^\.threatdoc-tmp-/;

function pause(what) {
  fs.writeSync(2, `INTERRUPT-PAUSED ${stage} ${what}\n`);
  // Block the only thread: nothing more happens until the test kills the process.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  fs.writeSync(2, 'INTERRUPT-TIMEOUT: nobody killed the process\n');
  process.exit(99);
}

if (at > 0) {
  let writes = 0;
  let current = 0;
  const { writeFileSync, renameSync } = fs;
  fs.writeFileSync = function patchedWriteFileSync(file, data, options) {
    if (typeof file === 'string' && TEMP.test(basename(file))) {
      current = ++writes;
      if (current === at && stage === 'mid-write') {
        const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
        writeFileSync(file, text.slice(0, Math.floor(text.length / 2)), options);
        pause(file);
      }
    }
    return writeFileSync.call(this, file, data, options);
  };
  fs.renameSync = function patchedRenameSync(from, to) {
    const ours = typeof from === 'string' && TEMP.test(basename(from));
    if (ours && current === at && stage === 'before-rename') pause(String(to));
    const result = renameSync.call(this, from, to);
    if (ours && current === at && stage === 'after-rename') pause(String(to));
    return result;
  };
  syncBuiltinESMExports();
}
