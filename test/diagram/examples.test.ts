import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { hasChromium } from '../../src/diagram/browser.js';
import { drawDiagrams } from '../../src/diagram/draw.js';
import { clip, normalizeLabelText } from '../../src/diagram/escape.js';
import { workspaceDiagrams } from '../../src/diagram/index.js';
import { checkWorkspace } from '../../src/pipeline.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { requireReal } from '../helpers/real.js';
import { svgLabelTexts } from './svg-text.js';

const skip = requireReal('chromium', hasChromium());
const noSandbox = process.getuid?.() === 0;

describe.skipIf(skip)('the example models', () => {
  it('draws every diagram of models/ as a real diagram showing every threat', async () => {
    const catalog = loadCatalogIndex();
    const { workspace } = await checkWorkspace(['models'], { cwd: REPO_ROOT, catalog });
    expect(workspace.models.length).toBeGreaterThanOrEqual(4);
    const diagrams = workspaceDiagrams(workspace, catalog);
    const drawn = await drawDiagrams(diagrams, { noSandbox });
    expect(drawn.map((d) => d.diagram.name)).toEqual(diagrams.map((d) => d.name));
    for (const model of workspace.models) {
      const mine = drawn.filter((d) => d.diagram.modelId === model.id);
      expect(mine.map((d) => d.diagram.kind)).toContain('tactics');
      const texts = mine.filter((d) => d.diagram.kind === 'coverage').flatMap((d) => svgLabelTexts(d.svg));
      for (const threat of model.threats) {
        const shown = clip(normalizeLabelText(threat.title).replace(/\n/g, ' '));
        expect(texts.some((t) => t.split('\n')[0] === shown), `${model.id}: ${threat.title}`).toBe(true);
      }
    }
    for (const { svg, diagram } of drawn) {
      expect(XMLValidator.validate(svg), diagram.name).toBe(true);
      expect(svg, diagram.name).not.toMatch(/Syntax error|Maximum text size|error-icon"/);
    }
    const overview = drawn.find((d) => d.diagram.kind === 'overview')!;
    const overviewTexts = svgLabelTexts(overview.svg);
    for (const model of workspace.models) expect(overviewTexts.some((t) => t.startsWith(`${model.title}\n`))).toBe(true);
  }, 300_000);
});
