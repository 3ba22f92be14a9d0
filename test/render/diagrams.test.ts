import { describe, expect, it } from 'vitest';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import type { ModelDiagram } from '../../src/render/context.js';
import { renderAll } from '../../src/render/registry.js';
import { loadTemplates } from '../../src/render/templates.js';
import { REPO } from './load.js';
import { exampleWorkspace } from './workspace.js';

function pages(diagrams: readonly ModelDiagram[]) {
  const files = renderAll(exampleWorkspace(), loadCatalogIndex(), ['rst', 'md'], {
    templates: loadTemplates(REPO),
    diagrams: new Map([['example', diagrams]]),
  });
  return { rst: files.find((f) => f.path === 'example.rst')?.content ?? '', md: files.find((f) => f.path === 'example.md')?.content ?? '' };
}

const source = 'flowchart LR\n  n0["a ``` b"] --> n1["c"]\n';

describe('the diagrams slot of a model page', () => {
  it('shows mermaid source in a fence longer than any backquote run of the source (Markdown), nothing in RST', () => {
    const { rst, md } = pages([{ id: 'example-coverage', title: 'Coverage <of> example', source }]);
    expect(md).toContain('## Diagrams\n\nCoverage \\<of\\> example:\n\n````mermaid\nflowchart LR\n  n0["a ``` b"] --> n1["c"]\n````\n');
    expect(rst).not.toContain('Diagrams');
  });

  it('shows an SVG image when one was drawn', () => {
    const { rst, md } = pages([{ id: 'c', title: 'Coverage *x*', source, image: 'diagrams/c.svg' }]);
    expect(md).toContain('![Coverage \\*x\\*](diagrams/c.svg)');
    expect(rst).toContain('.. figure:: diagrams/c.svg\n   :alt: Coverage *x*\n\n   Coverage \\*x\\*\n');
  });

  it('refuses an image path that leaves the output directory', () => {
    expect(() => pages([{ id: 'c', title: 't', source, image: '../../etc/x.svg' }])).toThrow(/not a plain relative path/);
  });

  it('has no diagrams section without diagrams', () => {
    const { rst, md } = pages([]);
    expect(md).not.toContain('## Diagrams');
    expect(rst).not.toContain('Diagrams\n---');
  });
});

describe('the diagrams slot of the index page (coverage across models)', () => {
  function index(site: readonly ModelDiagram[]) {
    const files = renderAll(exampleWorkspace(), loadCatalogIndex(), ['rst', 'md'], { templates: loadTemplates(REPO), siteDiagrams: site });
    return { rst: files.find((f) => f.path === 'index.rst')?.content ?? '', md: files.find((f) => f.path === 'index.md')?.content ?? '' };
  }

  it('shows the overview as a mermaid fence in Markdown and nothing in RST when not drawn', () => {
    const { rst, md } = index([{ id: 'overview', title: 'Threat coverage per model', source }]);
    expect(md).toContain('## Coverage across models\n\nThreat coverage per model:\n\n````mermaid\nflowchart LR\n');
    expect(rst).not.toContain('Coverage across models');
  });

  it('shows a drawn overview as an image in Markdown and a figure in RST, before the RST toctree', () => {
    const { rst, md } = index([{ id: 'overview', title: 'Threat coverage per model', source, image: 'diagrams/overview.svg' }]);
    expect(md).toContain('## Coverage across models\n\n![Threat coverage per model](diagrams/overview.svg)\n');
    expect(rst).toMatch(/Coverage across models\n-+\n\n\.\. figure:: diagrams\/overview\.svg\n[^]*\.\. toctree::/);
  });

  it('has no such section without site diagrams', () => {
    const { rst, md } = index([]);
    expect(md).not.toContain('Coverage across models');
    expect(rst).not.toContain('Coverage across models');
  });
});
