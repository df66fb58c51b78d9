import { type Kysely, sql } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * The roadmap as it stood at each reporting period. `roadmap_entry` keeps the roadmap of the
 * latest published period (what most readers want); `roadmap_revision` keeps every version of
 * a measure's fiscal-year plan with the period from which it holds, so the public site can show
 * the roadmap of any published period, and a change made during an open period stays a draft.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable("roadmap_revision"), dialect)
    .addColumn("measure_id", "integer", (c) =>
      c.notNull().references("measure.id").onDelete("cascade"),
    )
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("reporting_period_id", "integer", (c) =>
      c.notNull().references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("continued", "integer", (c) => c.notNull())
    .addColumn("none", "integer", (c) => c.notNull())
    .addColumn("addition", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("account.id"))
    .addUniqueConstraint("roadmap_revision_measure_year_period", [
      "measure_id",
      "fiscal_year",
      "reporting_period_id",
    ])
    .execute();
  // Every roadmap stored so far holds from its plan's first period.
  await sql`
    insert into roadmap_revision (measure_id, fiscal_year, reporting_period_id, text, continued, none, addition, created_at, created_by)
    select e.measure_id, e.fiscal_year,
      (select p.id from reporting_period p where p.plan_id = m.plan_id order by p.as_of limit 1),
      e.text, e.continued, e.none, e.addition, m_plan.created_at, null
    from roadmap_entry e
    join measure m on m.id = e.measure_id
    join plan m_plan on m_plan.id = m.plan_id
    where exists (select 1 from reporting_period p where p.plan_id = m.plan_id)
  `.execute(db);
}
