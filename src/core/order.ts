/** Code-unit order, not locale order: output must not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareById(a: { readonly id: string }, b: { readonly id: string }): number {
  return compareText(a.id, b.id);
}
