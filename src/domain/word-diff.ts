import type { DiffSegment } from "./text-diff.ts";

/** Narratives longer than this many words each are shown as removed and added whole. */
const MAX_CELLS = 1_000_000;

const SEGMENTER = new Intl.Segmenter("ja", { granularity: "word" });

/**
 * The words of a text as `Intl.Segmenter('ja')` finds them: 「保育所整備が完了」 →
 * 保育|所|整備|が|完了; numbers stay whole with their separators (「6,441」「12.5」「２０」).
 * Joined, the words are the text again.
 */
export function wordsOf(text: string): string[] {
  return [...SEGMENTER.segment(text)].map((s) => s.segment);
}

/**
 * A diff of two narratives by words, for a reviewer: a changed number or word is shown as
 * removed and added whole (「19」→「20」, not 「1」 kept and 「9」→「0」). The longest common
 * subsequence of the words, trimmed of the common start and end first.
 * @example diffWords("35電停中19電停が改良済", "35電停中20電停が改良済")
 * // [{ op: "same", text: "35電停中" }, { op: "removed", text: "19" }, { op: "added", text: "20" }, { op: "same", text: "電停が改良済" }]
 */
export function diffWords(before: string, after: string): DiffSegment[] {
  const a = wordsOf(before);
  const b = wordsOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const segments: DiffSegment[] = [];
  const push = (op: DiffSegment["op"], text: string) => {
    if (text === "") return;
    const last = segments.at(-1);
    if (last && last.op === op) last.text += text;
    else segments.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  } else {
    for (const [op, word] of lcsWords(midA, midB)) push(op, word);
  }
  push("same", a.slice(endA).join(""));
  // Removed and added runs side by side read best as 「before」 then 「after」.
  return orderChanges(segments);
}

function lcsWords(a: string[], b: string[]): Array<[DiffSegment["op"], string]> {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const out: Array<[DiffSegment["op"], string]> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(["same", a[i++] ?? ""]);
      j++;
    } else if (
      i < n &&
      (j === m || (table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0))
    ) {
      out.push(["removed", a[i++] ?? ""]);
    } else {
      out.push(["added", b[j++] ?? ""]);
    }
  }
  return out;
}

/** An `added` run directly before a `removed` run is swapped, so a change reads 「19」→「20」. */
function orderChanges(segments: DiffSegment[]): DiffSegment[] {
  for (let k = 0; k + 1 < segments.length; k++) {
    const s = segments[k] as DiffSegment;
    const next = segments[k + 1] as DiffSegment;
    if (s.op === "added" && next.op === "removed") {
      segments[k] = next;
      segments[k + 1] = s;
    }
  }
  return segments;
}
