import type { Context, Hono } from "hono";
import { BatchRefusal } from "../../commands/cycle/batch-items.ts";
import { acceptDrafts } from "../../commands/cycle/bulk-reviewer.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import type { ReminderMail } from "../../commands/reminders/reminder-queue.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { loadPlanIndicators } from "../../store/queries/indicator-query.ts";
import type { OpenDrafts } from "../../store/queries/open-drafts-query.ts";
import { figuresOfProgress } from "../../store/queries/progress-figures-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { indicatorResultsLine } from "../views/staff/indicator-result-fieldset.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { pickedItems } from "./my-updates-routes.ts";
import { loadPlanDrafts, planBase } from "./plan-drafts-loader.ts";
import {
  filterDrafts,
  filterQuery,
  type ReviewFilter,
  reviewFilterSchema,
} from "./review-list-filter.ts";
import { reviewListPage } from "./review-list-page.ts";
import { reviewPage } from "./review-page.ts";
import type { StaffEnv } from "./staff-env.ts";

type C = Context<StaffEnv>;

const DECIDED: Record<string, string> = {
  accept: "確認済にしました。",
  return: "差し戻しました。",
};

/** The list's filter from the query string, or (for a decision's form) from the posted fields. */
async function filterOf(c: C, data: OpenDrafts): Promise<ReviewFilter> {
  const source =
    c.req.method === "POST" && c.req.path.endsWith("/accept") === false
      ? await c.req.parseBody()
      : c.req.query();
  return reviewFilterSchema(data).parse(source);
}

/**
 * The planning division's review at scale: the list (`/staff/plans/:slug/review`, search,
 * filters, sort), bulk accept (`POST …/review/accept`), and one measure's review page with its
 * word diff (`…/review/:code`), whose decision leads on to the next measure of the same list.
 * With `mail`, a return queues the department's e-mail in its transaction, as on the measure page.
 */
export function reviewRoutes(
  staff: Hono<StaffEnv>,
  store: Store,
  mail: ReminderMail | null = null,
): void {
  const renderList = async (
    c: C,
    state: { picked?: ReadonlySet<string>; errors?: Record<string, string>; status?: number } = {},
  ) => {
    const loaded = await loadPlanDrafts(c, store, "progress.review");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    const filter = reviewFilterSchema(data).parse(c.req.query());
    const accepted = Number(c.req.query("accepted") ?? "");
    const decided = DECIDED[c.req.query("decided") ?? ""];
    return c.html(
      reviewListPage({
        session,
        path: new URL(c.req.url).pathname,
        data,
        filter,
        shown: filterDrafts(data.drafts, filter),
        picked: state.picked ?? new Set(),
        errors: state.errors ?? {},
        notice:
          Number.isInteger(accepted) && accepted > 0
            ? `${accepted}件の取組を確認済にしました。`
            : decided
              ? `最後の取組を${decided}一覧の終わりです。`
              : undefined,
      }),
      (state.status ?? 200) as 200,
    );
  };
  staff.get("/plans/:slug/review", (c) => renderList(c));

  staff.post("/plans/:slug/review/accept", async (c) => {
    const loaded = await loadPlanDrafts(c, store, "progress.review");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    const items = await pickedItems(c);
    const picked = new Set(items.map((i) => i.measureCode));
    const query = filterQuery(reviewFilterSchema(data).parse(c.req.query()));
    if (!data.open)
      return renderList(c, {
        picked,
        errors: { measures: "受付中の報告期がありません" },
        status: 400,
      });
    try {
      const { accepted } = await acceptDrafts(store, session.actor, {
        planSlug: data.plan.slug,
        asOf: data.open.as_of,
        items,
      });
      const sep = query === "" ? "?" : "&";
      return c.redirect(
        `${planBase(data.plan.slug)}/review${query}${sep}accepted=${accepted.length}`,
        303,
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.html(forbiddenPage(pageContext(c), session), 403);
      if (!(error instanceof ShinchokuError)) throw error;
      return renderList(c, {
        picked,
        errors: { measures: error.message },
        status: error instanceof BatchRefusal && error.id === "conflict" ? 409 : 400,
      });
    }
  });

  const renderReview = async (
    c: C,
    state: { comment?: string; errors?: Record<string, string>; status?: number } = {},
  ) => {
    const loaded = await loadPlanDrafts(c, store, "progress.review");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    const draft = data.drafts.find((d) => d.measureCode === c.req.param("code"));
    if (!draft) return c.text("取組が見つかりません", 404);
    const filter = await filterOf(c, data);
    const decided = DECIDED[c.req.query("decided") ?? ""];
    const { indicators } = await loadPlanIndicators(store.db, data.plan.id, {
      measureCodes: [draft.measureCode],
    });
    const after = indicatorResultsLine(indicators, data.open?.as_of ?? null);
    return c.html(
      reviewPage({
        session,
        path: new URL(c.req.url).pathname,
        data,
        draft,
        filter,
        list: filterDrafts(data.drafts, filter),
        figures: {
          before: draft.previous
            ? await figuresOfProgress(store.db, draft.previous.progressId)
            : [],
          after: await figuresOfProgress(store.db, draft.progressId),
        },
        indicatorResults:
          after === null
            ? null
            : {
                before: indicatorResultsLine(indicators, data.previous?.as_of ?? null) ?? "なし",
                after,
              },
        comment: state.comment ?? "",
        errors: state.errors ?? {},
        notice: decided ? `前の取組を${decided}` : undefined,
      }),
      (state.status ?? 200) as 200,
    );
  };
  staff.get("/plans/:slug/review/:code", (c) => renderReview(c));

  staff.post("/plans/:slug/review/:code", async (c) => {
    const loaded = await loadPlanDrafts(c, store, "progress.review");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const code = c.req.param("code");
    const decision = text("decision") === "return" ? "return" : "accept";
    const filter = await filterOf(c, data);
    // The next measure of the list as the person saw it, before this decision changes it.
    const list = filterDrafts(data.drafts, filter);
    const next = list[list.findIndex((d) => d.measureCode === code) + 1];
    try {
      await reviewProgress(
        store,
        session.actor,
        {
          planSlug: data.plan.slug,
          asOf: data.open?.as_of ?? "",
          measureCode: code,
          decision,
          comment: text("comment"),
          expectedVersion: Number(text("version")) || 0,
        },
        new Date(),
        mail,
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.html(forbiddenPage(pageContext(c), session), 403);
      if (!(error instanceof ShinchokuError)) throw error;
      return renderReview(c, {
        comment: text("comment"),
        // Beside the comment, the one field of the decision: a conflict is shown there too.
        errors: { comment: error.message },
        status: error.id === "conflict" ? 409 : error.id === "not_found" ? 404 : 400,
      });
    }
    const query = filterQuery(filter);
    const sep = query === "" ? "?" : "&";
    const base = planBase(data.plan.slug);
    return c.redirect(
      next
        ? `${base}/review/${encodeURIComponent(next.measureCode)}${query}${sep}decided=${decision}`
        : `${base}/review${query}${sep}decided=${decision}`,
      303,
    );
  });
}
