import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { type ApiFixture, OPEN_AS_OF } from "../../../test/factories/api-tokens.ts";
import {
  backupFileLines,
  filledStore,
  resealBackupLines,
  tableRows,
  writeBackupLines,
} from "../../../test/factories/backup-files.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { PASSWORD } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { measuresCsv } from "../../export/measures-csv.ts";
import { planJson } from "../../export/plan-json.ts";
import { roadmapCsv } from "../../export/roadmap-csv.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { findApiToken } from "../api/api-token-store.ts";
import { logIn } from "../auth/login-authenticator.ts";
import { findSession } from "../auth/session-store.ts";
import type { BackupHeader } from "./backup-format.ts";
import { backupStore } from "./store-backup.ts";
import { type RestoreOptions, restoreStore } from "./store-restore.ts";

type Dialect = "sqlite" | "postgres";

/** Restore as an operator who has read the list and said yes; the restored outcome. */
async function restoreConfirmed(
  store: Store,
  file: string,
  options: Omit<RestoreOptions, "confirm"> = {},
) {
  const outcome = await restoreStore(store, file, { ...options, confirm: () => true });
  assert.ok(outcome.restored, "confirmed");
  return outcome;
}
const work = mkdtempSync(join(tmpdir(), "shinchoku-restore-"));
after(() => rmSync(work, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(work, `backup-${files++}.jsonl.gz`);

/** What a reader of the published plan and a planner of the open period get. */
async function exportsOf(store: Store, planSlug: string) {
  const out: string[] = [];
  for (const [asOf, options] of [
    [undefined, {}],
    [OPEN_AS_OF, { includeUnpublished: true }],
  ] as const) {
    const tree = await loadPlanTree(store.db, planSlug, asOf, options);
    assert.ok(tree, `the plan ${planSlug} as of ${asOf ?? "the latest period"}`);
    out.push(measuresCsv(tree), roadmapCsv(tree), planJson(tree));
  }
  return out;
}

/** The rows that must come back: all but the data revision and the restore's own audit event. */
async function restorable(store: Store, header: BackupHeader) {
  const rows = await tableRows(
    store,
    header.tables.filter((t) => t.name !== "data_revision"),
  );
  rows.audit_event = (rows.audit_event ?? []).filter((r) => !r.includes('"store.restore"'));
  return rows;
}

async function emptyCounts(store: Store, header: BackupHeader) {
  const rows = await tableRows(store, header.tables);
  return Object.entries(rows)
    .filter(([name, r]) => name !== "data_revision" && r.length > 0)
    .map(([name]) => name);
}

interface Source extends ApiFixture {
  file: string;
  header: BackupHeader;
  rows: Record<string, string[]>;
  exports: string[];
}

// A filled store takes seconds to make (scrypt, the import): one per database for this file,
// backed up once, never written to afterwards; each test restores its file into a fresh store.
const sources = new Map<Dialect, Promise<Source>>();
const disposals: Array<() => Promise<void>> = [];
after(async () => {
  for (const dispose of disposals) await dispose();
});
function sourceOf(dialect: Dialect): Promise<Source> {
  let source = sources.get(dialect);
  if (!source) {
    source = (async () => {
      const store = await freshStore(dialect);
      disposals.push(store.dispose);
      const fixture = await filledStore(store);
      const file = newFile();
      const header = await backupStore(store, file);
      return {
        ...fixture,
        file,
        header,
        rows: await restorable(store, header),
        exports: await exportsOf(store, fixture.planSlug),
      };
    })();
    sources.set(dialect, source);
  }
  return source;
}

async function roundTrip(from: Dialect, to: Dialect) {
  const { file, header, rows, exports, planSlug, staff, tokens } = await sourceOf(from);
  const target = await freshStore(to);
  try {
    const { revision: revisionBefore } = await target.db
      .selectFrom("data_revision")
      .select("revision")
      .executeTakeFirstOrThrow();
    const restored = await restoreConfirmed(target, file);
    assert.equal(restored.replaced, false);
    assert.deepEqual(await restorable(target, header), rows);
    assert.deepEqual(await exportsOf(target, planSlug), exports);

    const revision = await target.db
      .selectFrom("data_revision")
      .select("revision")
      .executeTakeFirstOrThrow();
    const lines = backupFileLines(file);
    const backedUp = JSON.parse(lines[lines.indexOf('{"table":"data_revision"}') + 1] ?? "")[1];
    assert.ok(
      revision.revision > Math.max(backedUp, revisionBefore),
      "the revision moves past both, so no cached page of before is served",
    );
    const audit = await target.db
      .selectFrom("audit_event")
      .select(["action", "account_id"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit, { action: "store.restore", account_id: null });

    // Sessions are not restored; passwords, API tokens and new rows all work.
    assert.equal(await findSession(target, staff.tokens.planner), null);
    assert.equal((await findApiToken(target, tokens.nursery))?.departmentName, "保育幼稚園課");
    const { token } = await logIn(target, {
      login: "planner",
      password: PASSWORD,
      address: "127.0.0.1",
    });
    assert.equal((await findSession(target, token))?.login, "planner");
    // A new row gets a fresh id (PostgreSQL's sequences were moved past the restored ids).
    await target.db
      .insertInto("organization")
      .values({ code: "011002", name: "札幌市", created_at: new Date().toISOString() })
      .execute();
  } finally {
    await target.dispose();
  }
}

forEachStore("shinchoku restore", (dialect) => {
  it(`restores a ${dialect} backup into an empty store with the same rows, exports and logins`, () =>
    roundTrip(dialect, dialect));

  if (dialect === "postgres") {
    it("restores a SQLite backup into PostgreSQL with the same CSV and JSON exports", () =>
      roundTrip("sqlite", "postgres"));
    it("restores a PostgreSQL backup into SQLite with the same CSV and JSON exports", () =>
      roundTrip("postgres", "sqlite"));
  }

  it("refuses a store with data unless forced, and then replaces everything", async () => {
    const { file, header, rows, exports, planSlug } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      await importReportFile(target, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      await target.db
        .insertInto("organization")
        .values({ code: "011002", name: "札幌市", created_at: new Date().toISOString() })
        .execute();
      const before = await tableRows(target, header.tables);
      await assert.rejects(restoreConfirmed(target, file), (e: ShinchokuError) => {
        assert.equal(e.id, "invalid_state");
        assert.match(e.message, /organization 2 行/u);
        assert.match(e.message, /--force/u);
        return true;
      });
      assert.deepEqual(await tableRows(target, header.tables), before, "nothing changed");
      const restored = await restoreConfirmed(target, file, { force: true });
      assert.equal(restored.replaced, true);
      assert.deepEqual(await restorable(target, header), rows);
      assert.deepEqual(await exportsOf(target, planSlug), exports);
    } finally {
      await target.dispose();
    }
  });

  it("restores a reference to a row further on in the same table, beyond one batch of inserts", async () => {
    const { file, header } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const lines = backupFileLines(file);
      const columns = header.tables.find((t) => t.name === "measure")?.columns ?? [];
      const first = lines.indexOf('{"table":"measure"}') + 1;
      const last = first + (header.tables.find((t) => t.name === "measure")?.rows ?? 0) - 1;
      assert.ok(last - first >= 100, "the rows span more than one insert");
      const row = JSON.parse(lines[first] ?? "");
      const lastId = JSON.parse(lines[last] ?? "")[columns.indexOf("id")];
      row[columns.indexOf("relisting_of_measure_id")] = lastId;
      const forward = newFile();
      writeBackupLines(forward, resealBackupLines(lines.with(first, JSON.stringify(row))));
      await restoreConfirmed(target, forward);
      const stored = await target.db
        .selectFrom("measure")
        .select("relisting_of_measure_id")
        .where("id", "=", row[columns.indexOf("id")])
        .executeTakeFirstOrThrow();
      assert.equal(stored.relisting_of_measure_id, lastId);
    } finally {
      await target.dispose();
    }
  });

  it("refuses a damaged backup naming the line, and stores nothing", async () => {
    const { file, header } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const lines = backupFileLines(file);
      const revisionBefore = await target.db.selectFrom("data_revision").selectAll().execute();
      const refused = async (damaged: string, line: number, message: RegExp) => {
        await assert.rejects(restoreConfirmed(target, damaged), (e: ShinchokuError) => {
          assert.ok(e instanceof ShinchokuError, String(e));
          assert.equal(e.location.file, damaged);
          assert.equal(e.location.line, line, e.describe());
          assert.match(e.message, message);
          return true;
        });
        assert.deepEqual(await emptyCounts(target, header), [], "nothing was stored");
        assert.deepEqual(
          await target.db.selectFrom("data_revision").selectAll().execute(),
          revisionBefore,
        );
      };
      const rowLine = lines.findIndex((l, i) => i > 40 && l.startsWith("[")) + 1;

      const cut = newFile();
      const bytes = readFileSync(file);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await assert.rejects(restoreConfirmed(target, cut), (e: ShinchokuError) => {
        assert.ok((e.location.line ?? 0) > 1, e.describe());
        assert.match(e.message, /途中で切れています/u);
        return true;
      });
      assert.deepEqual(await emptyCounts(target, header), []);

      const garbled = newFile();
      writeBackupLines(garbled, lines.with(rowLine - 1, '[1, "壊れ'));
      await refused(garbled, rowLine, /JSON として読めません/u);

      const short = newFile();
      writeBackupLines(
        short,
        lines.with(rowLine - 1, JSON.stringify(JSON.parse(lines[rowLine - 1] ?? "").slice(1))),
      );
      await refused(short, rowLine, /の行の値が \d+ 個で、列は \d+ 個です/u);

      const dropped = newFile();
      const next = lines.findIndex((l, i) => i >= rowLine && l.startsWith('{"table"'));
      writeBackupLines(dropped, lines.toSpliced(rowLine - 1, 1));
      await refused(dropped, next, /見出し行の \d+ 行と合いません/u);

      const noEnd = newFile();
      writeBackupLines(noEnd, lines.slice(0, -1));
      await refused(noEnd, lines.length, /終わりの行がありません/u);

      const text = newFile();
      writeFileSync(text, "organization,plan\n");
      await refused(text, 1, /gzip で圧縮された shinchoku のバックアップではありません/u);

      const other = newFile();
      writeBackupLines(other, [JSON.stringify({ format: "shinchoku-plan/1" })]);
      await refused(other, 1, /shinchoku のバックアップではありません/u);

      const older = newFile();
      const head = JSON.parse(lines[0] ?? "");
      writeBackupLines(older, [
        JSON.stringify({ ...head, migrations: head.migrations.slice(0, -1) }),
        ...lines.slice(1),
      ]);
      await assert.rejects(
        restoreConfirmed(target, older),
        /バックアップを作った版の shinchoku で復元/u,
      );
    } finally {
      await target.dispose();
    }
  });

  it("refuses a backup row the database rejects, naming its line", async () => {
    const { file, header } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const lines = backupFileLines(file);
      // A measure whose item does not exist: the foreign key refuses it.
      const measureTable = lines.indexOf('{"table":"measure"}');
      const row = JSON.parse(lines[measureTable + 1] ?? "");
      const columns = header.tables.find((t) => t.name === "measure")?.columns ?? [];
      row[columns.indexOf("item_id")] = 999_999;
      const damaged = newFile();
      writeBackupLines(
        damaged,
        resealBackupLines(lines.with(measureTable + 1, JSON.stringify(row))),
      );
      await assert.rejects(restoreConfirmed(target, damaged), (e: ShinchokuError) => {
        assert.equal(e.location.line, measureTable + 2, e.describe());
        assert.match(e.message, /保存できません/u);
        return true;
      });
      assert.deepEqual(await emptyCounts(target, header), []);
    } finally {
      await target.dispose();
    }
  });
});
