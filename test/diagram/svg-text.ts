/** The texts of the labels in a drawn SVG, as a reader sees them. */
export function svgLabelTexts(svg: string): string[] {
  return [...svg.matchAll(/<span[^>]*class="nodeLabel"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => decodeXml(m[1]!.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, '')));
}

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (match, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[entity.toLowerCase()] ?? match;
  });
}
