import type { Context, Hono } from "hono";
import { BatchRefusal } from "../../commands/cycle/batch-items.ts";
import { submitDrafts } from "../../commands/cycle/draft-submitter.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { todayInTokyo } from "./deadline-text.ts";
import { myUpdatesPage } from "./my-updates-page.ts";
import { loadPlanDrafts, planBase } from "./plan-drafts-loader.ts";
import type { StaffEnv } from "./staff-env.ts";

type C = Context<StaffEnv>;

/** The ticked `CODE@VERSION` values of a form post, as batch items (malformed ones left out). */
export async function pickedItems(c: C) {
  const body = await c.req.parseBody({ all: true });
  const raw = body.measure;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (v): v is string => typeof v === "string",
  );
  return values.flatMap((v) => {
    const m = /^([^@]{1,100})@(\d{1,9})$/u.exec(v);
    return m ? [{ measureCode: m[1] as string, expectedVersion: Number(m[2]) }] : [];
  });
}

/**
 * `/staff/plans/:slug/my`: a department editor's updates (the planning division sees every
 * department's), and `POST …/my/submit`, which submits the ticked drafts in one transaction.
 */
export function myUpdatesRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const render = async (
    c: C,
    state: {
      picked?: ReadonlySet<string>;
      errors?: Record<string, string>;
      status?: 400 | 409;
    } = {},
  ) => {
    const loaded = await loadPlanDrafts(c, store, "drafts.view");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    const mine =
      session.actor.role === "departmentEditor"
        ? data.drafts.filter(
            (d) =>
              session.actor.departmentId !== null &&
              d.departmentIds.includes(session.actor.departmentId),
          )
        : data.drafts;
    const submitted = Number(c.req.query("submitted") ?? "");
    return c.html(
      myUpdatesPage({
        session,
        path: new URL(c.req.url).pathname,
        data,
        mine,
        today: todayInTokyo(),
        picked: state.picked ?? new Set(),
        errors: state.errors ?? {},
        notice:
          Number.isInteger(submitted) && submitted > 0
            ? `${submitted}件の取組を提出しました。企画課の確認を待っています。`
            : undefined,
      }),
      state.status ?? 200,
    );
  };

  staff.get("/plans/:slug/my", (c) => render(c));

  staff.post("/plans/:slug/my/submit", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const slug = c.req.param("slug");
    const items = await pickedItems(c);
    const loaded = await loadPlanDrafts(c, store, "drafts.view");
    if (loaded instanceof Response) return loaded;
    const asOf = loaded.data.open?.as_of;
    const picked = new Set(items.map((i) => i.measureCode));
    if (!asOf)
      return render(c, { picked, errors: { measures: "受付中の報告期がありません" }, status: 400 });
    try {
      const { submitted } = await submitDrafts(store, session.actor, {
        planSlug: slug,
        asOf,
        items,
      });
      return c.redirect(`${planBase(slug)}/my?submitted=${submitted.length}`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.html(forbiddenPage(pageContext(c), session), 403);
      if (!(error instanceof ShinchokuError)) throw error;
      // The ticks stay as they were: the person fixes the one named and submits again.
      return render(c, {
        picked,
        errors: { measures: error.message },
        status: error instanceof BatchRefusal && error.id === "conflict" ? 409 : 400,
      });
    }
  });
}
