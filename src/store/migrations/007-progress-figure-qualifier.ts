import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialect/dialect-name.ts";

/**
 * Confirmed figures keep their qualifier (約, 以上, 以下, 未満, 超, 程度, 余): 「3万1千人以上」 is not
 * 「3万1千人」. Null for a figure stated without one. On PostgreSQL `real` is a 4-byte float
 * (12.34 came back as 12.340000152…): the numbers become `double precision`, as SQLite's REAL is.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable("progress_figure").addColumn("qualifier", "text").execute();
  if (dialect === "postgres") {
    await sql`alter table progress_figure alter column value type double precision, alter column total type double precision`.execute(
      db,
    );
  }
  await db.schema
    .createIndex("progress_figure_progress")
    .on("progress_figure")
    .columns(["progress_id", "position"])
    .execute();
}
