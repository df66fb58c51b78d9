import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import {
  BACKUP_KEY,
  backupFileLines,
  filledStore,
  rowCountsInFile,
  tableRows,
} from "../../../test/factories/backup-files.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { readSchemaCatalog } from "../../store/dialect/schema-catalog.ts";
import { openStore, type Store } from "../../store/store.ts";
import type { BackupHeader } from "./backup-format.ts";
import { backupTables, NOT_BACKED_UP } from "./backup-tables.ts";
import { backupStore } from "./store-backup.ts";

async function counts(store: Store, header: BackupHeader): Promise<Record<string, number>> {
  const rows = await tableRows(store, header.tables);
  return Object.fromEntries(Object.entries(rows).map(([name, r]) => [name, r.length]));
}

forEachStore("shinchoku backup", (dialect) => {
  it("holds every table of the live schema except sessions and the migrator's, parents first", async () => {
    const store = await freshStore(dialect);
    try {
      const live = (await readSchemaCatalog(store.db, dialect)).map((t) => t.name);
      const tables = await backupTables(store.db, dialect);
      const names = tables.map((t) => t.name);
      assert.deepEqual(
        [...names].sort(),
        live.filter((name) => !(name in NOT_BACKED_UP)).sort(),
        "every table the migrations made is backed up",
      );
      for (const name of ["organization", "account", "audit_event", "search_entry", "api_token"])
        assert.ok(names.includes(name), `${name} is backed up`);
      assert.ok(!names.includes("session"), "sessions are not backed up");
      assert.ok(!names.some((n) => n.startsWith("search_fts")), "the FTS5 index is rebuilt");
      assert.ok(!names.some((n) => n.startsWith("kysely_")), "migrations are in the header");
      tables.forEach((t, i) => {
        for (const r of t.references) {
          if (r.table === t.name || r.table === "session") continue;
          assert.ok(names.indexOf(r.table) < i, `${r.table} comes before ${t.name}.${r.column}`);
        }
      });
      const search = tables.find((t) => t.name === "search_entry");
      assert.ok(!search?.columns.includes("document"), "a generated column is not written");
    } finally {
      await store.dispose();
    }
  });

  it("writes every row, with the header's counts and a closing line, readable by its owner only", async () => {
    const store = await freshStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-backup-"));
    try {
      await filledStore(store);
      const file = join(dir, "backup.jsonl.gz");
      const header = await backupStore(store, file);
      const inFile = rowCountsInFile(file);
      const inStore = await counts(store, header);
      assert.deepEqual(inFile, inStore);
      assert.deepEqual(
        Object.fromEntries(header.tables.map((t) => [t.name, t.rows])),
        inStore,
        "the header's counts are the store's",
      );
      for (const t of header.tables)
        assert.ok(
          t.rows > 0,
          `the fixture has no ${t.name} row: extend test/factories/backup-files.ts so the round trip covers it`,
        );
      const lines = backupFileLines(file);
      const content = lines
        .slice(0, -1)
        .map((l) => `${l}\n`)
        .join("");
      assert.deepEqual(JSON.parse(lines.at(-1) ?? ""), {
        end: true,
        tables: header.tables.length,
        rows: header.totalRows,
        integrity: { sha256: createHash("sha256").update(content).digest("hex") },
      });
      // With the operator's key, the closing line also carries the content's HMAC.
      const signed = join(dir, "signed.jsonl.gz");
      await backupStore(store, signed, { key: BACKUP_KEY });
      const signedLines = backupFileLines(signed);
      const signedContent = signedLines
        .slice(0, -1)
        .map((l) => `${l}\n`)
        .join("");
      assert.deepEqual(JSON.parse(signedLines.at(-1) ?? "").integrity, {
        sha256: createHash("sha256").update(signedContent).digest("hex"),
        hmac_sha256: createHmac("sha256", BACKUP_KEY).update(signedContent).digest("hex"),
      });
      assert.equal(JSON.parse(lines[0] ?? "").format, "shinchoku-backup");
      assert.ok(!lines.some((l) => l.includes('"session"')), "no session is in the file");
      assert.equal(statSync(file).mode & 0o777, 0o600, "the file holds password hashes");
      assert.deepEqual(
        readdirSync(dir).sort(),
        ["backup.jsonl.gz", "signed.jsonl.gz"],
        "no partial file is left",
      );
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes the store as it was at one moment while another connection writes", async () => {
    const store = await freshStore(dialect);
    const writer = await openStore(store.url);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-backup-"));
    try {
      await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      const tables = await backupTables(store.db, dialect);
      const names = tables.map((t) => t.name);
      assert.ok(
        names.indexOf("organization") < names.indexOf("audit_event"),
        "the write lands in a table already read and in one not read yet",
      );
      const before = await tableRows(store, tables);
      // Another connection's write transaction is open when the backup starts…
      const write = await writer.db.startTransaction().execute();
      const at = new Date().toISOString();
      await write
        .insertInto("organization")
        .values({ code: "130001", name: "東京都", created_at: at })
        .execute();
      await write
        .insertInto("audit_event")
        .values({
          at,
          account_id: null,
          action: "test.write",
          entity: "organization",
          entity_id: "130001",
          plan_id: null,
          measure_id: null,
          before: null,
          after: null,
        })
        .execute();
      // …and commits in the middle of it, after the organizations were written out.
      let committed = false;
      const file = join(dir, "backup.jsonl.gz");
      const header = await backupStore(store, file, {
        onTable: async (t) => {
          if (t.name !== "organization") return;
          await write.commit().execute();
          committed = true;
        },
      });
      assert.ok(committed, "the writer committed during the backup, without waiting for it");
      const after = await tableRows(store, tables);
      assert.equal(after.audit_event?.length, (before.audit_event?.length ?? 0) + 1);
      const expected = Object.fromEntries(Object.entries(before).map(([n, r]) => [n, r.length]));
      assert.deepEqual(rowCountsInFile(file), expected, "the file is the store before the write");
      assert.deepEqual(Object.fromEntries(header.tables.map((t) => [t.name, t.rows])), expected);
      assert.ok(!backupFileLines(file).some((l) => l.includes("東京都")));
    } finally {
      await writer.close();
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves no file behind when the backup cannot be written", async () => {
    const store = await freshStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-backup-"));
    try {
      await assert.rejects(backupStore(store, join(dir, "missing", "backup.jsonl.gz")));
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
