import type { Kysely } from "kysely";
import { suggestedStatus } from "../../domain/suggested-status.ts";
import type { DialectName } from "../dialect/dialect-name.ts";

type Tables = {
  progress: {
    id: number;
    reporting_period_id: number;
    narrative: string;
    status_code: string | null;
    status_suggested: number;
    status_words: string | null;
  };
  reporting_period: { id: number; plan_id: number; state: string };
  status_definition: { plan_id: number; code: string };
};

/**
 * Statuses suggested from the narrative (「本文から自動判定」), kept apart from the ones a person
 * confirmed: `progress.status_suggested` (1 when `status_code` was suggested, not confirmed) and
 * `progress.status_words` (the words that made it, JSON). A published report imported before
 * without statuses gets its suggestions here, as an import now does. And `plan.search_variants`:
 * the opt-in groups of notational variants a plan's search applies (JSON list of ids).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable("progress")
    .addColumn("status_suggested", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("progress").addColumn("status_words", "text").execute();
  await db.schema.alterTable("plan").addColumn("search_variants", "text").execute();

  const tables = db as unknown as Kysely<Tables>;
  const schemes = new Map<number, Set<string>>();
  for (const row of await tables
    .selectFrom("status_definition")
    .select(["plan_id", "code"])
    .execute())
    schemes.set(row.plan_id, (schemes.get(row.plan_id) ?? new Set()).add(row.code));
  let after = 0;
  for (;;) {
    const rows = await tables
      .selectFrom("progress")
      .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
      .select(["progress.id", "progress.narrative", "p.plan_id"])
      .where("progress.status_code", "is", null)
      .where("p.state", "=", "published")
      .where("progress.id", ">", after)
      .orderBy("progress.id")
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const suggestion = suggestedStatus(row.narrative, schemes.get(row.plan_id) ?? new Set());
      if (!suggestion) continue;
      await tables
        .updateTable("progress")
        .set({
          status_code: suggestion.code,
          status_suggested: 1,
          status_words: JSON.stringify(suggestion.words),
        })
        .where("id", "=", row.id)
        .execute();
    }
    after = rows.at(-1)?.id ?? after;
  }
}
