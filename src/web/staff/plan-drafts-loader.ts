import type { Context } from "hono";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { can, type StaffAction } from "../../domain/staff-policy.ts";
import { type OpenDrafts, openDrafts } from "../../store/queries/open-drafts-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import type { StaffEnv } from "./staff-env.ts";

/**
 * The signed-in person and the open period's drafts of the plan in the path, when they may do
 * `action` in its organization; otherwise the answer to send: 404 for a plan that is not there
 * or belongs to another city (nothing told about it), 403 for a role without the right.
 */
export async function loadPlanDrafts(
  c: Context<StaffEnv>,
  store: Store,
  action: StaffAction,
): Promise<{ session: StaffSession; data: OpenDrafts } | Response> {
  const session = c.get("session");
  if (!session) return c.text("ログインしてください", 401);
  const data = await openDrafts(store.db, c.req.param("slug") ?? "");
  if (!data || data.plan.organization_id !== session.actor.organizationId)
    return c.text("計画が見つかりません", 404);
  if (!can(session.actor, action, { organizationId: data.plan.organization_id }))
    return c.html(forbiddenPage(pageContext(c), session), 403);
  return { session, data };
}

/** The plan's staff path: `/staff/plans/{slug}`. */
export const planBase = (slug: string) => `/staff/plans/${encodeURIComponent(slug)}`;
