import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A group, an item or a measure as the structure page lists it: its current state. */
export interface StructureRow {
  id: number;
  title: string;
  /** The asOf of the period it was added in, when added on the staff pages. */
  addedIn: string | null;
}

export interface StructureGroup extends StructureRow {
  parentId: number | null;
  depth: number;
  number: number;
  label: string;
}

export interface StructureItem extends StructureRow {
  groupId: number;
  number: number | null;
  label: string;
}

export interface StructureMeasure extends StructureRow {
  itemId: number;
  code: string;
  department: string | null;
  relistingOf: string | null;
  retiredIn: string | null;
}

/**
 * A plan's structure as the planning division edits it: the current titles (those of the open
 * period, where one is open), levels, span, periods and the organization's departments.
 * Null when the plan does not exist.
 */
export async function planStructure(db: Kysely<Database>, slug: string) {
  const plan = await db
    .selectFrom("plan")
    .select(["id", "slug", "title", "organization_id", "first_fiscal_year", "last_fiscal_year"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!plan) return null;
  const [levels, periods, groups, items, measures, leads, departments] = await Promise.all([
    db
      .selectFrom("plan_level")
      .select(["key", "name"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("reporting_period")
      .select(["id", "as_of", "state", "last_fiscal_year"])
      .where("plan_id", "=", plan.id)
      .orderBy("as_of")
      .execute(),
    db
      .selectFrom("plan_group")
      .select(["id", "parent_id", "number", "label", "title", "introduced_period_id"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("item")
      .select(["id", "group_id", "number", "label", "title", "introduced_period_id"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("measure")
      .select([
        "id",
        "item_id",
        "code",
        "title",
        "relisting_of_measure_id",
        "introduced_period_id",
        "retired_period_id",
      ])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("measure_department as md")
      .innerJoin("department as d", "d.id", "md.department_id")
      .innerJoin("measure as m", "m.id", "md.measure_id")
      .select(["md.measure_id", "d.name"])
      .where("m.plan_id", "=", plan.id)
      .where("md.role", "=", "lead")
      .execute(),
    db
      .selectFrom("department")
      .select(["id", "name"])
      .where("organization_id", "=", plan.organization_id)
      .orderBy("name")
      .execute(),
  ]);
  const asOf = (id: number | null) =>
    id === null ? null : (periods.find((p) => p.id === id)?.as_of ?? null);
  const parentOf = new Map(groups.map((g) => [g.id, g.parent_id]));
  const depthOf = (id: number) => {
    let depth = 0;
    for (let p = parentOf.get(id) ?? null; p !== null && depth < 10; p = parentOf.get(p) ?? null)
      depth++;
    return depth;
  };
  const codeOf = new Map(measures.map((m) => [m.id, m.code]));
  const leadOf = new Map(leads.map((l) => [l.measure_id, l.name]));
  const open = periods.find((p) => p.state === "open") ?? null;
  return {
    plan,
    levels,
    groupLevels: levels.filter((l) => l.key !== "item" && l.key !== "measure"),
    periods,
    open,
    /** The roadmap's last fiscal year as the open period will publish it. */
    lastFiscalYear: Math.max(plan.last_fiscal_year, open?.last_fiscal_year ?? 0),
    departments,
    groups: groups.map(
      (g): StructureGroup => ({
        id: g.id,
        parentId: g.parent_id,
        depth: depthOf(g.id),
        number: g.number,
        label: g.label,
        title: g.title,
        addedIn: asOf(g.introduced_period_id),
      }),
    ),
    items: items.map(
      (i): StructureItem => ({
        id: i.id,
        groupId: i.group_id,
        number: i.number,
        label: i.label,
        title: i.title,
        addedIn: asOf(i.introduced_period_id),
      }),
    ),
    measures: measures.map(
      (m): StructureMeasure => ({
        id: m.id,
        itemId: m.item_id,
        code: m.code,
        title: m.title,
        department: leadOf.get(m.id) ?? null,
        relistingOf:
          m.relisting_of_measure_id === null
            ? null
            : (codeOf.get(m.relisting_of_measure_id) ?? null),
        addedIn: asOf(m.introduced_period_id),
        retiredIn: asOf(m.retired_period_id),
      }),
    ),
  };
}

export type PlanStructure = NonNullable<Awaited<ReturnType<typeof planStructure>>>;
