import { html } from "hono/html";
import type { StatusSource } from "../../domain/suggested-status.ts";
import type { Lang } from "../i18n/messages.ts";
import { planText } from "./plan-text.ts";
import type { PeriodStatus } from "./progress-changes.ts";
import { statusNameOf } from "./status-distribution.ts";
import { statusText, statusTextWith } from "./status-text.ts";

/**
 * A measure's status as shown on a page: its name, and for a suggested status the label
 * 「本文から自動判定」 with the words that made it, so that it is never taken for the city's own.
 */
export function statusLabel(
  lang: Lang,
  scheme: ReadonlyArray<{ code: string; name: string }>,
  progress:
    | { statusCode: string | null; statusSource?: StatusSource; statusWords?: string[] }
    | null
    | undefined,
  notSetName: string,
  options: { strong?: boolean } = {},
) {
  const name = statusNameOf(scheme, progress?.statusCode, notSetName);
  const known = scheme.some((s) => s.code === progress?.statusCode);
  const suggested = known && progress?.statusSource === "suggested";
  const shown = options.strong
    ? html`<strong${suggested ? html` class="status-suggested"` : ""}>${name}</strong>`
    : suggested
      ? html`<span class="status-suggested">${name}</span>`
      : name;
  if (!suggested) return shown;
  return html`${shown}${suggestionSource(lang, progress?.statusWords ?? [])}`;
}

/** 「状況区分の変更：実施中（自動判定） → 完了」 */
export function statusChangeLine(
  lang: Lang,
  scheme: ReadonlyArray<{ code: string; name: string }>,
  status: { before: PeriodStatus | null; after: PeriodStatus },
) {
  const notSet = planText(lang, "statusNotSet");
  const name = (s: PeriodStatus | null) => {
    const base = statusNameOf(scheme, s?.code, notSet);
    return s?.source === "suggested" && s.code !== null
      ? statusTextWith(lang, "suggestedBucket", { name: base })
      : base;
  };
  return html`<p class="status-change"><span class="status-change-mark">${statusText(lang, "statusChange")}</span> ${statusTextWith(
    lang,
    "statusChanged",
    { before: name(status.before), after: name(status.after) },
  )}</p>`;
}

/**
 * After a status badge: for a suggested status, the label 「本文から自動判定」 with the words that
 * made it; nothing for a confirmed one.
 */
export function statusSourceNote(
  lang: Lang,
  scheme: ReadonlyArray<{ code: string; name: string }>,
  progress:
    | { statusCode: string | null; statusSource?: StatusSource; statusWords?: string[] }
    | null
    | undefined,
) {
  const known = scheme.some((s) => s.code === progress?.statusCode);
  if (!known || progress?.statusSource !== "suggested") return "";
  return suggestionSource(lang, progress.statusWords ?? []);
}

/**
 * 「（本文から自動判定・判定の根拠：「実施中」）」: the words are the narrative's own, Japanese
 * on an English page too, and marked so.
 */
function suggestionSource(lang: Lang, words: readonly string[]) {
  const quoted = words.map((w) => `「${w}」`).join("");
  const [before = "", after = ""] = statusText(lang, "suggestedWords").split("{words}");
  const marked = lang === "ja" ? quoted : html`<span lang="ja">${quoted}</span>`;
  return html`<span class="status-source">（${statusText(lang, "suggested")}${
    words.length > 0 ? html`・${before}${marked}${after}` : ""
  }）</span>`;
}
