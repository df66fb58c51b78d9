import type { Hono } from "hono";
import { listOrganizations } from "../../../store/queries/organization-list-query.ts";
import type { Store } from "../../../store/store.ts";
import type { ApiEnv } from "../api-env.ts";
import { presentOrganization } from "../presenters/organization-presenter.ts";

/** `GET /v1/organizations`: every organization with a plan. */
export function organizationApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.get("/v1/organizations", async (c) => {
    const rows = await listOrganizations(store.db);
    return c.json({ total: rows.length, items: rows.map(presentOrganization) });
  });
}
