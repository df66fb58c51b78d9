import type { ConfirmedFigure } from "../../../domain/confirmed-figure.ts";
import type { ProgressDraft } from "../../../store/queries/progress-draft-query.ts";

/** A measure's draft in the open period: what a department's system reads before it writes. */
export function presentDraft(
  d: ProgressDraft & {
    period: NonNullable<ProgressDraft["period"]>;
    figures: readonly ConfirmedFigure[];
  },
) {
  return {
    measure: { id: d.measure.code, title: d.measure.title },
    period: { asOf: d.period.asOf, deadline: d.period.deadline },
    narrative: d.draft?.narrative ?? "",
    statusCode: d.draft?.statusCode ?? null,
    version: d.draft?.version ?? 0,
    reviewState: d.draft?.reviewState ?? null,
    reviewComment: d.draft?.reviewComment ?? null,
    updatedAt: d.draft?.updatedAt ?? null,
    updatedBy: d.draft?.updatedBy ?? null,
    figures: d.figures.map(presentFigure),
  };
}

/** A confirmed figure as the API and the plan JSON give it: every member, null when absent. */
export function presentFigure(f: ConfirmedFigure) {
  return { value: f.value, total: f.total, unit: f.unit, qualifier: f.qualifier, text: f.text };
}
