/**
 * Links from user data. Only http(s) and mailto are ever emitted; characters that would end a
 * link or a table cell early (`<`, `>`, backquote, `|`, whitespace, backslash) are
 * percent-encoded, which keeps the address the same for a browser.
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  // Schemes in any case, as the schema's link pattern accepts them (RFC 3986).
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return undefined;
  return trimmed.replace(/[\s<>`|\\"{}^[\]]/g, (c) => encodeURIComponent(c));
}
