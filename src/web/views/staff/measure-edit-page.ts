import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { type ConfirmedFigure, formatFigure } from "../../../domain/confirmed-figure.ts";
import { formatFiscalYearWithGregorian } from "../../../domain/fiscal-year.ts";
import { can } from "../../../domain/staff-policy.ts";
import { suggestStatus } from "../../../domain/status-rules.ts";
import type { measureDraft } from "../../../store/queries/cycle-overview-query.ts";
import type { FigureRow } from "../../staff/figure-form.ts";
import { REVIEW_STATE_NAMES } from "./cycle-page.ts";
import { figureFieldset } from "./figure-fieldset.ts";
import {
  csrfField,
  describedBy,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "./staff-form.ts";
import { staffLayout } from "./staff-layout.ts";

type Draft = NonNullable<Awaited<ReturnType<typeof measureDraft>>>;

/** The form a department fills in for one measure, and the planning division's review of it. */
export function measureEditPage(input: {
  session: StaffSession;
  path: string;
  planSlug: string;
  draft: Draft;
  statuses: Array<{ code: string; name: string }>;
  values: { narrative: string; statusCode: string; version: number; figures: FigureRow[] };
  /** The roadmap cells the form shows: as stored, or as typed when the form was refused. */
  roadmap: ReadonlyArray<{ fiscalYear: number; text: string }>;
  /** The figures stored with the draft, for those who may read but not edit it. */
  storedFigures: readonly ConfirmedFigure[];
  /** The fields of this period's indicator results (web/views/staff/indicator-result-fieldset.ts). */
  indicatorFields?: unknown;
  /** The measure's indicators, listed with links to their settings. */
  indicators?: ReadonlyArray<{ code: string; name: string }>;
  /** The forms that store a confirmed figure as an indicator's result (figure-attach-section.ts). */
  figureAttach?: unknown;
  /** The review form's return comment: empty, or as typed when it was refused. */
  comment: string;
  errors: FieldErrors;
  conflict?:
    | {
        narrative: string;
        statusCode: string | null;
        updatedBy: string | null;
        updatedAt: string;
        figures: readonly ConfirmedFigure[];
      }
    | undefined;
  notice?: string | undefined;
}) {
  const { session, draft, values, errors } = input;
  const base = `/staff/plans/${encodeURIComponent(input.planSlug)}`;
  const org = draft.measure.organizationId;
  const departmentIds = draft.departments.map((d) => d.id);
  const mayEdit = can(session.actor, "progress.edit", { organizationId: org, departmentIds });
  const mayReview = can(session.actor, "progress.review", { organizationId: org });
  const statusName = (code: string | null) =>
    input.statuses.find((s) => s.code === code)?.name ?? "未設定";
  return staffLayout({
    session,
    path: input.path,
    title: `${draft.measure.title}の進捗状況`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: "進捗報告" },
    ],
    body: html`<h1>${draft.measure.title}の進捗状況</h1>
<p>No.${draft.measure.itemNumber ?? ""} ${draft.measure.itemLabel}. ${draft.measure.itemTitle}・担当課: ${draft.departments.map((d) => `${d.name}${d.role === "lead" ? "（主）" : ""}`).join("、") || "未設定"}</p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummary(errors)}
${
  input.conflict
    ? html`<section class="conflict" aria-labelledby="conflict-title"><h2 id="conflict-title">他の人が先に保存した内容</h2>
<p>${input.conflict.updatedBy ?? "不明"}さんが ${input.conflict.updatedAt} に保存しました（状況区分: ${statusName(input.conflict.statusCode)}）。</p>
<blockquote>${input.conflict.narrative}</blockquote>
${figureList(input.conflict.figures)}
<p>あなたが入力した内容は下のフォームに残っています。確認して、必要なら直してからもう一度保存してください。</p></section>`
    : ""
}
${
  !draft.open || !draft.draft
    ? html`<p>受付中の報告期はありません。</p>`
    : html`<p>報告期: ${draft.open.as_of}・状態: ${REVIEW_STATE_NAMES[draft.draft.reviewState] ?? draft.draft.reviewState}${draft.draft.reviewComment ? html`・差戻しの理由: <strong>${draft.draft.reviewComment}</strong>` : ""}</p>
${draft.published ? html`<h2>前回（${draft.publishedAsOf}時点）の進捗状況</h2><blockquote>${draft.published.narrative}</blockquote>` : ""}
${
  mayEdit
    ? html`<form method="post" action="${base}/measures/${draft.measure.code}" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<input type="hidden" name="version" value="${values.version}">
<div class="field${errors.narrative ? " field-has-error" : ""}"><label for="narrative">進捗状況（${draft.open.as_of}時点）</label>
<p class="hint" id="narrative-hint">2000文字以内。前回の内容から始まっています。</p>${fieldError(errors, "narrative")}
<textarea id="narrative" name="narrative" rows="6" maxlength="2000" aria-describedby="${describedBy(errors, "narrative", "narrative-hint")}"${errors.narrative ? html` aria-invalid="true"` : ""}>${values.narrative}</textarea></div>
${suggestion(values.narrative, statusName)}
<div class="field${errors.statusCode ? " field-has-error" : ""}"><label for="statusCode">状況区分</label>${
        draft.draft?.statusCode && Number(draft.draft.statusSuggested) === 1
          ? html`<p class="hint status-source">いま選ばれている状況区分は本文から自動判定したもので、まだ確定していません。確認して保存すると確定します。</p>`
          : ""
      }${fieldError(errors, "statusCode")}
<select id="statusCode" name="statusCode"${errors.statusCode ? html` aria-invalid="true" aria-describedby="statusCode-error"` : ""}><option value="">未設定</option>${input.statuses.map(
        (s) =>
          html`<option value="${s.code}"${s.code === values.statusCode ? " selected" : ""}>${s.name}</option>`,
      )}</select></div>
${figureFieldset(values.figures, errors)}
${input.indicatorFields ?? ""}
<div class="button-row"><button type="submit" name="intent" value="submit">保存して確認に回す</button>
<button type="submit" name="intent" value="draft" class="button-secondary">下書き保存（提出しない）</button></div></form>
${input.figureAttach ?? ""}`
    : html`<h2>進捗状況（下書き）</h2><blockquote>${draft.draft.narrative}</blockquote><p>状況区分: ${statusName(draft.draft.statusCode)}</p>${figureList(input.storedFigures)}`
}
${indicatorSection(base, draft.measure.code, input.indicators ?? [], can(session.actor, "indicator.define", { organizationId: org }))}
${
  can(session.actor, "roadmap.edit", { organizationId: org })
    ? html`<section aria-labelledby="roadmap-title"><h2 id="roadmap-title">行程表（${draft.open.as_of}の報告で公表）</h2>
<p class="hint" id="roadmap-hint">「⇒」は前年度の継続、「—」はなし、「⇒ 内容」は継続に追加。変更した年度だけが改訂として記録され、前の報告期の行程表はそのまま残ります。</p>
<form method="post" action="${base}/measures/${draft.measure.code}/roadmap" class="staff-form" id="roadmap" tabindex="-1" novalidate>${csrfField(session.csrfToken)}
${fieldError(errors, "roadmap")}
${input.roadmap.map((r) => {
  const name = `roadmap-${r.fiscalYear}`;
  return html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${formatFiscalYearWithGregorian(r.fiscalYear)}</label>${fieldError(errors, name)}
<input id="${name}" name="${name}" type="text" value="${r.text}" maxlength="500" aria-describedby="${describedBy(errors, name, "roadmap-hint")}"${errors[name] ? html` aria-invalid="true"` : ""}></div>`;
})}
<button type="submit">行程表を改訂する</button></form></section>`
    : ""
}
${
  mayReview && draft.draft.reviewState !== "accepted"
    ? html`<section aria-labelledby="review-title"><h2 id="review-title">企画課の確認</h2>
