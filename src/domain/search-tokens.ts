/**
 * Search tokens for Japanese, the same in both stores: the text is folded (NFKC, lower case,
 * katakana as hiragana), split into runs of letters and digits, and each run is indexed as its
 * overlapping character bigrams plus its last character, so that one- and two-character queries
 * (電, 保育, 市電) find what they should. Pure functions, no I/O.
 */

const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

/** Runs of letters (kana and kanji included), digits and their combining marks. */
const RUN = /[\p{L}\p{N}\p{M}]+/gu;

/** The query length searched at most (code points); the rest is dropped. */
export const MAX_QUERY_LENGTH = 200;
/** The terms (runs) of a query searched at most. */
export const MAX_QUERY_TERMS = 16;

/** Katakana to hiragana (ァ–ヶ, ヽ ヾ); ー and the katakana without a hiragana (ヷ…) stay. */
function katakanaToHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6\u30fd\u30fe]/gu, (k) =>
    String.fromCharCode(k.charCodeAt(0) - 0x60),
  );
}

/** One grapheme folded: ｶﾞ, ガ and が fold alike, as do ＩＣＴ, ICT and ict. */
function foldGrapheme(grapheme: string): string {
  return katakanaToHiragana(grapheme.normalize("NFKC").toLowerCase());
}

/**
 * A text folded for search, grapheme by grapheme (so that a combining mark stays with its
 * letter), with the span of the original text each folded code unit comes from.
 * @example foldWithOffsets("ＩＣＴ").folded // "ict"
 */
export function foldWithOffsets(text: string): {
  folded: string;
  starts: number[];
  ends: number[];
} {
  let folded = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of graphemes.segment(text)) {
    const piece = foldGrapheme(segment);
    folded += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(index);
      ends.push(index + segment.length);
    }
  }
  return { folded, starts, ends };
}

/**
 * A text folded for search.
 * @example foldForSearch("カーシェアリング") // "かーしぇありんぐ"
 */
export function foldForSearch(text: string): string {
  return foldWithOffsets(text).folded;
}

/** The runs of letters and digits of a folded text, in order. */
function runsOf(folded: string): string[] {
  return folded.match(RUN) ?? [];
}

/**
 * The grams a text is indexed by: each run's overlapping bigrams, then its last character.
 * @example searchGrams("保育所") // ["保育", "育所", "所"]
 * @example searchGrams("市電・ICT") // ["市電", "電", "ic", "ct", "t"]
 */
export function searchGrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of runsOf(foldForSearch(text))) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
    grams.push(chars.at(-1) ?? "");
  }
  return grams;
}

const LETTERS = "abcdefghijklmnop";

/**
 * A gram as one plain ASCII word: each code point as six letters a–p (hexadecimal with letters
 * for digits). FTS5's unicode61 would strip combining marks from a raw gram, and PostgreSQL's
 * parser splits some words with digits (`12e4a` → `12e4`, `a`); letters alone are one token in
 * both. A character is always six letters, so a one-character prefix is a six-letter prefix.
 * @example encodeGram("保") // "aaepnn"
 */
export function encodeGram(gram: string): string {
  let token = "";
  for (const char of gram) {
    const hex = (char.codePointAt(0) ?? 0).toString(16).padStart(6, "0");
    for (const digit of hex) token += LETTERS[Number.parseInt(digit, 16)];
  }
  return token;
}

/** The letters one character takes in a token: the length of a one-character prefix. */
export const CHARACTER_TOKEN_LENGTH = 6;

/**
 * The text of the search index: the encoded grams separated by spaces.
 * @example indexText("保育") // "aaepnnaaialc aaialc"
 */
export function indexText(text: string): string {
  return searchGrams(text).map(encodeGram).join(" ");
}

/**
 * A term of a query: a run of two or more characters is searched as the phrase of its bigrams;
 * a single character as the prefix of the grams that start with it.
 */
export interface SearchTerm {
  /** The run, folded: what a match looks like in folded text. */
  text: string;
  /** The encoded grams (a phrase) or the one encoded character (a prefix). */
  tokens: string[];
  prefix: boolean;
  /**
   * Other spellings of the same words (障がい for 障害: `search-variants.ts`): the term matches
   * where it or any of them does. Absent or empty for a term without variants.
   */
  variants?: SearchTerm[];
}

/** A term and its variants: what a match of the term may be. */
export function termSpellings(term: SearchTerm): SearchTerm[] {
  return [term, ...(term.variants ?? [])];
}

/**
 * One run of a folded query as a term: a phrase of its bigrams, or a prefix for one character.
 * @example searchTerm("保育").prefix // false
 */
export function searchTerm(run: string): SearchTerm {
  const chars = Array.from(run);
  if (chars.length === 1) return { text: run, tokens: [encodeGram(run)], prefix: true };
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(encodeGram(`${chars[i]}${chars[i + 1]}`));
  return { text: run, tokens, prefix: false };
}

/**
 * The terms of a query, every one of which a result must match; none for an empty query or one
 * of symbols only. The query is cut to {@link MAX_QUERY_LENGTH} code points and
 * {@link MAX_QUERY_TERMS} terms; repeated terms count once.
 * @example queryGrams("ＩＣＴ 電").map((t) => [t.text, t.prefix]) // [["ict", false], ["電", true]]
 */
export function queryGrams(query: string): SearchTerm[] {
  const capped = Array.from(query).slice(0, MAX_QUERY_LENGTH).join("");
  const runs = [...new Set(runsOf(foldForSearch(capped)))].slice(0, MAX_QUERY_TERMS);
  return runs.map(searchTerm);
}
