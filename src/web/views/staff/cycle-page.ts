import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { formatWarekiDate } from "../../../domain/era.ts";
import { can } from "../../../domain/staff-policy.ts";
import { tokyoDate, workingDaysBetween } from "../../../domain/working-days.ts";
import type { cycleOverview } from "../../../store/queries/cycle-overview-query.ts";
import { csrfField, errorSummary, type FieldErrors, fieldError } from "./staff-form.ts";
import { staffLayout } from "./staff-layout.ts";

export const REVIEW_STATE_NAMES: Record<string, string> = {
  carried: "未更新",
  draft: "下書き",
  submitted: "確認待ち",
  returned: "差戻し",
  accepted: "確認済",
};

type Overview = NonNullable<Awaited<ReturnType<typeof cycleOverview>>>;

/** 「あと3営業日」: working days (no weekends, holidays or 12/29–1/3) from today in Japan. */
function workingDaysLeft(deadline: string): string {
  const today = tokyoDate(new Date());
  try {
    const left = workingDaysBetween(today, deadline);
    if (today === deadline) return "本日締切";
    return today < deadline ? `あと${left}営業日` : `${-left}営業日超過`;
  } catch {
    return "";
  }
}

/** The reporting cycle of one plan: open a period, see every draft's state, publish. */
export function cyclePage(input: {
  session: StaffSession;
  path: string;
  overview: Overview;
  errors: FieldErrors;
  values: { asOf: string; deadline: string; publishedOn: string };
  notice?: string;
}) {
  const { session, overview, errors, values } = input;
  const { plan, open } = overview;
  const org = { organizationId: plan.organization_id };
  const mine =
    session.actor.role === "departmentEditor"
      ? overview.drafts.filter((d) => d.departmentId === session.actor.departmentId)
      : overview.drafts;
  const count = (state: string) => overview.drafts.filter((d) => d.reviewState === state).length;
  const base = `/staff/plans/${encodeURIComponent(plan.slug)}`;
  return staffLayout({
    session,
    path: input.path,
    title: `${plan.title}の進捗報告`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [{ href: "/staff", label: "職員トップ" }],
    body: html`<h1>${plan.title}の進捗報告</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummary(errors)}
${
  open
    ? html`<section aria-labelledby="open-period"><h2 id="open-period">受付中の報告期: ${formatWarekiDate(open.as_of, "monthEnd")}時点（${open.as_of}）</h2>
<p>締切: ${open.deadline ? html`${formatWarekiDate(open.deadline)}（${open.deadline}）・${workingDaysLeft(open.deadline)}` : "未設定"}</p>
<table class="state-counts"><caption>取組の状態（件数）</caption><thead><tr>${Object.values(REVIEW_STATE_NAMES).map((n) => html`<th scope="col">${n}</th>`)}</tr></thead>
<tbody><tr>${Object.keys(REVIEW_STATE_NAMES).map((s) => html`<td>${count(s)}</td>`)}</tr></tbody></table>
<ul class="cycle-links">${
        session.actor.role === "departmentEditor"
          ? html`<li><a href="${base}/my">${session.departmentName ?? ""}の更新（提出と差戻しの確認）</a></li>`
          : ""
      }${
        can(session.actor, "progress.review", org)
          ? html`<li><a href="${base}/reminders">お知らせメールの記録</a></li>`
          : ""
      }${
        can(session.actor, "progress.review", org)
          ? html`<li><a href="${base}/review">進捗の確認（検索・絞り込み・まとめて確認）</a></li>`
          : ""
      }<li><a href="${base}/completion">担当課別の進み具合</a>（<a href="${base}/completion.csv">CSV</a>）</li>
<li><a href="${base}/board">未更新の取組の一覧（担当課別）</a>（<a href="${base}/board.csv">CSV</a>）</li>${
        can(session.actor, "department.manage", org)
          ? html`<li><a href="${base}/departments">担当課の割当</a></li>`
          : ""
      }<li><a href="${base}/indicators">指標の設定</a></li>${
        can(session.actor, "period.publish", org)
          ? html`<li><a href="${base}/publish">公表の確認へ進む</a></li>`
          : ""
      }</ul>
<h2>${session.actor.role === "departmentEditor" ? `${session.departmentName ?? ""}の取組` : "すべての取組"}（${mine.length}件）</h2>
<table class="report"><thead><tr><th scope="col">No.</th><th scope="col">取組</th><th scope="col">担当課</th><th scope="col">状態</th></tr></thead>
<tbody>${mine.map(
        (d) =>
          html`<tr><td>${d.itemNumber ?? ""}</td><th scope="row"><a href="${base}/measures/${d.code}">${d.title}</a></th><td>${d.departmentName ?? "未設定"}</td><td>${REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}</td></tr>`,
      )}</tbody></table>
</section>`
    : can(session.actor, "period.open", org)
      ? html`<section aria-labelledby="open-form"><h2 id="open-form">報告期を開く</h2>
<p>各取組の下書きは、前回の報告期の内容から始まります。</p>
<form method="post" action="${base}/periods" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<div class="field${errors.asOf ? " field-has-error" : ""}"><label for="asOf">基準日</label>${fieldError(errors, "asOf")}
<input id="asOf" name="asOf" type="date" value="${values.asOf}" required${errors.asOf ? html` aria-invalid="true" aria-describedby="asOf-error"` : ""}></div>
<div class="field${errors.deadline ? " field-has-error" : ""}"><label for="deadline">締切日（任意）</label>
<p class="hint" id="deadline-hint">メールの設定があれば、報告期を開いたときに担当課へ、締切の数営業日前に未提出の担当課へお知らせが届きます（営業日は土日・祝日・年末年始の12月29日〜1月3日を除いて数えます）。</p>${fieldError(errors, "deadline")}
<input id="deadline" name="deadline" type="date" value="${values.deadline}" aria-describedby="deadline-hint${errors.deadline ? " deadline-error" : ""}"${errors.deadline ? html` aria-invalid="true"` : ""}></div>
<button type="submit">報告期を開く</button></form></section>`
      : html`<p>受付中の報告期はありません。</p>`
}
<h2>報告期の一覧</h2>
<ul>${overview.periods.map((p) => html`<li>${formatWarekiDate(p.as_of, "monthEnd")}時点（${p.as_of}）: ${p.state === "published" ? `公表済（${p.published_on ?? ""}）` : "受付中"}</li>`)}</ul>`,
  });
}
