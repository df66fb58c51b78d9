/**
 * Where a query's terms occur in a text, and a short excerpt around the first occurrence, for
 * highlighting search results. Matching is done on the folded text (see search-tokens.ts), so
 * ＩＣＴ marks "ICT" and かーしぇあ marks "カーシェア"; offsets point into the original text.
 * Pure functions, no I/O.
 */
import { foldWithOffsets, type SearchTerm, termSpellings } from "./search-tokens.ts";

/** A matched span of a text: UTF-16 offsets, `end` exclusive. */
export interface MatchRange {
  start: number;
  end: number;
}

/** A piece of a text with the matched spans in it (offsets into `text`). */
export interface Snippet {
  text: string;
  matches: MatchRange[];
  /** Whether text was left out before or after the excerpt. */
  before: boolean;
  after: boolean;
}

/**
 * The spans of a text that match any of the terms, in order, overlapping spans merged.
 * @example matchRanges("ＩＣＴの活用", [{ text: "ict", tokens: [], prefix: false }]) // [{ start: 0, end: 3 }]
 */
export function matchRanges(text: string, terms: readonly SearchTerm[]): MatchRange[] {
  const { folded, starts, ends } = foldWithOffsets(text);
  const found: MatchRange[] = [];
  for (const term of terms.flatMap(termSpellings)) {
    if (term.text === "") continue;
    for (let at = folded.indexOf(term.text); at >= 0; at = folded.indexOf(term.text, at + 1)) {
      const start = starts[at];
      const end = ends[at + term.text.length - 1];
      if (start !== undefined && end !== undefined) found.push({ start, end });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MatchRange[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

/**
 * An excerpt of about `length` characters (graphemes) around the first match, starting a few
 * characters before it, with the matches inside it; null when nothing matches.
 * @example searchSnippet("……保育所整備を実施中", terms, 10)?.text
 */
export function searchSnippet(
  text: string,
  terms: readonly SearchTerm[],
  length = 80,
): Snippet | null {
  const ranges = matchRanges(text, terms);
  const first = ranges[0];
  if (!first) return null;
  const bounds = [...graphemes.segment(text)].map((s) => s.index);
  bounds.push(text.length);
  const firstIndex = bounds.findLastIndex((b) => b <= first.start);
  const from = Math.max(0, Math.min(firstIndex - 15, bounds.length - 1 - length));
  const to = Math.min(bounds.length - 1, from + length);
  const start = bounds[from] ?? 0;
  const end = bounds[to] ?? text.length;
  return {
    text: text.slice(start, end),
    matches: ranges
      .filter((r) => r.start < end && r.end > start)
      .map((r) => ({ start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start })),
    before: start > 0,
    after: end < text.length,
  };
}

/**
 * A text cut into plain and matched pieces, for a template to wrap the matched ones in `<mark>`.
 * @example highlightPieces("市電の利用", [{ start: 0, end: 2 }]) // [{ text: "市電", match: true }, { text: "の利用", match: false }]
 */
export function highlightPieces(
  text: string,
  matches: readonly MatchRange[],
): Array<{ text: string; match: boolean }> {
  const pieces: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (const m of matches) {
    if (m.start > at) pieces.push({ text: text.slice(at, m.start), match: false });
    if (m.end > m.start) pieces.push({ text: text.slice(m.start, m.end), match: true });
    at = Math.max(at, m.end);
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
