import { describe, expect, it } from 'vitest';
import { hasChromium } from '../../src/diagram/browser.js';
import { drawDiagrams, type DrawProgress } from '../../src/diagram/draw.js';
import { modelDiagrams } from '../../src/diagram/index.js';
import { requireReal } from '../helpers/real.js';
import { bigModel, catalog } from './fixture.js';
import { svgLabelTexts } from './svg-text.js';

const skip = requireReal('chromium', hasChromium());
const noSandbox = process.getuid?.() === 0;

describe.skipIf(skip)('a model of 600 threats', () => {
  it('becomes charts mermaid draws, every threat in one of them, with progress per diagram', async () => {
    const diagrams = modelDiagrams(bigModel(600), catalog);
    const progress: DrawProgress[] = [];
    const drawn = await drawDiagrams(diagrams, { noSandbox, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => `${p.done}/${p.total} ${p.diagram.name}`)).toEqual(diagrams.map((d, i) => `${i + 1}/${diagrams.length} ${d.name}`));
    const threats = new Set<string>();
    for (const { svg, diagram } of drawn) {
      expect(svg, diagram.name).not.toMatch(/Syntax error|Maximum text size/);
      for (const t of svgLabelTexts(svg)) {
        const m = /^Threat number (\d+):/.exec(t);
        if (m) threats.add(m[1]!);
      }
    }
    expect(threats.size).toBe(600);
  }, 300_000);
});
