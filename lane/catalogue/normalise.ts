/**
 * Search normalisation shared by indexing and querying, applied before SQLite's unicode61
 * tokenizer (which then folds case and, with remove_diacritics 2, Latin accents: é → e, ü → u).
 * What unicode61 does not fold is done here:
 * - NFKC and lower case;
 * - German ß → ss; Russian ё → е (shoppers rarely type ё);
 * - Arabic letter forms that Persian keyboards differ on: ي ى → ی, ك → ک, ة → ه, ۀ → ه, أ إ آ → ا;
 * - Arabic short-vowel marks (harakat) and tatweel removed;
 * - Persian and Arabic-Indic digits → ASCII digits;
 * - the zero-width non-joiner (ZWNJ, U+200C) inside Persian words becomes a space, and the
 *   joined spelling is indexed too, so "تخم‌مرغ", "تخم مرغ" and "تخممرغ" all find eggs.
 */
const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/ß/g, 'ss'],
  [/ё/g, 'е'],
  [/[يى]/g, 'ی'],
  [/ك/g, 'ک'],
  [/[ةۀ]/g, 'ه'],
  [/[أإآ]/g, 'ا'],
  [/[\u064B-\u065F\u0670\u0640]/g, ''],
];

function asciiDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

// Any character some replacement applies to (after NFKC and lower-casing).
const NEEDS_WORK = /[ßёيىكةۀأإآ\u064B-\u065F\u0670\u0640\u06F0-\u06F9\u0660-\u0669]/;

function base(text: string): string {
  // Fast path for plain ASCII (most names): nothing to fold but case. Imports call this 4× per item.
  if (/^[\x00-\x7F]*$/.test(text)) return text.toLowerCase();
  let s = text.normalize('NFKC').toLowerCase();
  if (!NEEDS_WORK.test(s)) return s;
  for (const [re, to] of REPLACEMENTS) s = s.replace(re, to);
  return asciiDigits(s);
}

/** Text as stored in the search index (ZWNJ words also indexed joined). */
export function normaliseForIndex(text: string): string {
  const s = base(text);
  if (!s.includes('\u200C')) return s;
  const joined = s
    .split(/\s+/)
    .filter((w) => w.includes('\u200C'))
    .map((w) => w.replace(/\u200C/g, ''));
  return `${s.replace(/[\u200C\u200D]/g, ' ')} ${joined.join(' ')}`;
}

/** Query words: normalised, split on anything that is not a letter, mark or digit. */
export function queryTokens(text: string): string[] {
  return base(text)
    .replace(/[\u200C\u200D]/g, ' ')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/**
 * An FTS5 MATCH expression: every word as a prefix (`"word"*`), all required, restricted to
 * the given columns. Tokens contain no quotes (see `queryTokens`), so quoting is safe.
 * Null when the text has no words.
 */
export function matchExpression(text: string, columns: readonly string[]): string | null {
  const tokens = queryTokens(text).slice(0, 8);
  if (tokens.length === 0) return null;
  return `{${columns.join(' ')}} : (${tokens.map((t) => `"${t}"*`).join(' AND ')})`;
}
