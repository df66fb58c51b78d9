import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import type { OpenDraft, OpenDrafts } from "../../store/queries/open-drafts-query.ts";
import { REVIEW_STATE_NAMES } from "../views/staff/cycle-page.ts";
import {
  csrfField,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "../views/staff/staff-form.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";
import { pickValue } from "./my-updates-page.ts";
import { planBase } from "./plan-drafts-loader.ts";
import {
  filterQuery,
  NO_DEPARTMENT,
  NO_STATUS,
  REVIEW_SORTS,
  type ReviewFilter,
  SORT_NAMES,
} from "./review-list-filter.ts";

const option = (value: string, label: string, selected: string) =>
  html`<option value="${value}"${value === selected ? " selected" : ""}>${label}</option>`;

/** The fields of the filter, hidden: a decision's form carries them back to the list. */
export function filterFields(f: ReviewFilter) {
  return html`${Object.entries(f).map(([k, v]) => (v === "" ? "" : html`<input type="hidden" name="${k}" value="${v}">`))}`;
}

/**
 * The planning division's review list (`/staff/plans/:slug/review`): every draft of the open
 * period, searched, filtered and sorted by a GET form (so a filtered list is a link), and the
 * submitted ones ticked and accepted together by one POST form.
 */
export function reviewListPage(input: {
  session: StaffSession;
  path: string;
  data: OpenDrafts;
  filter: ReviewFilter;
  shown: readonly OpenDraft[];
  picked: ReadonlySet<string>;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { session, data, filter: f, shown, errors } = input;
  const base = planBase(data.plan.slug);
  const query = filterQuery(f);
  const statusName = (code: string | null) =>
    data.statuses.find((s) => s.code === code)?.name ?? "未設定";
  const acceptable = shown.filter((d) => d.reviewState === "submitted");
  return staffLayout({
    session,
    path: input.path,
    title: `進捗の確認（${data.plan.title}）`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: "進捗報告" },
    ],
    body: html`<h1>進捗の確認</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummary(errors)}
${
  data.open
    ? html`<form method="get" action="${base}/review" class="staff-form filter-form" role="search" aria-label="取組の絞り込み">
<div class="filter-grid">
<div class="field"><label for="q">キーワード</label><input id="q" name="q" type="search" value="${f.q}" maxlength="100"></div>
<div class="field"><label for="department">担当課</label><select id="department" name="department">${option("", "すべて", f.department)}${data.departments.map((d) => option(String(d.id), d.name, f.department))}${option(NO_DEPARTMENT, "担当課未設定", f.department)}</select></div>
<div class="field"><label for="state">状態</label><select id="state" name="state">${option("", "すべて", f.state)}${Object.entries(REVIEW_STATE_NAMES).map(([k, v]) => option(k, v, f.state))}</select></div>
<div class="field"><label for="status">状況区分</label><select id="status" name="status">${option("", "すべて", f.status)}${data.statuses.map((s) => option(s.code, s.name, f.status))}${option(NO_STATUS, "未設定", f.status)}</select></div>
<div class="field"><label for="changed">前回からの変更</label><select id="changed" name="changed">${option("", "すべて", f.changed)}${option("yes", "変更あり", f.changed)}${option("no", "変更なし", f.changed)}</select></div>
<div class="field"><label for="sort">並べ替え</label><select id="sort" name="sort">${REVIEW_SORTS.map((s) => option(s, SORT_NAMES[s], f.sort))}</select></div>
</div>
<button type="submit">絞り込む</button> <a href="${base}/review">条件をすべて外す</a></form>
<h2 id="results-title">${shown.length}件（全${data.drafts.length}件中）</h2>
<form method="post" action="${base}/review/accept${query}" class="staff-form" novalidate>${csrfField(session.csrfToken)}
<fieldset class="bulk-pick" id="measures"><legend>まとめて確認済にする取組</legend>
<p class="hint">「確認待ち」の取組だけを選べます。選んだ取組は、一覧を開いた時の内容のまま確認済になります。</p>
${fieldError(errors, "measures")}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="results-title"><table class="staff-table"><thead><tr><th scope="col">選択</th><th scope="col">No.</th><th scope="col">取組</th><th scope="col">担当課</th><th scope="col">状態</th><th scope="col">状況区分</th><th scope="col">前回から</th><th scope="col">最終更新</th></tr></thead>
<tbody>${shown.map((d) => {
        const id = `pick-${d.measureCode}`;
        const statusChange =
          d.previous && d.previous.statusCode !== d.statusCode
            ? `${statusName(d.previous.statusCode)} → ${statusName(d.statusCode)}`
            : statusName(d.statusCode);
        return html`<tr><td>${
          acceptable.includes(d)
            ? html`<input type="checkbox" id="${id}" name="measure" value="${pickValue(d)}"${input.picked.has(d.measureCode) ? " checked" : ""}><label for="${id}"><span class="visually-hidden">${d.title}を</span>選ぶ</label>`
            : ""
        }</td><td>${d.itemNumber ?? ""}</td><th scope="row"><a href="${base}/review/${encodeURIComponent(d.measureCode)}${query}">${d.title}</a></th><td>${d.departmentName ?? "未設定"}</td><td>${REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}${d.reviewState === "returned" && d.reviewComment ? html`<br><span class="hint">${d.reviewComment}</span>` : ""}</td><td>${statusChange}</td><td>${d.changed ? "変更あり" : "変更なし"}</td><td>${d.updatedBy ? `${d.updatedBy}・${d.updatedAt.slice(0, 10)}` : "—"}</td></tr>`;
      })}</tbody></table></div></fieldset>
${acceptable.length > 0 ? html`<button type="submit">選んだ取組をまとめて確認済にする</button>` : html`<p>この条件で確認待ちの取組はありません。</p>`}
</form>`
    : html`<p>受付中の報告期はありません。</p>`
}`,
  });
}
