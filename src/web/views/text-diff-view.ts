import { html } from "hono/html";
import { diffText, diffWords } from "../../domain/text-diff.ts";
import type { Lang } from "../i18n/messages.ts";
import { ja } from "./lang-ja.ts";
import { planText } from "./plan-text.ts";

/**
 * The difference between two narratives, character by character (it needs no word boundaries)
 * or, with `granularity` "word", word by word with figures kept whole (the public pages):
 * removed text in `<del>`, added text in `<ins>`, each with its start and end named for screen
 * readers (which do not announce the elements), and struck through or underlined on screen.
 */
export function textDiffView(
  lang: Lang,
  before: string,
  after: string,
  granularity: "character" | "word" = "character",
) {
  const segments = granularity === "word" ? diffWords(before, after) : diffText(before, after);
  return html`<p class="diff">${segments.map((s) => {
    if (s.op === "same") return ja(lang, s.text);
    const [start, end] =
      s.op === "removed"
        ? [planText(lang, "removed"), planText(lang, "removedEnd")]
        : [planText(lang, "added"), planText(lang, "addedEnd")];
    const inner = html`<span class="visually-hidden">［${start}：</span>${ja(lang, s.text)}<span class="visually-hidden">：${end}］</span>`;
    return s.op === "removed" ? html`<del>${inner}</del>` : html`<ins>${inner}</ins>`;
  })}</p>`;
}
