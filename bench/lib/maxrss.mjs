/**
 * Preloaded with `node --import` into a measured process: at exit it writes the process's
 * peak resident set size (kilobytes) and its CPU time (microseconds, user and system), as the
 * kernel counted them, to the file named by BENCH_MAXRSS_FILE. CPU time stays meaningful when
 * other work shares the machine; wall time does not. Nothing else changes in the process.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRSS: usage.maxRSS, user: usage.userCPUTime, system: usage.systemCPUTime }));
  });
}
