import type { Hono } from "hono";
import { reviseRoadmap } from "../../commands/cycle/roadmap-reviser.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { measureDraft } from "../../store/queries/cycle-overview-query.ts";
import type { Store } from "../../store/store.ts";
import type { StaffEnv } from "./staff-env.ts";

/** The planning division revises a measure's roadmap within the open period (one revision per changed year). */
export function staffRoadmapRoutes(staff: Hono<StaffEnv>, store: Store): void {
  staff.post("/plans/:slug/measures/:code/roadmap", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const slug = c.req.param("slug");
    const code = c.req.param("code");
    const draft = await measureDraft(store.db, slug, code);
    if (!draft) return c.text("取組が見つかりません", 404);
    const body = await c.req.parseBody();
    try {
      for (const cell of draft.roadmap) {
        const value = body[`roadmap-${cell.fiscalYear}`];
        if (typeof value !== "string") continue;
        const text = value.replace(/\s+/gu, " ").trim();
        if (text === cell.text || (text === "" && cell.text === "")) continue;
        await reviseRoadmap(store, session.actor, {
          planSlug: slug,
          measureCode: code,
          fiscalYear: cell.fiscalYear,
          text,
        });
      }
      return c.redirect(
        `/staff/plans/${encodeURIComponent(slug)}/measures/${encodeURIComponent(code)}?saved=roadmap`,
        303,
      );
    } catch (error) {
      if (error instanceof ShinchokuError)
        return c.text(error.message, error.id === "forbidden" ? 403 : 400);
      throw error;
    }
  });
}
