import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { type ConfirmedFigure, formatFigure } from "../../domain/confirmed-figure.ts";
import type { OpenDraft, OpenDrafts } from "../../store/queries/open-drafts-query.ts";
import { REVIEW_STATE_NAMES } from "../views/staff/cycle-page.ts";
import {
  csrfField,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "../views/staff/staff-form.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";
import { planBase } from "./plan-drafts-loader.ts";
import { filterQuery, type ReviewFilter } from "./review-list-filter.ts";
import { filterFields } from "./review-list-page.ts";
import { wordDiffView } from "./word-diff-view.ts";

const figureList = (figures: readonly ConfirmedFigure[]) =>
  figures.length === 0 ? "なし" : figures.map((f) => formatFigure(f)).join("、");

/**
 * One measure's review (`/staff/plans/:slug/review/:code`): the narrative's change from the last
 * published period word by word, the status change, the figures before and after, and the
 * decision; with its place in the filtered list and links to the measures before and after it.
 */
export function reviewPage(input: {
  session: StaffSession;
  path: string;
  data: OpenDrafts;
  draft: OpenDraft;
  filter: ReviewFilter;
  /** The filtered list, for the position and the links to the neighbours. */
  list: readonly OpenDraft[];
  figures: { before: readonly ConfirmedFigure[]; after: readonly ConfirmedFigure[] };
  /** The indicator results of the previous and this period, when the measure has indicators. */
  indicatorResults?: { before: string; after: string } | null;
  comment: string;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { session, data, draft: d, filter, list, errors } = input;
  const base = planBase(data.plan.slug);
  const query = filterQuery(filter);
  const index = list.findIndex((x) => x.measureCode === d.measureCode);
  const neighbour = (x: OpenDraft | undefined, label: string) =>
    x
      ? html`<a href="${base}/review/${encodeURIComponent(x.measureCode)}${query}">${label}: ${x.title}</a>`
      : "";
  const statusName = (code: string | null) =>
    data.statuses.find((s) => s.code === code)?.name ?? "未設定";
  const statusChanged = d.previous !== null && d.previous.statusCode !== d.statusCode;
  const previousAsOf = data.previous?.as_of ?? "";
  return staffLayout({
    session,
    path: input.path,
    title: `確認: ${d.title}`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: "進捗報告" },
      { href: `${base}/review${query}`, label: "進捗の確認" },
    ],
    body: html`<h1>確認: ${d.title}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummary(errors)}
<p>No.${d.itemNumber ?? ""}・${d.measureCode}・担当課: ${d.departmentName ?? "未設定"}・状態: <strong>${REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}</strong>${d.updatedBy ? `・最終更新: ${d.updatedBy}（${d.updatedAt.slice(0, 10)}）` : ""}</p>
${index >= 0 ? html`<nav aria-label="一覧での前後" class="review-pager"><p>絞り込んだ一覧の${list.length}件中${index + 1}件目</p><ul><li>${neighbour(list[index - 1], "前")}</li><li>${neighbour(list[index + 1], "次")}</li><li><a href="${base}/review${query}">一覧に戻る</a></li></ul></nav>` : ""}
<section aria-labelledby="change-title"><h2 id="change-title">前回（${previousAsOf}時点）からの変更</h2>
${
  d.previous === null
    ? html`<p>前回の進捗状況はありません（新しい取組）。</p><blockquote>${d.narrative}</blockquote>`
    : d.previous.narrative === d.narrative
      ? html`<p><strong>進捗状況は前回から変更されていません。</strong></p><blockquote>${d.narrative}</blockquote>`
      : html`${wordDiffView(d.previous.narrative, d.narrative)}
<details><summary>前回と今回の全文</summary><h3>前回</h3><blockquote>${d.previous.narrative}</blockquote><h3>今回</h3><blockquote>${d.narrative}</blockquote></details>`
}
<table class="staff-table compare"><caption>状況区分と数値</caption><thead><tr><th scope="col">項目</th><th scope="col">前回</th><th scope="col">今回</th></tr></thead>
<tbody><tr><th scope="row">状況区分${statusChanged ? html`<span class="change-mark">（変更あり）</span>` : ""}</th><td>${d.previous ? statusName(d.previous.statusCode) : "—"}</td><td>${statusName(d.statusCode)}</td></tr>
<tr><th scope="row">数値</th><td>${figureList(input.figures.before)}</td><td>${figureList(input.figures.after)}</td></tr>${
      input.indicatorResults
        ? html`<tr><th scope="row">指標の実績値</th><td>${input.indicatorResults.before}</td><td>${input.indicatorResults.after}</td></tr>`
        : ""
    }</tbody></table></section>
${
  d.reviewState === "returned" && d.reviewComment
    ? html`<p>差戻しの理由: <strong>${d.reviewComment}</strong></p>`
    : ""
}
${
  d.reviewState === "accepted"
    ? html`<p>この取組は確認済です。</p>`
    : html`<section aria-labelledby="decision-title"><h2 id="decision-title">判断</h2>
${d.reviewState === "submitted" ? "" : html`<p class="hint">この取組は担当課がまだ提出していません（${REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}）。</p>`}
<form method="post" action="${base}/review/${encodeURIComponent(d.measureCode)}" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<input type="hidden" name="version" value="${d.version}">${filterFields(filter)}
<div class="field${errors.comment ? " field-has-error" : ""}"><label for="comment">差し戻す場合の理由</label>${fieldError(errors, "comment")}
<textarea id="comment" name="comment" rows="3" maxlength="1000"${errors.comment ? html` aria-invalid="true" aria-describedby="comment-error"` : ""}>${input.comment}</textarea></div>
<button type="submit" name="decision" value="accept">確認済にして次へ</button>
<button type="submit" name="decision" value="return" class="button-secondary">差し戻して次へ</button></form></section>`
}
<p><a href="${base}/measures/${encodeURIComponent(d.measureCode)}">取組の編集ページ（行程表・入力フォーム）</a></p>`,
  });
}
