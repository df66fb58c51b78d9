import type { Context } from "hono";
import type { ProgressConflict } from "../../commands/cycle/progress-saver.ts";
import { can } from "../../domain/staff-policy.ts";
import { measureDraft } from "../../store/queries/cycle-overview-query.ts";
import { loadPlanIndicators } from "../../store/queries/indicator-query.ts";
import { openDraftFigures } from "../../store/queries/progress-figures-query.ts";
import type { Store } from "../../store/store.ts";
import { figureAttachSection } from "../views/staff/figure-attach-section.ts";
import {
  indicatorResultFieldset,
  storedIndicatorResults,
} from "../views/staff/indicator-result-fieldset.ts";
import { measureEditPage } from "../views/staff/measure-edit-page.ts";
import { type FigureRow, initialFigureRows, redisplayedFigureRows } from "./figure-form.ts";
import type { StaffEnv } from "./staff-env.ts";

/** What a measure's page shows besides the store: a refused form's typed values and errors. */
export interface MeasurePageState {
  values?: {
    narrative: string;
    statusCode: string;
    version: number;
    figures: FigureRow[];
    /** The indicator results as typed, by indicator ID. */
    indicators?: Record<string, string>;
  };
  /** The roadmap cells as typed, by fiscal year, when the roadmap form was refused. */
  roadmap?: Record<number, string>;
  /** The return comment as typed, when the review form was refused. */
  comment?: string;
  errors?: Record<string, string>;
  /** The figure and indicator chosen, when storing a figure as an indicator's result was refused. */
  attach?: { figure: number; indicator: string };
  conflict?: ProgressConflict["current"];
  notice?: string;
}

/**
 * A measure's staff page (`/staff/plans/:slug/measures/:code`): 404 for another city's measure
 * or one the person may not read; 400 with the errors, 409 with a conflict, else 200.
 */
export async function renderMeasurePage(
  c: Context<StaffEnv>,
  store: Store,
  state: MeasurePageState,
) {
  const session = c.get("session");
  const slug = c.req.param("slug") ?? "";
  const draft = await measureDraft(store.db, slug, c.req.param("code") ?? "");
  if (
    !session ||
    !draft ||
    draft.measure.organizationId !== session.actor.organizationId ||
    !can(session.actor, "drafts.view", { organizationId: draft.measure.organizationId })
  ) {
    return c.text("取組が見つかりません", 404);
  }
  const statuses = await store.db
    .selectFrom("status_definition")
    .select(["code", "name"])
    .where("plan_id", "=", draft.measure.planId)
    .orderBy("position")
    .execute();
  const storedFigures = await openDraftFigures(store.db, slug, draft.measure.code);
  const values = state.values
    ? {
        ...state.values,
        figures: redisplayedFigureRows(state.values.figures, state.values.narrative),
      }
    : {
        narrative: draft.draft?.narrative ?? "",
        statusCode: draft.draft?.statusCode ?? "",
        version: draft.draft?.version ?? 1,
        figures: initialFigureRows(storedFigures, draft.draft?.narrative ?? ""),
      };
  const errors = state.errors ?? {};
  const asOf = draft.open?.as_of;
  // The working definitions (an open period's changes included, retired ones left out).
  const { indicators } = await loadPlanIndicators(store.db, draft.measure.planId, {
    asOf: asOf ?? null,
    measureCodes: [draft.measure.code],
  });
  const indicatorFields = asOf
    ? indicatorResultFieldset(
        indicators,
        asOf,
        state.values?.indicators ?? storedIndicatorResults(indicators, asOf),
        errors,
      )
    : "";
  const figureAttach = asOf
    ? figureAttachSection({
        csrfToken: session.csrfToken,
        action: `/staff/plans/${encodeURIComponent(slug)}/measures/${encodeURIComponent(draft.measure.code)}/figure-results`,
        asOf,
        figures: storedFigures,
        indicators,
        chosen: state.attach,
        errors,
      })
    : "";
  const status = state.conflict ? 409 : Object.keys(errors).length > 0 ? 400 : 200;
  return c.html(
    measureEditPage({
      session,
      path: new URL(c.req.url).pathname,
      planSlug: slug,
      draft,
      statuses,
      values,
      roadmap: draft.roadmap.map((r) => ({
        fiscalYear: r.fiscalYear,
        text: state.roadmap?.[r.fiscalYear] ?? r.text,
      })),
      storedFigures,
      indicatorFields,
      indicators: indicators.map((i) => ({ code: i.code, name: i.name })),
      figureAttach,
      comment: state.comment ?? "",
      errors,
      conflict: state.conflict,
      notice: state.notice,
    }),
    status,
  );
}
