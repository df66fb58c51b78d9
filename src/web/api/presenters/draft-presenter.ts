import type { ProgressDraft } from "../../../store/queries/progress-draft-query.ts";

/** A measure's draft in the open period: what a department's system reads before it writes. */
export function presentDraft(d: ProgressDraft & { period: NonNullable<ProgressDraft["period"]> }) {
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
  };
}
