import type { OpenDraft } from "../../store/queries/open-drafts-query.ts";

/** One department's progress through the open period. */
export interface DepartmentCompletion {
  departmentId: number | null;
  department: string;
  total: number;
  /** Accepted by the planning division. */
  done: number;
  /** Submitted, waiting for review. */
  waiting: number;
  /** Not submitted yet: untouched, a draft, or returned. */
  missing: number;
  /** Of the missing, returned with a comment. */
  returned: number;
}

/**
 * The open period's drafts counted per lead department (name order; the measures with no
 * department last): done / waiting / missing. Pure.
 */
export function completionByDepartment(drafts: readonly OpenDraft[]): DepartmentCompletion[] {
  const rows = new Map<number | null, DepartmentCompletion>();
  for (const d of drafts) {
    const row = rows.get(d.departmentId) ?? {
      departmentId: d.departmentId,
      department: d.departmentName ?? "担当課未設定",
      total: 0,
      done: 0,
      waiting: 0,
      missing: 0,
      returned: 0,
    };
    row.total++;
    if (d.reviewState === "accepted") row.done++;
    else if (d.reviewState === "submitted") row.waiting++;
    else row.missing++;
    if (d.reviewState === "returned") row.returned++;
    rows.set(d.departmentId, row);
  }
  return [...rows.values()].sort((a, b) =>
    a.departmentId === null
      ? 1
      : b.departmentId === null
        ? -1
        : a.department.localeCompare(b.department, "ja"),
  );
}
