import { html } from "hono/html";
import { diffWords } from "../../domain/word-diff.ts";

/**
 * The change of a narrative for a reviewer, word by word (`diffWords`): removed words in
 * `<del>`, added ones in `<ins>`, each with its start and end named for screen readers (which do
 * not announce the elements).
 */
export function wordDiffView(before: string, after: string) {
  return html`<p class="diff word-diff">${diffWords(before, after).map((s) => {
    if (s.op === "same") return s.text;
    const [start, end] = s.op === "removed" ? ["削除", "削除ここまで"] : ["追加", "追加ここまで"];
    const inner = html`<span class="visually-hidden">［${start}：</span>${s.text}<span class="visually-hidden">：${end}］</span>`;
    return s.op === "removed" ? html`<del>${inner}</del>` : html`<ins>${inner}</ins>`;
  })}</p>`;
}
