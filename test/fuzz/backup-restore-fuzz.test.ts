import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import type { Kysely } from "kysely";
import { backupTables } from "../../src/commands/backup/backup-tables.ts";
import type { AnyTables } from "../../src/commands/backup/store-backup.ts";
import type { Store } from "../../src/store/store.ts";
import { forEachStore, freshStore } from "../store-targets.ts";
import { backupCase, backupCaseBytes, exampleBackupLines, restoreCase } from "./backup-case.ts";
import { fuzz } from "./fuzz-harness.ts";

const RUNS = { sqlite: 100, postgres: 25 };

/**
 * Every row of every table a backup holds, in id order. (Not the plan's exports: a backup may
 * restore values no importer lets in, such as a fiscal year before 明治, which the exports refuse
 * to name; the trust model leaves a backup's content to the operator who confirms it.)
 */
async function tableSnapshot(store: Store): Promise<string> {
  const db = store.db as unknown as Kysely<AnyTables>;
  const parts: string[] = [];
  for (const t of await backupTables(store.db, store.dialect)) {
    const rows = await db.selectFrom(t.name).selectAll().orderBy("id").execute();
    parts.push(`${t.name}\n${JSON.stringify(rows)}`);
  }
  return parts.join("\n\n");
}

/** The number of rows of every table a backup holds. */
async function rowCounts(store: Store): Promise<Record<string, number>> {
  const db = store.db as unknown as Kysely<AnyTables>;
  const counts: Record<string, number> = {};
  for (const t of await backupTables(store.db, store.dialect)) {
    const { n } = await db
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[t.name] = Number(n);
  }
  return counts;
}

forEachStore("fuzzed backups restored over a store holding the example plan", (dialect) => {
  it(`restores ${RUNS[dialect]} mutated backups of the example plan, or refuses them naming a line and writes nothing`, async (t) => {
    const store = await freshStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-backup-fuzz-"));
    try {
      const base = await exampleBackupLines(store, dir);
      let before = await tableSnapshot(store);
      let counts = await rowCounts(store);
      let cases = 0;
      let asked = 0;
      await fuzz(t, `backup-restore (${dialect})`, RUNS[dialect], backupCase, async (c) => {
        const file = join(dir, `case-${cases++}.jsonl.gz`);
        const { bytes, lines } = backupCaseBytes(base, c);
        writeFileSync(file, bytes);
        try {
          const { outcome, confirmed } = await restoreCase(store, file, lines, c.keyed);
          if (!confirmed) {
            // Refused while only reading the file: the row counts say nothing was written.
            assert.equal(outcome, "rejected");
            assert.deepEqual(await rowCounts(store), counts, "a refused restore wrote something");
            return outcome;
          }
          asked++;
          // Refused inside the transaction (after --force deleted everything): every row of
          // every table is as before.
          const after = await tableSnapshot(store);
          if (outcome === "rejected")
            assert.equal(after, before, "a refused restore wrote something");
          before = after;
          counts = await rowCounts(store);
          return outcome;
        } finally {
          rmSync(file, { force: true });
        }
      });
      t.diagnostic(`backup-restore (${dialect}): ${asked} cases checked whole and confirmed`);
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
