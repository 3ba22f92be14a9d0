/** Runs the real markdownlint-cli2 on a Markdown text, with the rules generated tables cannot meet (MD013, MD060) off. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../node_modules/.bin/markdownlint-cli2');

export async function markdownlint(text: string): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'threatdoc-mdlint-'));
  try {
    await writeFile(join(dir, '.markdownlint.json'), JSON.stringify({ MD013: false, MD060: false }));
    await writeFile(join(dir, 'doc.md'), text);
    return await new Promise((resolve) => {
      execFile(BIN, ['doc.md'], { cwd: dir }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, output: stdout + stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
