/**
 * A character-level diff that works for Japanese (no word boundaries needed): the longest
 * common subsequence of the two texts, as runs of kept, removed and added characters.
 */

export type DiffSegment = { op: "same" | "removed" | "added"; text: string };

/** Texts longer than this are compared by their changed middle only, to bound the work. */
const MAX_CELLS = 4_000_000;

/**
 * @example diffText("平成25年度は", "今年度は")
 * // [{ op: "removed", text: "平成25" }, { op: "added", text: "今" }, { op: "same", text: "年度は" }]
 */
export function diffText(before: string, after: string): DiffSegment[] {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const segments: DiffSegment[] = [];
  const push = (op: DiffSegment["op"], text: string) => {
    if (text === "") return;
    const last = segments.at(-1);
    if (last && last.op === op) last.text += text;
    else segments.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));
  if (midA.length * midB.length > MAX_CELLS) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  } else {
    for (const s of lcsDiff(midA, midB)) push(s.op, s.text);
  }
  push("same", a.slice(endA).join(""));
  return segments;
}

function lcsDiff(a: string[], b: string[]): DiffSegment[] {
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
  const out: DiffSegment[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: "same", text: a[i++] ?? "" });
      j++;
    } else if (
      j < m &&
      (i === n || (table[i * width + j + 1] ?? 0) > (table[(i + 1) * width + j] ?? 0))
    ) {
      out.push({ op: "added", text: b[j++] ?? "" });
    } else {
      out.push({ op: "removed", text: a[i++] ?? "" });
    }
  }
  return out;
}

/**
 * Where two texts differ, in one line: each change as 「before」→「after」 with a little of the
 * kept text around it.
 * @example describeDifference("平成25年度は実施", "今年度は実施") // "「平成25」→「今」年度は実施"
 */
export function describeDifference(before: string, after: string): string {
  const segments = diffText(before, after);
  const parts: string[] = [];
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k] as DiffSegment;
    if (s.op === "same") {
      const first = k === 0;
      const last = k === segments.length - 1;
      const text = s.text;
      if (first) parts.push(text.length > 8 ? `…${text.slice(-8)}` : text);
      else if (last) parts.push(text.length > 8 ? `${text.slice(0, 8)}…` : text);
      else parts.push(text.length > 16 ? `${text.slice(0, 8)}…${text.slice(-8)}` : text);
      continue;
    }
    const next = segments[k + 1];
    if (s.op === "removed" && next?.op === "added") {
      parts.push(`「${s.text}」→「${next.text}」`);
      k++;
    } else if (s.op === "removed") parts.push(`「${s.text}」→「」`);
    else parts.push(`「」→「${s.text}」`);
  }
  return parts.join("");
}
