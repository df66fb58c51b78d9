import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../database.ts";
import { loadTitlesAt } from "./titles-at-query.ts";

/** Rows per page of the measure list. */
export const MEASURE_LIST_PAGE_SIZE = 50;

/** The `status` filter value that selects measures with no status (未設定). */
export const UNSET_STATUS = "unset";

export const MEASURE_SORTS = ["item", "title", "status", "department", "changed"] as const;
export type MeasureSort = (typeof MEASURE_SORTS)[number];

/**
 * What a plan offers to filter its measures by: statuses, published periods, pillars, categories,
 * departments.
 */
export interface MeasureListFacets {
  plan: { id: number; slug: string; title: string };
  statuses: Array<{ code: string; name: string }>;
  /** Published reporting periods, oldest first. */
  periods: Array<{ id: number; asOf: string }>;
  pillars: Array<{ number: number; label: string; title: string; groupIds: number[] }>;
  /** `key` names a category from its pillar down: `1-2-3` (pillar I, area 2, ③) or `2-4`. */
  categories: Array<{
    key: string;
    pillarNumber: number;
    area: { label: string; title: string } | null;
    label: string;
    title: string;
    groupIds: number[];
  }>;
  /**
   * Departments leading or contributing to at least one of the plan's measures, by name
   * (absent: none to offer).
   */
  departments?: Array<{ id: number; name: string }>;
}

/** A validated request for one page of the list (see `measureListFilter` in web/routes). */
export interface MeasureListFilter {
  /** As-of date of the period whose progress is shown; null when the plan has none. */
  period: string | null;
  /** As-of date of an earlier period to compare with (変更あり); null for no comparison. */
  since: string | null;
  /** A status code of the plan or UNSET_STATUS; null for every status. */
  status: string | null;
  pillar: number | null;
  category: string | null;
  figures: "with" | "without" | null;
  /** A department's id: measures it leads or contributes to. Absent for every department. */
  department?: number;
  changedOnly: boolean;
  /** Include re-listings (再掲) as rows of their own. */
  relistings: boolean;
  sort: MeasureSort;
  direction: "asc" | "desc";
  page: number;
}

export interface MeasureListRow {
  code: string;
  title: string;
  item: { number: number | null; label: string; title: string };
  /** The original of a re-listing, whose status and progress the row shows. */
  relistingOf: { code: string; itemNumber: number | null } | null;
  statusCode: string | null;
  /** Whether the status was suggested from the narrative (本文から自動判定) rather than confirmed. */
  statusSuggested: boolean;
  narrative: string | null;
  /** The lead department (担当課) of the measure, or of a re-listing's original; null when none. */
  leadDepartment: string | null;
  changed: boolean;
}

export interface MeasureListPage {
  rows: MeasureListRow[];
  total: number;
  /** The page shown: the one asked for, within 1…pageCount. */
  page: number;
  pageCount: number;
}

