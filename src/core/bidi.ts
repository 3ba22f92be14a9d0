/**
 * The bidirectional embedding, override and isolate controls, as a character-class range: they
 * make text display in another order than it reads ("Trojan Source"), so no page, label or
 * message shows them as they are.
 */
export const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';