<form method="post" action="${base}/measures/${draft.measure.code}/review" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<input type="hidden" name="version" value="${draft.draft.version}">
<div class="field${errors.comment ? " field-has-error" : ""}"><label for="comment">差し戻す場合の理由</label>${fieldError(errors, "comment")}
<textarea id="comment" name="comment" rows="3" maxlength="1000"${errors.comment ? html` aria-invalid="true" aria-describedby="comment-error"` : ""}>${input.comment}</textarea></div>
<button type="submit" name="decision" value="accept">確認済にする</button>
<button type="submit" name="decision" value="return" class="button-secondary">差し戻す</button></form></section>`
    : ""
}`
}`,
  });
}

/**
 * The status the rules suggest for the narrative, with the words that made it: shown beside the
 * form for a person to confirm or override, never applied alone. (The figures read from it are
 * proposed as rows of the 「数値」 fieldset.)
 */
function suggestion(narrative: string, statusName: (code: string | null) => string) {
  const suggested = suggestStatus(narrative);
  return html`<div class="hint" id="suggestion"><p>自動判定の候補: <strong>${suggested.status ? statusName(suggested.status) : "判定できません"}</strong>（${suggested.reason}）</p></div>`;
}

/** Confirmed figures as a short list (「19 / 35 電停」); nothing when there are none. */
function figureList(figures: readonly ConfirmedFigure[]) {
  return figures.length === 0
    ? ""
    : html`<p>数値: ${figures.map((f) => formatFigure(f)).join("、")}</p>`;
}

/** The measure's indicators with links to set them (add, edit: the planning division only). */
function indicatorSection(
  base: string,
  measureCode: string,
  indicators: ReadonlyArray<{ code: string; name: string }>,
  mayDefine: boolean,
) {
  const owner = encodeURIComponent(`measure:${measureCode}`);
  return html`<section aria-labelledby="indicators-title"><h2 id="indicators-title">指標</h2>
${
  indicators.length === 0
    ? html`<p>この取組の指標はありません。</p>`
    : html`<ul>${indicators.map(
        (i) =>
          html`<li>${i.name}（${i.code}）${mayDefine ? html` <a href="${base}/indicators/${i.code}/edit">${i.name}を編集</a>` : ""}</li>`,
      )}</ul>`
}
<p><a href="${base}/indicators?owner=${owner}">この取組の指標の設定</a>${mayDefine ? html`・<a href="${base}/indicators/new?owner=${owner}">この取組に指標を追加する</a>` : ""}</p></section>`;
}
