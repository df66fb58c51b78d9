import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { formatWarekiDate } from "../../domain/era.ts";
import { can } from "../../domain/staff-policy.ts";
import type { OpenDraft, OpenDrafts } from "../../store/queries/open-drafts-query.ts";
import { REVIEW_STATE_NAMES } from "../views/staff/cycle-page.ts";
import {
  csrfField,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "../views/staff/staff-form.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";
import { deadlineText } from "./deadline-text.ts";
import { planBase } from "./plan-drafts-loader.ts";

/** The states an editor may submit from, as the checkboxes offer them. */
export const SUBMITTABLE_STATES = new Set(["draft", "carried"]);

/** What the person's checkboxes say: `CODE@VERSION` per measure, as the list showed it. */
export const pickValue = (d: Pick<OpenDraft, "measureCode" | "version">) =>
  `${d.measureCode}@${d.version}`;

/**
 * "My updates" (`/staff/plans/:slug/my`): a department editor's home for the open period — the
 * measures of their department, returned ones first with the reviewer's comment, each with its
 * state, and the deadline with the working days left. Drafts and untouched measures can be
 * ticked and submitted together with one button; without script, as one form.
 */
export function myUpdatesPage(input: {
  session: StaffSession;
  path: string;
  data: OpenDrafts;
  mine: readonly OpenDraft[];
  today: string;
  picked: ReadonlySet<string>;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { session, data, mine, errors } = input;
  const base = planBase(data.plan.slug);
  const heading = `${session.departmentName ?? "すべての担当課"}の更新`;
  const returned = mine.filter((d) => d.reviewState === "returned");
  const rest = mine.filter((d) => d.reviewState !== "returned");
  const mayEdit = (d: OpenDraft) =>
    can(session.actor, "progress.edit", {
      organizationId: data.plan.organization_id,
      departmentIds: d.departmentIds,
    });
  const pickable = rest.filter((d) => SUBMITTABLE_STATES.has(d.reviewState) && mayEdit(d));
  const count = (state: string) => mine.filter((d) => d.reviewState === state).length;
  const link = (d: OpenDraft) =>
    html`<a href="${base}/measures/${encodeURIComponent(d.measureCode)}">${d.title}</a>`;
  return staffLayout({
    session,
    path: input.path,
    title: `${heading}（${data.plan.title}）`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: "進捗報告" },
    ],
    body: html`<h1>${heading}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummary(errors)}
${
  data.open
    ? html`<p>報告期: ${formatWarekiDate(data.open.as_of, "monthEnd")}時点（${data.open.as_of}）</p>
<p class="deadline"><strong>締切: ${deadlineText(data.open.deadline, input.today)}</strong></p>
<ul class="state-summary">${Object.entries(REVIEW_STATE_NAMES).map(([state, name]) => html`<li>${name}: ${count(state)}件</li>`)}</ul>
${
  returned.length > 0
    ? html`<section aria-labelledby="returned-title"><h2 id="returned-title">差し戻された取組（${returned.length}件）</h2>
<p>企画課のコメントを読んで直し、もう一度提出してください。</p>
<ul class="returned-list">${returned.map((d) => html`<li>No.${d.itemNumber ?? ""} ${link(d)}<p class="review-comment">企画課のコメント: <strong>${d.reviewComment ?? ""}</strong></p></li>`)}</ul></section>`
    : ""
}
<section aria-labelledby="mine-title"><h2 id="mine-title">取組の一覧（${rest.length}件）</h2>
<form method="post" action="${base}/my/submit" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<fieldset class="bulk-pick" id="measures"><legend>まとめて提出する取組</legend>
<p class="hint">「下書き」と「未更新」の取組を選べます。未更新のまま提出すると、前回の内容のまま確認に回ります。</p>
${fieldError(errors, "measures")}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="mine-title"><table class="staff-table"><thead><tr><th scope="col">選択</th><th scope="col">No.</th><th scope="col">取組</th><th scope="col">状態</th><th scope="col">前回から</th><th scope="col">最終更新</th></tr></thead>
<tbody>${rest.map((d) => {
        const id = `pick-${d.measureCode}`;
        return html`<tr><td>${
          pickable.includes(d)
            ? html`<input type="checkbox" id="${id}" name="measure" value="${pickValue(d)}"${input.picked.has(d.measureCode) ? " checked" : ""}><label for="${id}"><span class="visually-hidden">${d.title}を</span>選ぶ</label>`
            : ""
        }</td><td>${d.itemNumber ?? ""}</td><th scope="row">${link(d)}</th><td>${REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}</td><td>${d.changed ? "変更あり" : "変更なし"}</td><td>${d.updatedBy ? `${d.updatedBy}・${d.updatedAt.slice(0, 10)}` : "—"}</td></tr>`;
      })}</tbody></table></div></fieldset>
${pickable.length > 0 ? html`<button type="submit">選んだ取組をまとめて提出する</button>` : html`<p>提出できる取組はありません。</p>`}
</form></section>`
    : html`<p>受付中の報告期はありません。</p>`
}`,
  });
}
