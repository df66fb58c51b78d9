import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Kysely } from "kysely";
import { logIn } from "../../src/commands/auth/login-authenticator.ts";
import type { BackupTable } from "../../src/commands/backup/backup-format.ts";
import { BackupDigest } from "../../src/commands/backup/backup-integrity.ts";
import type { AnyTables } from "../../src/commands/backup/store-backup.ts";
import { changeIndicator } from "../../src/commands/cycle/indicator-definer.ts";
import { saveProgress } from "../../src/commands/cycle/progress-saver.ts";
import { reviseRoadmap } from "../../src/commands/cycle/roadmap-reviser.ts";
import type { Store } from "../../src/store/store.ts";
import type { UploadTables } from "../../src/store/upload-tables.ts";
import { type ApiFixture, apiFixture, OPEN_AS_OF } from "./api-tokens.ts";
import { addSampleIndicators } from "./indicators.ts";

/** An operator's `SHINCHOKU_BACKUP_KEY` for tests (at least 32 characters). */
export const BACKUP_KEY = "test-backup-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/**
 * A store with a row in every table a backup holds: the model report, staff and departments,
 * two API tokens, an open period with a saved draft and a revised roadmap cell, indicators (one
 * retired in the open period), a failed login.
 */
export async function filledStore(store: Store): Promise<ApiFixture> {
  const fixture = await apiFixture(store);
  const { planSlug, staff, codes } = fixture;
  const progress = await store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
    .select(["progress.id", "progress.version"])
    .where("measure.code", "=", codes.nursery)
    .where("reporting_period.as_of", "=", OPEN_AS_OF)
    .executeTakeFirstOrThrow();
  await saveProgress(store, staff.nursery, {
    planSlug,
    asOf: OPEN_AS_OF,
    measureCode: codes.nursery,
    narrative: "新設含む10ヶ所の保育所整備が完了（定員 1,200 人）<script>alert(1)</script>",
    statusCode: "completed",
    expectedVersion: progress.version,
  });
  // No command writes figures yet (they are read from narratives): store two as a later one will.
  await store.db
    .insertInto("progress_figure")
    .values([
      {
        progress_id: progress.id,
        position: 0,
        value: 19,
        total: 35,
        unit: "電停",
        text: "35電停中19電停",
      },
      { progress_id: progress.id, position: 1, value: 12.5, total: null, unit: "%", text: "12.5%" },
    ])
    .execute();
  // A custom field (独自項目) as a mapped sheet's import stores one, line break included.
  const period = await store.db
    .selectFrom("reporting_period")
    .select("id")
    .where("as_of", "=", OPEN_AS_OF)
    .executeTakeFirstOrThrow();
  const measure = await store.db
    .selectFrom("measure")
    .select("id")
    .where("code", "=", codes.nursery)
    .executeTakeFirstOrThrow();
  await store.db
    .insertInto("measure_field")
    .values({
      measure_id: measure.id,
      reporting_period_id: period.id,
      heading: "根拠法令",
      value: "児童福祉法\n子ども・子育て支援法",
      position: 0,
    })
    .execute();
  // A title as an earlier period published it (migration 013), as a later import keeps one.
  await store.db
    .insertInto("title_revision")
    .values({
      plan_group_id: null,
      item_id: null,
      measure_id: measure.id,
      reporting_period_id: period.id,
      title: "保育所の整備\n（旧表記）",
    })
    .execute();
  // Where the measure stood from the open period on (migration 021), as a move on the staff
  // pages keeps one; here the place it has now, so nothing public changes.
  const placed = await store.db
    .selectFrom("measure")
    .select(["item_id", "relisting_of_measure_id"])
    .where("id", "=", measure.id)
    .executeTakeFirstOrThrow();
  await store.db
    .insertInto("placement_revision")
    .values({
      plan_group_id: null,
      item_id: null,
      measure_id: measure.id,
      reporting_period_id: period.id,
      parent_id: placed.item_id,
      number: null,
      label: null,
      relisting_of_measure_id: placed.relisting_of_measure_id,
    })
    .execute();
  // Indicators with their values, kinds and score bands, as a mapped import stores them.
  await addSampleIndicators(store, planSlug);
  // The column mapping a plan was last imported with from the staff side (migration 015).
  const plan = await store.db
    .selectFrom("plan")
    .select("id")
    .where("slug", "=", planSlug)
    .executeTakeFirstOrThrow();
  await store.db
    .withTables<UploadTables>()
    .insertInto("import_mapping")
    .values({
      plan_id: plan.id,
      mapping: JSON.stringify({ plan: { title: "挑戦元年アクションプラン", asOf: OPEN_AS_OF } }),
      saved_by: staff.planner.accountId,
      saved_at: new Date().toISOString(),
    })
    .execute();
  await reviseRoadmap(store, staff.planner, {
    planSlug,
    measureCode: codes.transport,
    years: [{ fiscalYear: 2014, text: "⇒ 運行開始" }],
  });
  // Revisions both without a period (the imported state) and of the open period.
  const retired = await store.db
    .selectFrom("indicator")
    .select("code")
    .where("name", "=", "待機児童数")
    .executeTakeFirstOrThrow();
  await changeIndicator(store, staff.planner, planSlug, { action: "retire", code: retired.code });
  await logIn(store, { login: "planner", password: "wrong password", address: "192.0.2.1" }).catch(
    () => {},
  );
  return fixture;
}

/** Every row of the given tables, ordered by id, as JSON text: what "the same data" means. */
export async function tableRows(
  store: Store,
  tables: readonly Pick<BackupTable, "name" | "columns">[],
): Promise<Record<string, string[]>> {
  const db = store.db as unknown as Kysely<AnyTables>;
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = await db.selectFrom(t.name).select(t.columns).orderBy("id").execute();
    out[t.name] = rows.map((r) => JSON.stringify(t.columns.map((c) => r[c])));
  }
  return out;
}

/** The lines of a backup file. */
export function backupFileLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString("utf8").split("\n").slice(0, -1);
}

/** Write lines back as a backup file (after a test has damaged them). */
export function writeBackupLines(file: string, lines: readonly string[]): void {
  writeFileSync(file, gzipSync(`${lines.join("\n")}\n`));
}

/**
 * Lines after an edit, with the closing line's integrity made again for their content (signed
 * with `key` when given): an edit that only someone holding the key, or nobody, can pass off.
 */
export function resealBackupLines(lines: readonly string[], key?: string): string[] {
  const digest = new BackupDigest(key);
  for (const line of lines.slice(0, -1)) digest.update(line);
  const end = JSON.parse(lines.at(-1) ?? "{}");
  return [...lines.slice(0, -1), JSON.stringify({ ...end, integrity: digest.result() })];
}

/** How many row lines each table section of a backup file holds. */
export function rowCountsInFile(file: string): Record<string, number> {
  const counts: Record<string, number> = {};
  let table = "";
  for (const line of backupFileLines(file).slice(1)) {
    const value = JSON.parse(line);
    if (Array.isArray(value)) counts[table] = (counts[table] ?? 0) + 1;
    else if (typeof value.table === "string") {
      table = value.table;
      counts[table] = 0;
    }
  }
  return counts;
}
