import type { Transaction } from "kysely";
import { recordAudit } from "../commands/audit-recorder.ts";
import type { ConfirmedFigure } from "../domain/confirmed-figure.ts";
import { encodeContact, parseContact } from "../domain/contact-line.ts";
import { DEFAULT_INDICATOR_KINDS, DEFAULT_SCORE_BANDS } from "../domain/indicator.ts";
import { parseRoadmapCell } from "../domain/roadmap-entry.ts";
import { indexText } from "../domain/search-tokens.ts";
import { DEFAULT_STATUS_SCHEME } from "../domain/status-scheme.ts";
import type { Database } from "../store/database.ts";
import { reindexPlan } from "../store/search/search-indexer.ts";
import {
  type GeneratedGroup,
  type GeneratedIndicator,
  type GeneratedPlan,
  generatedItems,
} from "./generated-plan.ts";

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's limits on parameters. */
const ROWS_PER_INSERT = 400;

export interface WrittenCounts {
  measures: number;
  progress: number;
  indicators: number;
  /** Every row written, search entries included. */
  rows: number;
}

/**
 * Write one generated plan in the caller's transaction, in the shape an import leaves
 * (plan, levels, status scheme, published periods, groups, items, measures with re-listings
 * as references, roadmap with its first revision, progress and figures, indicators and their
 * values, search entries) with
 * multi-row INSERTs, and one audit event for the plan.
 */
