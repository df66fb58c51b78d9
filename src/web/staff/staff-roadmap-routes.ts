import type { Hono } from "hono";
import {
  type RoadmapYear,
  reviseRoadmap,
  roadmapField,
} from "../../commands/cycle/roadmap-reviser.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { roadmapCellProblem } from "../../domain/roadmap-cell-problem.ts";
import { can } from "../../domain/staff-policy.ts";
import { measureDraft } from "../../store/queries/cycle-overview-query.ts";
import type { Store } from "../../store/store.ts";
import { renderMeasurePage } from "./measure-page.ts";
import type { StaffEnv } from "./staff-env.ts";

/**
 * The planning division revises a measure's roadmap within the open period: the changed years
 * of one form post are one command call, so they are stored together or not at all. A refused
 * form is shown again with every year as typed and each problem beside its year.
 */
export function staffRoadmapRoutes(staff: Hono<StaffEnv>, store: Store): void {
  staff.post("/plans/:slug/measures/:code/roadmap", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const slug = c.req.param("slug");
    const code = c.req.param("code");
    const draft = await measureDraft(store.db, slug, code);
    if (!draft) return c.text("取組が見つかりません", 404);
    // Who may revise comes before anything about what was typed (the command checks it again).
    if (!can(session.actor, "roadmap.edit", { organizationId: draft.measure.organizationId }))
      return c.text("行程表を変更する権限がありません", 403);
    const body = await c.req.parseBody();
    const typed: Record<number, string> = {};
    const changed: RoadmapYear[] = [];
    const errors: Record<string, string> = {};
    for (const cell of draft.roadmap) {
      const value = body[roadmapField(cell.fiscalYear)];
      if (typeof value !== "string") continue;
      typed[cell.fiscalYear] = value;
      const text = value.replace(/\s+/gu, " ").trim();
      if (text === cell.text || (text === "" && cell.text === "")) continue;
      changed.push({ fiscalYear: cell.fiscalYear, text });
      // Every year is checked, so the page names every problem at once; the command checks again.
      const problem = roadmapCellProblem(text, cell.fiscalYear);
      if (problem) errors[roadmapField(cell.fiscalYear)] = problem;
    }
    const done = `/staff/plans/${encodeURIComponent(slug)}/measures/${encodeURIComponent(code)}?saved=roadmap`;
    if (Object.keys(errors).length === 0 && changed.length === 0) return c.redirect(done, 303);
    try {
      if (Object.keys(errors).length === 0) {
        await reviseRoadmap(store, session.actor, {
          planSlug: slug,
          measureCode: code,
          years: changed,
        });
        return c.redirect(done, 303);
      }
    } catch (error) {
      if (!(error instanceof ShinchokuError)) throw error;
      if (error.id === "forbidden") return c.text(error.message, 403);
      const field = error.location.field ?? "";
      errors[field.startsWith("roadmap-") ? field : "roadmap"] = error.message;
    }
    return renderMeasurePage(c, store, { roadmap: typed, errors });
  });
}
