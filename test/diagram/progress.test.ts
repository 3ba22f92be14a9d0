import { describe, expect, it } from 'vitest';
import type { DrawProgress } from '../../src/diagram/draw.js';
import { progressDisplay } from '../../src/diagram/progress.js';

const step = (done: number, modelId?: string): DrawProgress => ({
  done,
  total: 3,
  diagram: { name: 'x', kind: 'coverage', title: 'x', source: '', ...(modelId ? { modelId } : {}) },
});

function run(isTTY: boolean, env: Record<string, string | undefined>): string {
  let out = '';
  const p = progressDisplay({ write: (t) => (out += t), isTTY, env });
  p.onProgress?.(step(1, 'trs'));
  p.onProgress?.(step(2, 'trs'));
  p.onProgress?.(step(3));
  p.done();
  return out;
}

describe('diagram progress', () => {
  it('redraws one line on a terminal and clears it at the end', () => {
    expect(run(true, {})).toBe(
      '\rdrawing diagrams 1/3 (trs)\u001b[K\rdrawing diagrams 2/3 (trs)\u001b[K\rdrawing diagrams 3/3 (all models)\u001b[K\r\u001b[K',
    );
  });

  it('prints nothing when piped, in CI or on a dumb terminal', () => {
    expect(run(false, {})).toBe('');
    expect(run(true, { CI: 'true' })).toBe('');
    expect(run(true, { CI: '1' })).toBe('');
    expect(run(true, { TERM: 'dumb' })).toBe('');
  });

  it('still shows progress when CI is set to false', () => {
    expect(run(true, { CI: 'false' })).toContain('drawing diagrams 1/3');
  });
});
