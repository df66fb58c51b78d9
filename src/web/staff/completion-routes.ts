import type { Hono } from "hono";
import { html } from "hono/html";
import { formatWarekiDate } from "../../domain/era.ts";
import { can } from "../../domain/staff-policy.ts";
import { workingDaysLeft } from "../../domain/working-days.ts";
import { toCsv } from "../../export/csv-table.ts";
import { lastReminders } from "../../store/queries/reminder-log-query.ts";
import type { Store } from "../../store/store.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";
import { completionByDepartment } from "./completion-summary.ts";
import { deadlineText, todayInTokyo } from "./deadline-text.ts";
import { loadPlanDrafts, planBase } from "./plan-drafts-loader.ts";
import { NO_DEPARTMENT } from "./review-list-filter.ts";
import type { StaffEnv } from "./staff-env.ts";

const percent = (part: number, whole: number) =>
  whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;

/**
 * The completion dashboard (`/staff/plans/:slug/completion`) and its CSV: per department, how
 * many measures are done, waiting for review and missing, the deadline with the working days
 * left, and who was reminded when. For everyone who may see the missing-updates board.
 */
export function completionRoutes(staff: Hono<StaffEnv>, store: Store): void {
  staff.get("/plans/:slug/completion", async (c) => {
    const loaded = await loadPlanDrafts(c, store, "board.view");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    const base = planBase(data.plan.slug);
    const open = data.open;
    const rows = completionByDepartment(data.drafts);
    const reminders = open ? await lastReminders(store.db, open.id) : new Map();
    const total = rows.reduce(
      (sum, r) => ({
        done: sum.done + r.done,
        waiting: sum.waiting + r.waiting,
        missing: sum.missing + r.missing,
      }),
      { done: 0, waiting: 0, missing: 0 },
    );
    const mayReview = can(session.actor, "progress.review", {
      organizationId: data.plan.organization_id,
    });
    return c.html(
      staffLayout({
        session,
        path: new URL(c.req.url).pathname,
        title: `担当課別の進み具合（${data.plan.title}）`,
        breadcrumbs: [
          { href: "/staff", label: "職員トップ" },
          { href: base, label: "進捗報告" },
        ],
        body: open
          ? html`<h1>担当課別の進み具合</h1>
<p>報告期: ${formatWarekiDate(open.as_of, "monthEnd")}時点（${open.as_of}）・締切: ${deadlineText(open.deadline, todayInTokyo())}</p>
<p>全体: 確認済 ${total.done}件・確認待ち ${total.waiting}件・未提出 ${total.missing}件（${data.drafts.length}件中、確認済 ${percent(total.done, data.drafts.length)}）・<a href="${base}/completion.csv">CSV でダウンロード</a></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="completion-caption"><table class="staff-table"><caption id="completion-caption">担当課別の件数（「未提出」は未更新・下書き・差戻しの合計）</caption>
<thead><tr><th scope="col">担当課</th><th scope="col">取組数</th><th scope="col">確認済</th><th scope="col">確認待ち</th><th scope="col">未提出</th><th scope="col">うち差戻し</th><th scope="col">確認済の割合</th><th scope="col">最終督促</th></tr></thead>
<tbody>${rows.map((r) => {
              const reminded = r.departmentId === null ? undefined : reminders.get(r.departmentId);
              const filter = `department=${r.departmentId ?? NO_DEPARTMENT}`;
              return html`<tr><th scope="row">${mayReview ? html`<a href="${base}/review?${filter}">${r.department}</a>` : r.department}</th><td class="num">${r.total}</td><td class="num">${r.done}</td><td class="num">${r.waiting}</td><td class="num">${mayReview && r.missing > 0 ? html`<a href="${base}/review?${filter}&amp;sort=state">${r.missing}</a>` : r.missing}</td><td class="num">${r.returned}</td><td class="num">${percent(r.done, r.total)}</td><td>${reminded ? `${reminded.at.slice(0, 10)}（${reminded.to}）` : "—"}</td></tr>`;
            })}</tbody></table></div>`
          : html`<h1>担当課別の進み具合</h1><p>受付中の報告期はありません。</p>`,
      }),
    );
  });

  staff.get("/plans/:slug/completion.csv", async (c) => {
    const loaded = await loadPlanDrafts(c, store, "board.view");
    if (loaded instanceof Response) return loaded;
    const { data } = loaded;
    const open = data.open;
    if (!open) return c.text("受付中の報告期はありません", 404);
    const reminders = await lastReminders(store.db, open.id);
    const today = todayInTokyo();
    const csv = toCsv(
      [
        "基準日",
        "締切日",
        "締切までの営業日数",
        "担当課",
        "取組数",
        "確認済",
        "確認待ち",
        "未提出",
        "うち差戻し",
        "最終督促日時",
        "督促先",
      ],
      completionByDepartment(data.drafts).map((r) => {
        const reminded = r.departmentId === null ? undefined : reminders.get(r.departmentId);
        return [
          open.as_of,
          open.deadline,
          open.deadline ? workingDaysLeft(today, open.deadline) : null,
          r.departmentId === null ? null : r.department,
          r.total,
          r.done,
          r.waiting,
          r.missing,
          r.returned,
          reminded?.at ?? null,
          reminded?.to ?? null,
        ];
      }),
    );
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="completion-${open.as_of}.csv"`,
      "Cache-Control": "no-store",
    });
  });
}
