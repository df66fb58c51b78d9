import type { Kysely } from "kysely";
import { decodeContact } from "../../domain/contact-line.ts";
import type { GroupLevelKey, LevelKey } from "../../domain/plan-draft.ts";
import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import { resolveRoadmap } from "../../domain/roadmap-entry.ts";
import { parseStatusWords, type StatusSource } from "../../domain/suggested-status.ts";
import type { Database } from "../database.ts";
import { loadPlacementsAt } from "./placements-at-query.ts";
import { periodFigures } from "./progress-figures-query.ts";
import { loadTitlesAt } from "./titles-at-query.ts";

/**
 * Load a plan as a tree with the progress of one reporting period: the one as of `asOf`, or
 * the latest published one. Returns null when there is no such plan (or no such period). A
 * period that is not published is found only with `includeUnpublished` (staff views).
 * A fixed number of queries whatever the plan's size.
 */
export async function loadPlanTree(
  db: Kysely<Database>,
  slug: string,
  asOf?: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<PlanTree | null> {
  const plan = await db
    .selectFrom("plan")
    .innerJoin("organization", "organization.id", "plan.organization_id")
    .select([
      "plan.id",
      "plan.slug",
      "plan.title",
      "plan.contact",
      "plan.first_fiscal_year",
      "plan.last_fiscal_year",
      "organization.code",
      "organization.name",
    ])
    .where("plan.slug", "=", slug)
    .executeTakeFirst();
  if (!plan) return null;

  const [levels, statuses, periods, currentGroups, currentItems, currentMeasures, roadmap] =
    await Promise.all([
      db
        .selectFrom("plan_level")
        .select(["key", "name"])
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("status_definition")
        .select(["code", "name"])
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("reporting_period")
        .select(["id", "as_of", "published_on", "state", "last_fiscal_year"])
        .where("plan_id", "=", plan.id)
        .orderBy("as_of")
        .execute(),
      db
        .selectFrom("plan_group")
        .selectAll()
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("item")
        .selectAll()
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("measure")
        .selectAll()
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("roadmap_entry")
        .innerJoin("measure", "measure.id", "roadmap_entry.measure_id")
        .select([
          "roadmap_entry.measure_id",
          "roadmap_entry.fiscal_year",
          "roadmap_entry.text",
          "roadmap_entry.continued",
          "roadmap_entry.none",
          "roadmap_entry.addition",
        ])
        .where("measure.plan_id", "=", plan.id)
        .execute(),
    ]);
  const published = periods.filter((p) => p.state === "published");
  // A period that is not published yet is a draft: never shown unless the caller may see drafts.
  const visible = options.includeUnpublished ? periods : published;
  const period = asOf === undefined ? published.at(-1) : visible.find((p) => p.as_of === asOf);
  if (asOf !== undefined && !period) return null;
  // Where each part stood at the period, where the planning division moved, renumbered or
  // re-listed it since (or in) another period.
  const placed = period ? await loadPlacementsAt(db, plan.id, period.as_of) : new Map();
  const groups = currentGroups.map((g) => {
    const p = placed.get(`g${g.id}`);
    return p
      ? { ...g, parent_id: p.parent_id, number: p.number ?? g.number, label: p.label ?? "" }
      : g;
  });
  const items = currentItems.map((i) => {
    const p = placed.get(`i${i.id}`);
    return p
      ? { ...i, group_id: p.parent_id ?? i.group_id, number: p.number, label: p.label ?? "" }
      : i;
  });
  const measures = currentMeasures.map((m) => {
    const p = placed.get(`m${m.id}`);
    return p
      ? {
          ...m,
          item_id: p.parent_id ?? m.item_id,
          relisting_of_measure_id: p.relisting_of_measure_id,
        }
      : m;
  });
  const progress = period
    ? await db
        .selectFrom("progress")
        .select([
          "id",
          "measure_id",
          "narrative",
          "status_code",
          "status_suggested",
          "status_words",
        ])
        .where("reporting_period_id", "=", period.id)
        .execute()
    : [];

  // The roadmap as it stood at the period: the latest revision of each cell up to its as-of date.
  // Measures first reported after the period are not part of it.
  let roadmapRows: typeof roadmap = roadmap;
  let visibleMeasures: Set<number> | null = null;
  if (period) {
    const revisions = await db
      .selectFrom("roadmap_revision as r")
      .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
      .select(["r.measure_id", "r.fiscal_year", "r.text", "r.continued", "r.none", "r.addition"])
      .where("p.plan_id", "=", plan.id)
      .where("p.as_of", "<=", period.as_of)
      .orderBy("p.as_of")
      .orderBy("r.id")
      .execute();
    const latest = new Map<string, (typeof revisions)[number]>();
    for (const r of revisions) latest.set(`${r.measure_id}:${r.fiscal_year}`, r);
    roadmapRows = [...latest.values()];
    const reported = await db
      .selectFrom("progress")
      .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
      .select("progress.measure_id")
      .distinct()
      .where("p.plan_id", "=", plan.id)
      .where("p.as_of", "<=", period.as_of)
      .execute();
    visibleMeasures = new Set([
      ...roadmapRows.map((r) => r.measure_id),
      ...reported.map((r) => r.measure_id),
    ]);
  }
  const figures = period ? await periodFigures(db, period.id) : new Map();
  const titleAt = period ? await loadTitlesAt(db, plan.id, period.as_of) : null;
  const titleOf = (kind: "g" | "i" | "m", row: { id: number; title: string }) =>
    titleAt?.get(`${kind}${row.id}`) ?? row.title;
  const progressBy = new Map(
    progress.map((p) => [
      p.measure_id,
      {
        narrative: p.narrative,
        statusCode: p.status_code,
        figures: figures.get(p.id) ?? [],
        statusSource: statusSourceOf(p),
        statusWords: p.status_suggested ? parseStatusWords(p.status_words) : [],
      },
    ]),
  );
  const roadmapBy = new Map<number, typeof roadmap>();
  for (const r of roadmapRows)
    roadmapBy.set(r.measure_id, [...(roadmapBy.get(r.measure_id) ?? []), r]);
  const measureById = new Map(measures.map((m) => [m.id, m]));
  const itemById = new Map(items.map((i) => [i.id, i]));

  // Rows added or retired on the staff pages belong to the periods from (or before) that period
  // only; without a period (nothing published yet) whatever was added in a draft period is left out.
  const asOfById = new Map(periods.map((p) => [p.id, p.as_of]));
  const present = (row: {
    introduced_period_id: number | null;
    retired_period_id?: number | null;
  }): boolean => {
    const added =
      row.introduced_period_id === null ? undefined : asOfById.get(row.introduced_period_id);
    if (added !== undefined && (!period || added > period.as_of)) return false;
    const retired = row.retired_period_id == null ? undefined : asOfById.get(row.retired_period_id);
    return !(retired !== undefined && period && retired <= period.as_of);
  };
  const isVisible = (m: (typeof measures)[number]) => {
    const original =
      m.relisting_of_measure_id === null ? m : measureById.get(m.relisting_of_measure_id);
    if (!present(m) || (original !== undefined && !present(original))) return false;
    // A measure added on the staff pages is part of its period even before anything is reported.
    if ((original ?? m).introduced_period_id !== null) return true;
    return visibleMeasures === null || visibleMeasures.has(m.relisting_of_measure_id ?? m.id);
  };
  const measureNode = (m: (typeof measures)[number]): MeasureNode => {
    const original =
      m.relisting_of_measure_id === null ? undefined : measureById.get(m.relisting_of_measure_id);
    const source = original ?? m;
    const cells = (roadmapBy.get(source.id) ?? []).map((r) => ({
      fiscalYear: r.fiscal_year,
      text: r.text,
      continued: r.continued === 1,
      none: r.none === 1,
      addition: r.addition,
    }));
    return {
      code: m.code,
      title: titleOf("m", m),
      relistingOf: original
        ? {
            code: original.code,
            itemNumber: itemById.get(original.item_id)?.number ?? null,
            title: titleOf("m", original),
          }
        : null,
      roadmap: resolveRoadmap(cells),
      progress: progressBy.get(source.id) ?? null,
    };
  };
  const measuresByItem = new Set(measures.map((m) => m.item_id));
  const itemNode = (i: (typeof items)[number]): ItemNode => ({
    number: i.number,
    label: i.label,
    title: titleOf("i", i),
    relistingOfItemNumber:
      i.relisting_of_item_id === null
        ? null
        : (itemById.get(i.relisting_of_item_id)?.number ?? null),
    measures: measures.filter((m) => m.item_id === i.id && isVisible(m)).map(measureNode),
  });
  const groupNode = (g: (typeof groups)[number]): GroupNode => ({
    level: g.level as GroupLevelKey,
    number: g.number,
    label: g.label,
    title: titleOf("g", g),
    children: groups.filter((c) => c.parent_id === g.id && present(c)).map(groupNode),
    // An item whose measures were all first reported after the period is not part of it either.
    items: items
      .filter((i) => i.group_id === g.id && present(i))
      .filter(
        (i) =>
          !measuresByItem.has(i.id) || measures.some((m) => m.item_id === i.id && isVisible(m)),
      )
      .map(itemNode),
  });

  const fiscalYears: number[] = [];
  // A year added while the period is open shows on its staff view; the plan's span takes it at publication.
  const lastYear = Math.max(plan.last_fiscal_year, period?.last_fiscal_year ?? 0);
  for (let y = plan.first_fiscal_year; y <= lastYear; y++) fiscalYears.push(y);
  const summary = (p: (typeof periods)[number]) => ({
    asOf: p.as_of,
    publishedOn: p.published_on,
    state: p.state,
  });
  return {
    id: plan.id,
    slug: plan.slug,
    title: plan.title,
    organization: { code: plan.code, name: plan.name },
    fiscalYears,
    levels: levels.map((l) => ({ key: l.key as LevelKey, name: l.name })),
    contact: decodeContact(plan.contact),
    statuses,
    periods: visible.map(summary),
    period: period ? summary(period) : null,
    pillars: groups.filter((g) => g.parent_id === null && present(g)).map(groupNode),
  };
}

/** Every plan with its organization, for listings. */
export async function listPlans(db: Kysely<Database>) {
  return db
    .selectFrom("plan")
    .innerJoin("organization", "organization.id", "plan.organization_id")
    .select([
      "plan.slug",
      "plan.title",
      "organization.code as organizationCode",
      "organization.name as organizationName",
    ])
    .orderBy("organization.code")
    .orderBy("plan.id")
    .execute();
}

/** A progress row's status source: suggested only where a status was stored as a suggestion. */
export function statusSourceOf(row: {
  status_code: string | null;
  status_suggested: number | null;
}): StatusSource {
  return row.status_code !== null && row.status_suggested === 1 ? "suggested" : "confirmed";
}
