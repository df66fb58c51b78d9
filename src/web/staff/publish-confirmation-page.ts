import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { formatWarekiDate } from "../../domain/era.ts";
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

/** What a publish of the open period would publish, sorted into what the page tells. */
export function publishSummary(drafts: readonly OpenDraft[]) {
  const accepted = drafts.filter((d) => d.reviewState === "accepted");
  return {
    updated: accepted.filter((d) => d.changed),
    confirmedSame: accepted.filter((d) => !d.changed),
    carried: drafts.filter((d) => d.reviewState === "carried"),
    blocking: drafts.filter((d) => ["submitted", "returned", "draft"].includes(d.reviewState)),
  };
}

/**
 * The publish confirmation (`/staff/plans/:slug/publish`): how many measures were updated, which
 * still carry last period's text unchanged (with the choice to publish them marked
 * 「前回から変更なし」 or to hold the publish back), and what is still returned, waiting or a
 * draft (then there is no publish button). The form carries the digest of what is shown.
 */
export function publishConfirmationPage(input: {
  session: StaffSession;
  path: string;
  data: OpenDrafts;
  digest: string;
  values: { publishedOn: string; unchanged: string };
  errors: FieldErrors;
}) {
  const { session, data, errors, values } = input;
  const base = planBase(data.plan.slug);
  const open = data.open;
  const s = publishSummary(data.drafts);
  const item = (d: OpenDraft) =>
    html`<li>No.${d.itemNumber ?? ""} <a href="${base}/review/${encodeURIComponent(d.measureCode)}">${d.title}</a>（${d.departmentName ?? "担当課未設定"}・${REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}）</li>`;
  return staffLayout({
    session,
    path: input.path,
    title: `公表の確認（${data.plan.title}）`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: "進捗報告" },
    ],
    body: !open
      ? html`<h1>公表の確認</h1><p>受付中の報告期はありません。</p>`
      : html`<h1>公表の確認</h1>
${errorSummary(errors)}
<p>${formatWarekiDate(open.as_of, "monthEnd")}時点（${open.as_of}）の報告期を公表すると、全${data.drafts.length}件の取組の進捗状況が公開サイトとオープンデータに一度に載ります。</p>
<ul class="publish-summary">
<li>前回から更新され、確認済の取組: <strong>${s.updated.length}件</strong></li>
<li>担当課が変更なしで提出し、確認済の取組: <strong>${s.confirmedSame.length}件</strong></li>
<li>担当課が更新していない（前回の内容のままの）取組: <strong>${s.carried.length}件</strong></li>
<li>まだ公表できない取組（確認待ち・差戻し・下書き）: <strong>${s.blocking.length}件</strong></li>
</ul>
${
  s.blocking.length > 0
    ? html`<section aria-labelledby="blocking-title"><h2 id="blocking-title">まだ公表できない取組（${s.blocking.length}件）</h2>
<p>確認待ちの取組を確認し、差し戻した取組と下書きが提出されて確認されるまで、公表できません。</p>
<ul>${s.blocking.map(item)}</ul></section>`
    : ""
}
${
  s.carried.length > 0
    ? html`<section aria-labelledby="carried-title"><h2 id="carried-title">前回の内容のままの取組（${s.carried.length}件）</h2>
<p>次の取組は、前回（${data.previous?.as_of ?? ""}時点）の進捗状況がそのまま公表されます。</p>
<ul class="carried-list">${s.carried.map(item)}</ul></section>`
    : ""
}
${
  s.blocking.length > 0
    ? ""
    : html`<form method="post" action="${base}/publish" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<input type="hidden" name="asOf" value="${open.as_of}"><input type="hidden" name="digest" value="${input.digest}">
${
  s.carried.length > 0
    ? html`<fieldset class="field${errors.unchanged ? " field-has-error" : ""}" id="unchanged"${errors.unchanged ? html` aria-describedby="unchanged-error"` : ""}><legend>前回の内容のままの${s.carried.length}件の扱い</legend>${fieldError(errors, "unchanged")}
<div class="field-choice"><input type="radio" id="unchanged-mark" name="unchanged" value="mark"${values.unchanged === "mark" ? " checked" : ""}><label for="unchanged-mark">「前回から変更なし」として公表する</label></div>
<div class="field-choice"><input type="radio" id="unchanged-block" name="unchanged" value="block"${values.unchanged === "block" ? " checked" : ""}><label for="unchanged-block">公表しない（担当課が更新するまで待つ）</label></div></fieldset>`
    : ""
}
<div class="field${errors.publishedOn ? " field-has-error" : ""}"><label for="publishedOn">公表日</label>${fieldError(errors, "publishedOn")}
<input id="publishedOn" name="publishedOn" type="date" value="${values.publishedOn}" required${errors.publishedOn ? html` aria-invalid="true" aria-describedby="publishedOn-error"` : ""}></div>
<button type="submit">この内容で公表する</button> <a href="${base}">公表せずに戻る</a></form>`
}`,
  });
}