/** The filters a plan offers, or null when there is no plan with this slug. */
export async function loadMeasureListFacets(
  db: Kysely<Database>,
  slug: string,
): Promise<MeasureListFacets | null> {
  const plan = await db
    .selectFrom("plan")
    .select(["id", "slug", "title"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!plan) return null;
  const [statuses, periods, groups, departments] = await Promise.all([
    db
      .selectFrom("status_definition")
      .select(["code", "name"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("reporting_period")
      .select(["id", "as_of as asOf"])
      .where("plan_id", "=", plan.id)
      .where("state", "=", "published")
      .orderBy("as_of")
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
  const childrenOf = (id: number | null) => groups.filter((g) => g.parent_id === id);
  const subtree = (id: number): number[] => [id, ...childrenOf(id).flatMap((c) => subtree(c.id))];
  const categories: MeasureListFacets["categories"] = [];
  const pillars = childrenOf(null).map((pillar) => {
    const walk = (group: (typeof groups)[number], path: number[], area: typeof pillar | null) => {
      for (const child of childrenOf(group.id)) {
        const key = [...path, child.number];
        if (child.level === "category")
          categories.push({
            key: key.join("-"),
            pillarNumber: pillar.number,
            area: area ? { label: area.label, title: area.title } : null,
            label: child.label,
            title: child.title,
            groupIds: subtree(child.id),
          });
        else walk(child, key, child.level === "area" ? child : area);
      }
    };
    walk(pillar, [pillar.number], null);
    return {
      number: pillar.number,
      label: pillar.label,
      title: pillar.title,
      groupIds: subtree(pillar.id),
    };
  });
  return { plan, statuses, periods, pillars, categories, departments };
}

/**
 * One page of a plan's measures with the status and progress of a period, filtered and sorted in
 * SQL (the same on SQLite and PostgreSQL). A re-listing shows its original's progress and
 * department and is filtered by them; it is listed only when `filter.relistings` is set.
 * Departments are read as assigned now.
 * @example const page = await listMeasures(db, facets, { ...filter, status: "in_progress" });
 */
export async function listMeasures(
  db: Kysely<Database>,
  facets: MeasureListFacets,
  filter: MeasureListFilter,
): Promise<MeasureListPage> {
  // -1 matches no row: without a period every measure simply has no progress.
  const periodId = facets.periods.find((p) => p.asOf === filter.period)?.id ?? -1;
  const sinceId = facets.periods.find((p) => p.asOf === filter.since)?.id ?? null;
  const groupIds =
    facets.categories.find((c) => c.key === filter.category)?.groupIds ??
    facets.pillars.find((p) => p.number === filter.pillar)?.groupIds ??
    null;

  type Refs = ExpressionBuilder<
    Database & {
      m: Database["measure"];
      i: Database["item"];
      src: Database["measure"];
      src_item: Database["item"];
      cur: Database["progress"];
      prev: Database["progress"];
      sd: Database["status_definition"];
    },
    "m" | "i" | "src" | "src_item" | "cur" | "prev" | "sd"
  >;
  // Changed (変更あり): the text, status, confirmed figures or roadmap differ from the `since`
  // period's. A measure without a progress row in a period (its report printed no text) counts
  // as empty text and no status, like the carried draft that opening the next period made of it.
  const sinceAsOf = filter.since ?? "";
  const periodAsOf = filter.period ?? "";
  const figuresDiffer = (a: "cur" | "prev", b: "cur" | "prev") => sql<boolean>`exists (
    select 1 from progress_figure f where f.progress_id = ${sql.ref(`${a}.id`)}
    and not exists (select 1 from progress_figure g where g.progress_id = ${sql.ref(`${b}.id`)}
      and g.position = f.position and g.value = f.value and g.total is not distinct from f.total
      and g.unit is not distinct from f.unit and g.qualifier is not distinct from f.qualifier))`;
  // A roadmap cell whose latest revision up to the period differs from the latest up to `since`.
  const roadmapChanged = sql<boolean>`exists (
    select 1 from roadmap_revision r
    inner join reporting_period rp on rp.id = r.reporting_period_id
    where r.measure_id = ${sql.ref("src.id")} and rp.plan_id = ${facets.plan.id}
      and rp.as_of > ${sinceAsOf} and rp.as_of <= ${periodAsOf}
      and not exists (select 1 from roadmap_revision r2
        inner join reporting_period p2 on p2.id = r2.reporting_period_id
        where r2.measure_id = r.measure_id and r2.fiscal_year = r.fiscal_year
          and p2.as_of > rp.as_of and p2.as_of <= ${periodAsOf})
      and r.text is distinct from (select r0.text from roadmap_revision r0
        inner join reporting_period p0 on p0.id = r0.reporting_period_id
        where r0.measure_id = r.measure_id and r0.fiscal_year = r.fiscal_year
          and p0.as_of <= ${sinceAsOf}
        order by p0.as_of desc limit 1))`;
  const changed = (eb: Refs) =>
    sinceId === null
      ? eb.lit(0)
      : eb
          .case()
          .when(
            eb.or([
              eb(
                eb.fn.coalesce("cur.narrative", eb.val("")),
                "<>",
                eb.fn.coalesce("prev.narrative", eb.val("")),
              ),
              eb("cur.status_code", "is distinct from", eb.ref("prev.status_code")),
              figuresDiffer("cur", "prev"),
              figuresDiffer("prev", "cur"),
              roadmapChanged,
            ]),
          )
          .then(eb.lit(1))
          .else(eb.lit(0))
          .end();
  const itemNumber = (eb: Refs) => eb.fn.coalesce("i.number", "src_item.number");
  // A subquery rather than a join: a row stays one row whatever the assignments hold.
  const leadDepartment = (eb: Refs) =>
    eb
      .selectFrom("measure_department as lead")
      .innerJoin("department as d", "d.id", "lead.department_id")
      .select("d.name")
      .whereRef("lead.measure_id", "=", "src.id")
      .where("lead.role", "=", "lead")
      .orderBy("d.name")
      .limit(1);
  const { department } = filter;

  const base = db
    .selectFrom("measure as m")
    .innerJoin("item as i", "i.id", "m.item_id")
    // The measure whose progress a row shows: itself, or a re-listing's original.
    .innerJoin("measure as src", (join) =>
      join.on((eb) => eb("src.id", "=", eb.fn.coalesce("m.relisting_of_measure_id", "m.id"))),
    )
    .innerJoin("item as src_item", "src_item.id", "src.item_id")
    .leftJoin("progress as cur", (join) =>
      join.onRef("cur.measure_id", "=", "src.id").on("cur.reporting_period_id", "=", periodId),
    )
    .leftJoin("progress as prev", (join) =>
      join
        .onRef("prev.measure_id", "=", "src.id")
        .on("prev.reporting_period_id", "=", sinceId ?? -1),
    )
    .leftJoin("status_definition as sd", (join) =>
      join.onRef("sd.code", "=", "cur.status_code").on("sd.plan_id", "=", facets.plan.id),
    )
    .where("m.plan_id", "=", facets.plan.id)
    // The structure as the period published it: a measure added on the staff side in a later or
    // unpublished period is not listed, nor one retired in this period or before (migration 021).
    .where(
      sql<boolean>`(m.introduced_period_id is null or exists (select 1 from reporting_period ip
        where ip.id = m.introduced_period_id and ip.state = 'published' and ip.as_of <= ${periodAsOf}))`,
    )
    .where(
      sql<boolean>`not exists (select 1 from reporting_period xp where xp.id = m.retired_period_id
        and xp.state = 'published' and xp.as_of <= ${periodAsOf})`,
    )
    .$if(!filter.relistings, (q) => q.where("m.relisting_of_measure_id", "is", null))
    .$if(filter.status === UNSET_STATUS, (q) => q.where("cur.status_code", "is", null))
    .$if(filter.status !== null && filter.status !== UNSET_STATUS, (q) =>
      q.where("cur.status_code", "=", filter.status),
    )
    .$if(groupIds !== null, (q) => q.where("i.group_id", "in", groupIds ?? []))
    .$if(filter.figures !== null, (q) =>
      q.where((eb) => {
        const figures = eb.exists(
          eb
            .selectFrom("progress_figure as f")
            .select("f.id")
            .whereRef("f.progress_id", "=", "cur.id"),
        );
        return filter.figures === "with" ? figures : eb.not(figures);
      }),
    )
    .$if(department !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("measure_department as md")
            .select("md.id")
            .whereRef("md.measure_id", "=", "src.id")
            .where("md.department_id", "=", department ?? -1),
        ),
      ),
    )
    .$if(filter.changedOnly && sinceId !== null, (q) => q.where((eb) => eb(changed(eb), "=", 1)));

  const count = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / MEASURE_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(filter.page) || 1), pageCount);

  const dir = filter.direction;
  const sorted = base
    .select((eb) => [
      "m.id",
      "i.id as itemId",
      "m.code",
      "m.title",
      "i.number as itemNumber",
      "i.label as itemLabel",
      "i.title as itemTitle",
      "src.code as sourceCode",
      "src_item.number as sourceItemNumber",
      "m.relisting_of_measure_id as relistingOfId",
      "cur.status_code as statusCode",
      "cur.status_suggested as statusSuggested",
      "cur.narrative",
      leadDepartment(eb).as("leadDepartment"),
      changed(eb).as("changed"),
    ])
    .$if(filter.sort === "title", (q) => q.orderBy("m.title", dir))
    // Statuses in the plan's order, 未設定 after them.
    .$if(filter.sort === "status", (q) =>
      q.orderBy((eb) => eb.fn.coalesce("sd.position", eb.lit(1_000_000)), dir),
    )
    // Departments by name, 未設定 after them.
    .$if(filter.sort === "department", (q) =>
      q
        .orderBy(
          (eb) =>
            eb
              .case()
              .when(eb(leadDepartment(eb), "is", null))
              .then(eb.lit(1))
              .else(eb.lit(0))
              .end(),
          dir,
        )
        .orderBy((eb) => leadDepartment(eb), dir),
    )
    // "asc" puts the changed rows first. With no earlier period nothing changed, and a constant
    // is no sort key: `ORDER BY 0` names a column by position (an error on both databases).
    .$if(filter.sort === "changed" && sinceId !== null, (q) =>
      q.orderBy((eb) => changed(eb), dir === "asc" ? "desc" : "asc"),
    )
    .orderBy((eb) => itemNumber(eb), filter.sort === "item" ? dir : "asc")
    .orderBy("i.id", filter.sort === "item" ? dir : "asc")
    .orderBy("m.position", filter.sort === "item" ? dir : "asc")
    .orderBy("m.id", filter.sort === "item" ? dir : "asc")
    .limit(MEASURE_LIST_PAGE_SIZE)
    .offset((page - 1) * MEASURE_LIST_PAGE_SIZE);
  const rows = await sorted.execute();
  // Titles as the period published them (a later period may have renamed a measure or an item).
  const titles = periodAsOf === "" ? null : await loadTitlesAt(db, facets.plan.id, periodAsOf);

  return {
    total,
    page,
    pageCount,
    rows: rows.map((r) => ({
      code: r.code,
      title: titles?.get(`m${r.id}`) ?? r.title,
      item: {
        number: r.itemNumber,
        label: r.itemLabel,
        title: titles?.get(`i${r.itemId}`) ?? r.itemTitle,
      },
      relistingOf:
        r.relistingOfId === null ? null : { code: r.sourceCode, itemNumber: r.sourceItemNumber },
      statusCode: r.statusCode,
      statusSuggested: r.statusCode !== null && Number(r.statusSuggested) === 1,
      narrative: r.narrative,
      leadDepartment: r.leadDepartment,
      changed: Number(r.changed) === 1,
    })),
  };
}
