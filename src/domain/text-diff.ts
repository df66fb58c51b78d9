/**
 * Diffs that work for Japanese: `diffText` by characters (no word boundaries needed), and
 * `diffWords` by words as `Intl.Segmenter` finds them, with a number kept whole with its counter
 * (「35電停中19電停」, 「6,441人」, 「3万1千人」), for what people read. Both give the longest common
 * subsequence of the two texts, as runs of kept, removed and added text.
 */

export type DiffSegment = { op: "same" | "removed" | "added"; text: string };

/** Texts longer than this are compared by their changed middle only, to bound the work. */
const MAX_CELLS = 4_000_000;

/**
 * @example diffText("平成25年度は", "今年度は")
 * // [{ op: "removed", text: "平成25" }, { op: "added", text: "今" }, { op: "same", text: "年度は" }]
 */
export function diffText(before: string, after: string): DiffSegment[] {
  return diffTokens([...before], [...after]);
}

/**
 * A diff by words (see {@link wordTokens}): a changed word or figure is removed and added whole,
 * never cut into characters, so 「35人中19人」 → 「35人中20人」 reads as one figure replaced.
 * @example diffWords("19電停が改良済", "20電停が改良済")
 * // [{ op: "removed", text: "19電停" }, { op: "added", text: "20電停" }, { op: "same", text: "が改良済" }]
 */
export function diffWords(before: string, after: string): DiffSegment[] {
  return diffTokens(wordTokens(before), wordTokens(after));
}

const words = new Intl.Segmenter("ja", { granularity: "word" });
const NUMBER = /^[0-9０-９][0-9０-９,，.．]*$/u;
const MULTIPLIER = /^[万千百億兆]/u;
const COUNTER = /^[\p{Script=Han}\p{Script=Katakana}ー]+$|^[％%‰]$/u;
/** Characters of a counter after a number at most (電停中, 千人). */
const MAX_COUNTER = 3;

/**
 * A text as words, by `Intl.Segmenter('ja', { granularity: 'word' })`, with each number joined to
 * what counts it: a short counter (人, 電停, 年度, ％), a multiplier going on with digits (3万1千人),
 * and 「N…中M…」 as one figure. Joined together the tokens are the text.
 * @example wordTokens("35電停中19電停が改良済") // ["35電停中19電停", "が", "改良", "済"]
 */
export function wordTokens(text: string): string[] {
  const segments = [...words.segment(text)].map((s) => s.segment);
  const tokens: string[] = [];
  let i = 0;
  while (i < segments.length) {
    const first = segments[i] ?? "";
    i++;
    if (!NUMBER.test(first)) {
      tokens.push(first);
      continue;
    }
    let token = first;
    let counter = 0;
    while (i < segments.length) {
      const next = segments[i] ?? "";
      const chars = [...next].length;
      const last = token.at(-1) ?? "";
      if (NUMBER.test(next) && (MULTIPLIER.test(last) || last === "中")) {
        // 3万|1…, 35電停中|19…: the figure goes on.
        token += next;
        counter = 0;
      } else if (
        COUNTER.test(next) &&
        counter + chars <= MAX_COUNTER &&
        (counter === 0 ? chars <= 2 : chars === 1)
      ) {
        token += next;
        counter += chars;
      } else break;
      i++;
    }
    tokens.push(token);
  }
  return tokens;
}

/** The diff of two texts cut into tokens (characters, words): runs of the same kind joined. */
function diffTokens(a: string[], b: string[]): DiffSegment[] {
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
