/**
 * Preloaded with `node --import` into a measured process: at exit it writes the process's
 * peak resident set size (kilobytes, from the kernel via resourceUsage) to the file named by
 * BENCH_MAXRSS_FILE. Nothing else changes in the process being measured.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
