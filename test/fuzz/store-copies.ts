import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import { backupTables } from "../../src/commands/backup/backup-tables.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import type { PlanTree } from "../../src/domain/plan-tree.ts";
import { measuresCsv } from "../../src/export/measures-csv.ts";
import { planJson } from "../../src/export/plan-json.ts";
import { planXlsx } from "../../src/export/plan-xlsx.ts";
import { roadmapCsv } from "../../src/export/roadmap-csv.ts";
import { loadPlanTree } from "../../src/store/queries/plan-tree-query.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { type Staff, staffedPlan } from "../factories/staff.ts";
import { TEST_POSTGRES_URL } from "../store-targets.ts";

/** The period the template opens for department workbooks. */
export const OPEN_AS_OF = "2014-03-31";

/**
 * Stores that already hold the example plan (staff, departments, an open period), made once and
 * then copied: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. A case that
 * imports successfully changes its store, so the next case gets a fresh copy.
 */
export async function storeCopies(dialect: "sqlite" | "postgres") {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-fuzz-"));
  const prefix = `shinchoku_fz_${process.pid}_${randomUUID().replaceAll("-", "").slice(0, 8)}`;
  const made: string[] = [];
  const admin = async <T>(sql: string) => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    try {
      return (await client.query(sql)) as T;
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string) => {
    if (dialect === "sqlite") return `sqlite:${join(dir, `${name}.db`)}`;
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const template = `${prefix}_template`;
  if (dialect === "postgres")
    await admin(
      `CREATE DATABASE "${template}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
  made.push(template);
  const store = await openStore(urlOf(template));
  const { planSlug, staff } = await staffedPlan(store);
  await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
  const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
  const xlsx = new Uint8Array(await planXlsx(tree));
  await store.close();

  let copies = 0;
  return {
    planSlug,
    staff: staff as Staff,
    /** The workbook the planning division handed out: the plan as last published. */
    xlsx,
    async copy(): Promise<Store> {
      const name = `${prefix}_${copies++}`;
      made.push(name);
      if (dialect === "sqlite") copyFileSync(join(dir, `${template}.db`), join(dir, `${name}.db`));
      else await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return openStore(urlOf(name));
    },
    async dispose() {
      if (dialect === "postgres")
        for (const name of made) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Everything a store would give out, as text: the plan's JSON and CSV exports, and every row
 * of every table a backup copies, in id order. Equal before and after a refused import means
 * the refusal wrote nothing.
 */
export async function exportSnapshot(store: Store, planSlug: string): Promise<string> {
  const tree = await loadPlanTree(store.db, planSlug);
  const parts = tree ? [planJson(tree), measuresCsv(tree), roadmapCsv(tree)] : ["(no plan)"];
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const table of await backupTables(store.db, store.dialect)) {
    const rows = await db.selectFrom(table.name).selectAll().orderBy("id").execute();
    parts.push(`${table.name}\n${JSON.stringify(rows)}`);
  }
  return parts.join("\n\n");
}
