import type { Kysely } from "kysely";
import type { ConfirmedFigure } from "../../domain/confirmed-figure.ts";
import type { FigureQualifier } from "../../domain/figure-extractor.ts";
import type { Database } from "../database.ts";

/** A stored figure row as the domain shape. */
export function figureOfRow(row: {
  value: number;
  total: number | null;
  unit: string | null;
  qualifier: string | null;
  text: string;
}): ConfirmedFigure {
  return {
    // PostgreSQL's `real` comes back as a number already; SQLite's too. Number() for safety.
    value: Number(row.value),
    total: row.total === null ? null : Number(row.total),
    unit: row.unit,
    qualifier: row.qualifier as FigureQualifier | null,
    text: row.text,
  };
}

/**
 * The confirmed figures of every progress row of a reporting period, in their order, by
 * progress id (one query whatever the plan's size). A row without figures is absent.
 */
export async function periodFigures(
  db: Kysely<Database>,
  periodId: number,
): Promise<Map<number, ConfirmedFigure[]>> {
  const rows = await db
    .selectFrom("progress_figure as f")
    .innerJoin("progress as p", "p.id", "f.progress_id")
    .select(["f.progress_id", "f.value", "f.total", "f.unit", "f.qualifier", "f.text"])
    .where("p.reporting_period_id", "=", periodId)
    .orderBy("f.progress_id")
    .orderBy("f.position")
    .execute();
  const byProgress = new Map<number, ConfirmedFigure[]>();
  for (const r of rows)
    byProgress.set(r.progress_id, [...(byProgress.get(r.progress_id) ?? []), figureOfRow(r)]);
  return byProgress;
}

/** The confirmed figures of one progress row, in order. */
export async function figuresOfProgress(
  db: Kysely<Database>,
  progressId: number,
): Promise<ConfirmedFigure[]> {
  const rows = await db
    .selectFrom("progress_figure")
    .select(["value", "total", "unit", "qualifier", "text"])
    .where("progress_id", "=", progressId)
    .orderBy("position")
    .execute();
  return rows.map(figureOfRow);
}

/** The confirmed figures of a measure's draft in its plan's open period; none without one. */
export async function openDraftFigures(
  db: Kysely<Database>,
  planSlug: string,
  measureCode: string,
): Promise<ConfirmedFigure[]> {
  const draft = await db
    .selectFrom("progress as p")
    .innerJoin("measure as m", "m.id", "p.measure_id")
    .innerJoin("plan", "plan.id", "m.plan_id")
    .innerJoin("reporting_period as r", "r.id", "p.reporting_period_id")
    .select("p.id")
    .where("plan.slug", "=", planSlug)
    .where("m.code", "=", measureCode)
    .where("r.state", "=", "open")
    .executeTakeFirst();
  return draft ? figuresOfProgress(db, draft.id) : [];
}
