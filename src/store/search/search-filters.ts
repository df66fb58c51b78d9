import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A group a search can be narrowed to: a pillar's area or category, by its number path. */
export interface SearchGroupOption {
  /** "1-2-3" (pillar I, area 2, category ③) or "2-1" (pillar II, category ①). */
  path: string;
  label: string;
  title: string;
  /** The pillar, or the pillar and area, it stands under. */
  parent: { path: string; label: string; title: string };
}

/** What a plan's search can be narrowed by, for the search form. */
export interface SearchFilters {
  plan: { id: number; slug: string; title: string };
  /** Published reporting periods, oldest first: only these are searched in public. */
  periods: string[];
  statuses: Array<{ code: string; name: string }>;
  pillars: Array<{ number: number; label: string; title: string }>;
  categories: SearchGroupOption[];
  fiscalYears: number[];
  /** Departments leading or contributing to at least one of the plan's measures, by name. */
  departments: Array<{ id: number; name: string }>;
}

/** The filters of a plan's search, or null when there is no such plan. */
export async function loadSearchFilters(
  db: Kysely<Database>,
  slug: string,
): Promise<SearchFilters | null> {
  const plan = await db
    .selectFrom("plan")
    .select(["id", "slug", "title", "first_fiscal_year", "last_fiscal_year"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!plan) return null;
  const [periods, statuses, groups, departments] = await Promise.all([
    db
      .selectFrom("reporting_period")
      .select("as_of")
      .where("plan_id", "=", plan.id)
      .where("state", "=", "published")
      .orderBy("as_of")
      .execute(),
    db
      .selectFrom("status_definition")
      .select(["code", "name"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("plan_group")
      .select(["id", "parent_id", "level", "number", "label", "title"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("department as d")
      .select(["d.id", "d.name"])
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("measure_department as md")
            .innerJoin("measure as m", "m.id", "md.measure_id")
            .select("md.id")
            .whereRef("md.department_id", "=", "d.id")
            .where("m.plan_id", "=", plan.id),
        ),
      )
      .orderBy("d.name")
      .orderBy("d.id")
      .execute(),
  ]);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const pathOf = (g: (typeof groups)[number]): string => {
    const parent = g.parent_id === null ? undefined : byId.get(g.parent_id);
    return parent ? `${pathOf(parent)}-${g.number}` : String(g.number);
  };
  const categories = groups
    .filter((g) => g.level === "category")
    .map((g) => {
      const parent = g.parent_id === null ? undefined : byId.get(g.parent_id);
      return {
        path: pathOf(g),
        label: g.label,
        title: g.title,
        parent: parent
          ? { path: pathOf(parent), label: parent.label, title: parent.title }
          : { path: "", label: "", title: "" },
      };
    });
  const fiscalYears: number[] = [];
  for (let y = plan.first_fiscal_year; y <= plan.last_fiscal_year; y++) fiscalYears.push(y);
  return {
    plan: { id: plan.id, slug: plan.slug, title: plan.title },
    periods: periods.map((p) => p.as_of),
    statuses,
    pillars: groups
      .filter((g) => g.parent_id === null)
      .map((g) => ({ number: g.number, label: g.label, title: g.title })),
    categories,
    fiscalYears,
    departments,
  };
}
