import type { Transaction } from "kysely";
import type { IndicatorValue } from "../domain/indicator.ts";
import type { IndicatorDefinition } from "../domain/indicator-definition.ts";
import type { Database } from "../store/database.ts";

type Trx = Transaction<Database>;

/**
 * The revisions of an indicator's definition by reporting period (`indicator_revision`,
 * migration 020), shared by the staff's `changeIndicator` and the import's `IndicatorWriter`.
 */

/** The `indicator` columns of a definition. */
export function columnsOf(d: IndicatorDefinition) {
  return {
    name: d.name,
    unit: d.unit,
    kind: d.kind,
    direction: d.direction,
    source: d.source,
    achievement_form: d.achievementForm,
  };
}

/** An indicator's working definition: its row and its fiscal-year baseline and targets. */
export async function currentDefinition(trx: Trx, id: number): Promise<IndicatorDefinition> {
  const row = await trx
    .selectFrom("indicator")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const values = await trx
    .selectFrom("indicator_value")
    .select(["kind", "fiscal_year", "final", "value", "note"])
    .where("indicator_id", "=", id)
    .where("kind", "in", ["baseline", "target"])
    .where("reporting_period_id", "is", null)
    .orderBy("id")
    .execute();
  return {
    name: row.name,
    unit: row.unit,
    kind: row.kind,
    direction: row.direction as IndicatorDefinition["direction"],
    source: row.source,
    achievementForm: row.achievement_form === "ratio" ? "ratio" : "auto",
    values: values.map(
      (v): IndicatorValue => ({
        kind: v.kind as IndicatorValue["kind"],
        fiscalYear: v.fiscal_year,
        final: v.final === 1,
        periodAsOf: null,
        value: v.value,
        note: v.note,
      }),
    ),
  };
}

export function revisionOf(
  indicatorId: number,
  periodId: number | null,
  d: IndicatorDefinition,
  retired: boolean,
  at: string,
  by: number | null,
) {
  return {
    indicator_id: indicatorId,
    reporting_period_id: periodId,
    ...columnsOf(d),
    retired: retired ? 1 : 0,
    values_json: JSON.stringify(
      d.values.map((v) => ({
        kind: v.kind,
        fiscalYear: v.fiscalYear,
        final: v.final,
        value: v.value,
        note: v.note,
      })),
    ),
    created_at: at,
    created_by: by,
  };
}

/** Store a revision, replacing the indicator's revision of the same period (or of none). */
export async function writeRevision(trx: Trx, revision: ReturnType<typeof revisionOf>) {
  const updated = await trx
    .updateTable("indicator_revision")
    .set(revision)
    .where("indicator_id", "=", revision.indicator_id)
    .where(
      "reporting_period_id",
      revision.reporting_period_id === null ? "is" : "=",
      revision.reporting_period_id,
    )
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await trx.insertInto("indicator_revision").values(revision).execute();
}

/**
 * After an import changed a revised indicator's working definition: it holds from the plan's
 * latest period on (public at once when that period is published, as an import is; a draft of
 * an open one), and earlier periods keep theirs. An indicator never revised needs nothing.
 */
export async function reviseAfterImport(trx: Trx, planId: number, indicatorId: number, at: string) {
  const revised = await trx
    .selectFrom("indicator_revision")
    .select("id")
    .where("indicator_id", "=", indicatorId)
    .executeTakeFirst();
  if (!revised) return;
  const latest = await trx
    .selectFrom("reporting_period")
    .select("id")
    .where("plan_id", "=", planId)
    .orderBy("as_of", "desc")
    .executeTakeFirst();
  const row = await trx
    .selectFrom("indicator")
    .select("retired")
    .where("id", "=", indicatorId)
    .executeTakeFirstOrThrow();
  const definition = await currentDefinition(trx, indicatorId);
  await writeRevision(
    trx,
    revisionOf(indicatorId, latest?.id ?? null, definition, row.retired === 1, at, null),
  );
}
