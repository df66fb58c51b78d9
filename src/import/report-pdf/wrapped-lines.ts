/** Letters of scripts written without spaces between words, and full-width punctuation. */
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー\u3000-\u303f\uff00-\uffef・]/u;

/**
 * The lines of a wrapped cell as one text. Japanese wraps between any two characters, so lines
 * are joined without a space when either side of the break is Japanese (or full-width); two
 * Latin words or numbers keep the space the wrap took.
 * @example joinWrappedLines(["熊本県と連携し", "た首都圏"]) // "熊本県と連携した首都圏"
 */
export function joinWrappedLines(lines: string[]): string {
  let text = "";
  for (const line of lines.map((l) => l.trim()).filter((l) => l !== "")) {
    const before = text.at(-1);
    const after = line[0] ?? "";
    text += before === undefined || WIDE.test(before) || WIDE.test(after) ? line : ` ${line}`;
  }
  return text;
}
