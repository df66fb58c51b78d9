import { z } from "zod";
import type { OpenDraft, OpenDrafts } from "../../store/queries/open-drafts-query.ts";
import { REVIEW_STATE_NAMES } from "../views/staff/cycle-page.ts";

/** The review list's orders: document order (the default), by department, state, last change, title. */
export const REVIEW_SORTS = ["document", "department", "state", "updated", "title"] as const;
export const SORT_NAMES: Record<(typeof REVIEW_SORTS)[number], string> = {
  document: "計画の順",
  department: "担当課",
  state: "状態",
  updated: "更新が新しい順",
  title: "取組名",
};
/** A department filter value for the measures with no department assigned. */
export const NO_DEPARTMENT = "none";
/** A status filter value for the drafts with no status chosen. */
export const NO_STATUS = "none";

export interface ReviewFilter {
  q: string;
  department: string;
  state: string;
  status: string;
  changed: "" | "yes" | "no";
  sort: (typeof REVIEW_SORTS)[number];
}

/** One of `values`, or empty for anything else: a stale or hand-edited link still gives the list. */
const oneOf = (values: readonly string[]) =>
  z
    .string()
    .refine((v) => values.includes(v))
    .catch("")
    .default("");

/**
 * The query of the review list (`GET /staff/plans/:slug/review`), checked against what the plan
 * has: unknown values fall back to "all", never an error.
 * @example reviewFilterSchema(drafts).parse({ state: "submitted", q: "保育" })
 */
export function reviewFilterSchema(data: Pick<OpenDrafts, "departments" | "statuses">) {
  return z.object({
    q: z
      .string()
      .catch("")
      .default("")
      .transform((q) => q.normalize("NFKC").trim().slice(0, 100)),
    department: oneOf([...data.departments.map((d) => String(d.id)), NO_DEPARTMENT]),
    state: oneOf(Object.keys(REVIEW_STATE_NAMES)),
    status: oneOf([...data.statuses.map((s) => s.code), NO_STATUS]),
    changed: z.enum(["", "yes", "no"]).catch("").default(""),
    sort: z.enum(REVIEW_SORTS).catch("document").default("document"),
  });
}

const STATE_ORDER = Object.keys(REVIEW_STATE_NAMES);
const normalized = (text: string) => text.normalize("NFKC").toLowerCase();

/** The drafts the filter keeps, in its order (ties in document order). Pure. */
export function filterDrafts(drafts: readonly OpenDraft[], f: ReviewFilter): OpenDraft[] {
  const q = normalized(f.q);
  const kept = drafts.filter(
    (d) =>
      (q === "" ||
        normalized(`${d.measureCode} ${d.title} ${d.narrative} ${d.departmentName ?? ""}`).includes(
          q,
        )) &&
      (f.department === "" ||
        (f.department === NO_DEPARTMENT
          ? d.departmentId === null
          : String(d.departmentId) === f.department)) &&
      (f.state === "" || d.reviewState === f.state) &&
      (f.status === "" ||
        (f.status === NO_STATUS ? d.statusCode === null : d.statusCode === f.status)) &&
      (f.changed === "" || d.changed === (f.changed === "yes")),
  );
  const by: Record<ReviewFilter["sort"], (a: OpenDraft, b: OpenDraft) => number> = {
    document: () => 0,
    department: (a, b) =>
      (a.departmentName ?? "\uffff").localeCompare(b.departmentName ?? "\uffff", "ja"),
    state: (a, b) => STATE_ORDER.indexOf(a.reviewState) - STATE_ORDER.indexOf(b.reviewState),
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    title: (a, b) => a.title.localeCompare(b.title, "ja"),
  };
  // Array.prototype.sort is stable: equal keys keep document order.
  return [...kept].sort(by[f.sort]);
}

/** The filter as a query string (`?q=…&state=…`, empty values left out), for links back to the list. */
export function filterQuery(f: ReviewFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v !== "" && !(k === "sort" && v === "document")) params.set(k, v);
  const s = params.toString();
  return s === "" ? "" : `?${s}`;
}