export async function writePlan(
  trx: Transaction<Database>,
  organizationId: number,
  plan: GeneratedPlan,
  now: string,
): Promise<WrittenCounts> {
  let rows = 0;
  const insert = async <T>(rowsToWrite: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rowsToWrite.length; i += ROWS_PER_INSERT)
      await write(rowsToWrite.slice(i, i + ROWS_PER_INSERT));
    rows += rowsToWrite.length;
  };
  const planId = (
    await trx
      .insertInto("plan")
      .values({
        organization_id: organizationId,
        slug: plan.slug,
        title: plan.title,
        first_fiscal_year: Math.min(...plan.fiscalYears),
        last_fiscal_year: Math.max(...plan.fiscalYears),
        contact: encodeContact(parseContact(plan.contact)),
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  rows++;
  await insert(
    plan.levels.map((l, position) => ({ plan_id: planId, position, key: l.key, name: l.name })),
    (chunk) => trx.insertInto("plan_level").values(chunk).execute(),
  );
  await insert(
    DEFAULT_STATUS_SCHEME.map((s, position) => ({ plan_id: planId, position, ...s })),
    (chunk) => trx.insertInto("status_definition").values(chunk).execute(),
  );
  const periodIds = (
    await trx
      .insertInto("reporting_period")
      .values(
        plan.periods.map((p) => ({
          plan_id: planId,
          as_of: p.asOf,
          published_on: p.publishedOn,
          deadline: null,
          state: "published",
          created_at: now,
        })),
      )
      .returning(["id", "as_of"])
      .execute()
  ).map((r) => r.id);
  rows += periodIds.length;

  // Groups level by level, each found again by its parent and number.
  const groupIds = new Map<GeneratedGroup, number>();
  let level: Array<{ group: GeneratedGroup; parent: GeneratedGroup | null }> = plan.pillars.map(
    (group) => ({ group, parent: null }),
  );
  while (level.length > 0) {
    const keyed = new Map<string, GeneratedGroup>();
    await insert(level, async (chunk) => {
      const values = chunk.map(({ group, parent }, i) => {
        const parentId = parent ? (groupIds.get(parent) ?? null) : null;
        keyed.set(`${parentId}/${group.level}/${group.number}`, group);
        return {
          plan_id: planId,
          parent_id: parentId,
          level: group.level,
          number: group.number,
          label: group.label,
          title: group.title,
          position: parent ? parent.children.indexOf(group) : i,
        };
      });
      const inserted = await trx
        .insertInto("plan_group")
        .values(values)
        .returning(["id", "parent_id", "level", "number"])
        .execute();
      for (const r of inserted) {
        const group = keyed.get(`${r.parent_id}/${r.level}/${r.number}`);
        if (group) groupIds.set(group, r.id);
      }
    });
    level = level.flatMap(({ group }) =>
      group.children.map((child) => ({ group: child, parent: group })),
    );
  }

  const itemIds = new Map<number, number>();
  const placed = plan.pillars.flatMap(function walk(g): Array<{ g: GeneratedGroup }> {
    return [{ g }, ...g.children.flatMap(walk)];
  });
  const itemRows = placed.flatMap(({ g }) =>
    g.items.map((item, position) => ({
      plan_id: planId,
      group_id: groupIds.get(g) ?? 0,
      number: item.number,
      label: item.label,
      title: item.title,
      position,
      relisting_of_item_id: null,
    })),
  );
  await insert(itemRows, async (chunk) => {
    const inserted = await trx
      .insertInto("item")
      .values(chunk)
      .returning(["id", "number"])
      .execute();
    for (const r of inserted) itemIds.set(Number(r.number), r.id);
  });

  // Originals first, so a re-listing is inserted with its reference already known.
  const measureIds = new Map<string, number>();
  const all = generatedItems(plan).flatMap((item) =>
    item.measures.map((m, position) => ({ item, m, position })),
  );
  for (const relistings of [false, true]) {
    await insert(
      all.filter(({ m }) => (m.relistingOf !== null) === relistings),
      async (chunk) => {
        const inserted = await trx
          .insertInto("measure")
          .values(
            chunk.map(({ item, m, position }) => ({
              plan_id: planId,
              item_id: itemIds.get(item.number) ?? 0,
              code: m.code,
              title: m.title,
              position,
              relisting_of_measure_id: m.relistingOf
                ? (measureIds.get(m.relistingOf) ?? null)
                : null,
            })),
          )
          .returning(["id", "code"])
          .execute();
        for (const r of inserted) measureIds.set(r.code, r.id);
      },
    );
  }

  const originals = all.filter(({ m }) => m.relistingOf === null);
  const cells = originals.flatMap(({ m }) =>
    m.roadmap.map((entry) => {
      const cell = parseRoadmapCell(entry.text);
      return {
        measure_id: measureIds.get(m.code) ?? 0,
        fiscal_year: entry.fiscalYear,
        text: cell.text,
        continued: cell.continued ? 1 : 0,
        none: cell.none ? 1 : 0,
        addition: cell.addition,
      };
    }),
  );
  await insert(cells, (chunk) => trx.insertInto("roadmap_entry").values(chunk).execute());
  const firstPeriod = periodIds[0] ?? 0;
  await insert(cells, (chunk) =>
    trx
      .insertInto("roadmap_revision")
      .values(
        chunk.map((c) => ({
          ...c,
          reporting_period_id: firstPeriod,
          created_at: now,
          created_by: null,
        })),
      )
      .execute(),
  );

  const progress = originals.flatMap(({ m }) =>
    m.progress.map((p, k) => ({
      measureId: measureIds.get(m.code) ?? 0,
      periodId: periodIds[k] ?? 0,
      p,
    })),
  );
  const figures: Array<ConfirmedFigure & { progress_id: number; position: number }> = [];
  await insert(progress, async (chunk) => {
    const inserted = await trx
      .insertInto("progress")
      .values(
        chunk.map(({ measureId, periodId, p }) => ({
          measure_id: measureId,
          reporting_period_id: periodId,
          narrative: p.narrative,
          status_code: p.statusCode,
          version: 1,
          updated_at: now,
        })),
      )
      .returning(["id", "measure_id", "reporting_period_id"])
      .execute();
    const idOf = new Map(inserted.map((r) => [`${r.measure_id}/${r.reporting_period_id}`, r.id]));
    for (const { measureId, periodId, p } of chunk)
      for (const [position, f] of p.figures.entries())
        figures.push({ progress_id: idOf.get(`${measureId}/${periodId}`) ?? 0, position, ...f });
  });
  await insert(figures, (chunk) => trx.insertInto("progress_figure").values(chunk).execute());

  const indicators = await writeIndicators(
    trx,
    planId,
    placed.flatMap(({ g }) => g.indicators.map((ind) => ({ ind, group_id: groupIds.get(g) ?? 0 }))),
    originals.flatMap(({ m }) =>
      m.indicators.map((ind) => ({ ind, measure_id: measureIds.get(m.code) ?? 0 })),
    ),
  );
  rows += indicators.rows;

  await reindexPlan(trx, planId);
  rows += originals.length * periodIds.length;
  await recordAudit(trx, {
    actor: null,
    action: "plan.generate",
    entity: "plan",
    entityId: planId,
    planId,
    after: { slug: plan.slug, title: plan.title },
    at: now,
  });
  rows++;
  return { measures: all.length, progress: progress.length, indicators: indicators.count, rows };
}

type Owned = { ind: GeneratedIndicator } & ({ group_id: number } | { measure_id: number });

/**
 * A plan's indicators (groups' first, then measures', each list in document order), their
 * values, and the default kinds and score bands an import gives a plan with indicators.
 */
async function writeIndicators(
  trx: Transaction<Database>,
  planId: number,
  groups: Owned[],
  measures: Owned[],
): Promise<{ count: number; rows: number }> {
  const owned = [...groups, ...measures];
  if (owned.length === 0) return { count: 0, rows: 0 };
  await trx
    .insertInto("indicator_kind")
    .values(DEFAULT_INDICATOR_KINDS.map((name, position) => ({ plan_id: planId, name, position })))
    .execute();
  await trx
    .insertInto("indicator_score_band")
    .values(DEFAULT_SCORE_BANDS.map((b, position) => ({ plan_id: planId, ...b, position })))
    .execute();
  const ids = new Map<string, number>();
  const positions = new Map<string, number>();
  for (let i = 0; i < owned.length; i += ROWS_PER_INSERT) {
    const chunk = owned.slice(i, i + ROWS_PER_INSERT);
    const inserted = await trx
      .insertInto("indicator")
      .values(
        chunk.map(({ ind, ...owner }) => {
          const key = "group_id" in owner ? `g${owner.group_id}` : `m${owner.measure_id}`;
          const position = positions.get(key) ?? 0;
          positions.set(key, position + 1);
          return {
            plan_id: planId,
            measure_id: "measure_id" in owner ? owner.measure_id : null,
            item_id: null,
            group_id: "group_id" in owner ? owner.group_id : null,
            code: ind.code,
            name: ind.name,
            name_grams: indexText(ind.name),
            unit: ind.unit,
            kind: ind.kind,
            direction: ind.direction,
            source: null,
            position,
          };
        }),
      )
      .returning(["id", "code"])
      .execute();
    for (const r of inserted) ids.set(r.code, r.id);
  }
  const values = owned.flatMap(({ ind }) =>
    ind.values.map((v) => ({
      indicator_id: ids.get(ind.code) ?? 0,
      kind: v.kind,
      fiscal_year: v.fiscalYear,
      final: v.final ? 1 : 0,
      reporting_period_id: null,
      value: v.value,
      note: v.note,
    })),
  );
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT)
    await trx
      .insertInto("indicator_value")
      .values(values.slice(i, i + ROWS_PER_INSERT))
      .execute();
  return {
    count: owned.length,
    rows:
      DEFAULT_INDICATOR_KINDS.length + DEFAULT_SCORE_BANDS.length + owned.length + values.length,
  };
}
