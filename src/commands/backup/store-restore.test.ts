import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { type ApiFixture, OPEN_AS_OF } from "../../../test/factories/api-tokens.ts";
import {
  BACKUP_KEY,
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
import type { RestorePreview } from "./restore-preview.ts";
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
  /** The same store backed up with the operator's key (BACKUP_KEY). */
  signedFile: string;
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
      const signedFile = newFile();
      await backupStore(store, signedFile, { key: BACKUP_KEY });
      return {
        ...fixture,
        file,
        signedFile,
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
  it("refuses a value of another type than its column's, naming its line, on either database", async () => {
    const { file, header } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const lines = backupFileLines(file);
      const columns = header.tables.find((t) => t.name === "roadmap_entry")?.columns ?? [];
      const at = lines.indexOf('{"table":"roadmap_entry"}') + 1;
      const row = JSON.parse(lines[at] ?? "");
      // SQLite would store this text in the integer column without a word.
      row[columns.indexOf("fiscal_year")] = "二〇一四";
      const damaged = newFile();
      writeBackupLines(damaged, resealBackupLines(lines.with(at, JSON.stringify(row))));
      await assert.rejects(restoreConfirmed(target, damaged), (e: ShinchokuError) => {
        assert.equal(e.location.line, at + 1, e.describe());
        assert.match(
          e.message,
          /表 roadmap_entry の列 fiscal_year には整数が入りますが、"二〇一四" です/u,
        );
        return true;
      });
      assert.deepEqual(await emptyCounts(target, header), []);
    } finally {
      await target.dispose();
    }
  });

  it("refuses a signed backup edited to make the viewer an administrator when a key is set, and writes nothing", async () => {
    const { signedFile, header } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const lines = backupFileLines(signedFile);
      const edited = withAccount(lines, header, "viewer", { role: "administrator" });
      const end = lines.length;
      let asked = 0;
      const confirm = () => {
        asked += 1;
        return true;
      };
      const refused = async (file: string, message: RegExp, options: Partial<RestoreOptions>) => {
        await assert.rejects(restoreStore(target, file, { ...options, confirm }), (e) => {
          assert.ok(e instanceof ShinchokuError, String(e));
          assert.equal(e.location.file, file);
          assert.equal(e.location.line, end, e.describe());
          assert.match(e.message, message);
          return true;
        });
        assert.equal(asked, 0, "nothing is shown for a yes before the file is verified");
        assert.deepEqual(await emptyCounts(target, header), [], "nothing was stored");
      };

      // Whoever edits it can make the SHA-256 match again, but not the HMAC without the key.
      const keptMac = newFile();
      const resealed = resealBackupLines(edited);
      const mac = JSON.parse(lines.at(-1) ?? "").integrity.hmac_sha256;
      const end2 = JSON.parse(resealed.at(-1) ?? "");
      end2.integrity.hmac_sha256 = mac;
      writeBackupLines(keptMac, [...resealed.slice(0, -1), JSON.stringify(end2)]);
      await refused(keptMac, /署名（HMAC-SHA-256）が合いません/u, { key: BACKUP_KEY });

      const unsignedCopy = newFile();
      writeBackupLines(unsignedCopy, resealed);
      await refused(unsignedCopy, /署名のないバックアップです.*--allow-unsigned/u, {
        key: BACKUP_KEY,
      });

      // Edited without making the digest again: damaged, with or without a key.
      const stale = newFile();
      writeBackupLines(stale, edited);
      await refused(stale, /SHA-256 と合いません/u, {});

      // Signed with another key: refused as edited.
      await refused(signedFile, /署名（HMAC-SHA-256）が合いません/u, {
        key: "another-key-of-the-same-city-000000000000",
      });

      // The operator may still restore an unsigned file on purpose, and is told so.
      const outcome = await restoreStore(target, unsignedCopy, {
        key: BACKUP_KEY,
        allowUnsigned: true,
        confirm: () => false,
      });
      assert.equal(outcome.restored, false);
      assert.equal(outcome.preview.integrity.signature, "unsigned");
      assert.match(outcome.preview.warnings.join("\n"), /--allow-unsigned で復元します/u);
      assert.equal(
        outcome.preview.accounts.find((a) => a.login === "viewer")?.role,
        "administrator",
        "the list shows the edited role",
      );
      assert.deepEqual(await emptyCounts(target, header), []);
    } finally {
      await target.dispose();
    }
  });

  it("lists the accounts, roles and API tokens a backup will create and writes nothing until confirmed", async () => {
    const { signedFile, header, rows } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const revisionBefore = await target.db.selectFrom("data_revision").selectAll().execute();
      let shown: RestorePreview | null = null;
      const declined = await restoreStore(target, signedFile, {
        key: BACKUP_KEY,
        confirm: (preview) => {
          shown = preview;
          return false;
        },
      });
      assert.equal(declined.restored, false);
      assert.deepEqual(await emptyCounts(target, header), [], "nothing was stored");
      assert.deepEqual(
        await target.db.selectFrom("data_revision").selectAll().execute(),
        revisionBefore,
      );
      const preview = shown as RestorePreview | null;
      assert.ok(preview);
      assert.equal(preview.integrity.signature, "verified");
      assert.deepEqual(preview.warnings, []);
      const staff = preview.accounts.filter((a) => !a.apiToken);
      assert.deepEqual(
        staff.map((a) => [a.login, a.role, a.department, a.disabled, a.organization]),
        [
          ["admin", "administrator", null, false, "熊本市（431001）"],
          ["planner", "planner", null, false, "熊本市（431001）"],
          ["nursery", "departmentEditor", "保育幼稚園課", false, "熊本市（431001）"],
          ["transport", "departmentEditor", "交通政策課", false, "熊本市（431001）"],
          ["viewer", "viewer", null, false, "熊本市（431001）"],
          ["outsider", "planner", null, false, "東京都（130001）"],
        ],
      );
      const tokenAccounts = preview.accounts.filter((a) => a.apiToken);
      assert.equal(tokenAccounts.length, 2);
      assert.ok(tokenAccounts.every((a) => a.disabled));
      assert.deepEqual(
        preview.apiTokens.map((t) => [t.name, t.department, t.revoked]),
        [
          ["保育システム連携", "保育幼稚園課", false],
          ["交通連携", "交通政策課", false],
        ],
      );
      assert.equal(rows.account?.length, preview.accounts.length, "every account is listed");

      // Confirmed with a valid signature: restored.
      const restored = await restoreConfirmed(target, signedFile, { key: BACKUP_KEY });
      assert.equal(restored.preview.integrity.signature, "verified");
      assert.deepEqual(await restorable(target, header), rows);
    } finally {
      await target.dispose();
    }
  });

  it("warns of an API token account that could sign in, and of an old backup without integrity", async () => {
    const { file, header } = await sourceOf(dialect);
    const target = await freshStore(dialect);
    try {
      const lines = backupFileLines(file);
      const columns = header.tables.find((t) => t.name === "api_token")?.columns ?? [];
      const tokenLine = lines.indexOf('{"table":"api_token"}') + 1;
      const tokenAccount = JSON.parse(lines[tokenLine] ?? "")[columns.indexOf("account_id")];
      const enabled = newFile();
      writeBackupLines(
        enabled,
        resealBackupLines(withAccount(lines, header, tokenAccount, { disabled: 0 })),
      );
      const outcome = await restoreStore(target, enabled, { confirm: () => false });
      assert.match(
        outcome.preview.warnings.join("\n"),
        /API トークン用のアカウント \S+ が無効になっていません/u,
      );

      // Version 1, before the integrity section: restored with a warning when no key is set.
      const old = newFile();
      const head = JSON.parse(lines[0] ?? "");
      const { integrity: _, ...end } = JSON.parse(lines.at(-1) ?? "");
      writeBackupLines(old, [
        JSON.stringify({ ...head, version: 1 }),
        ...lines.slice(1, -1),
        JSON.stringify(end),
      ]);
      await assert.rejects(
        restoreStore(target, old, { key: BACKUP_KEY, confirm: () => true }),
        /古い形式のバックアップです。SHINCHOKU_BACKUP_KEY が設定されているので復元しません/u,
      );
      assert.deepEqual(await emptyCounts(target, header), []);
      const restored = await restoreConfirmed(target, old);
      assert.equal(restored.preview.integrity.signature, "old-format");
      assert.match(restored.preview.warnings.join("\n"), /古い形式/u);

      // A version 2 file whose integrity section was taken away is not taken for an old one.
      const stripped = newFile();
      writeBackupLines(stripped, [...lines.slice(0, -1), JSON.stringify(end)]);
      const again = await freshStore(dialect);
      try {
        await assert.rejects(
          restoreStore(again, stripped, { confirm: () => true }),
          /完全性の記録（integrity）がありません/u,
        );
      } finally {
        await again.dispose();
      }
    } finally {
      await target.dispose();
    }
  });
});

/** The lines with one account's columns changed (found by login, or by id). */
function withAccount(
  lines: readonly string[],
  header: BackupHeader,
  who: string | number,
  change: Record<string, string | number>,
): string[] {
  const columns = header.tables.find((t) => t.name === "account")?.columns ?? [];
  const first = lines.indexOf('{"table":"account"}') + 1;
  const at = lines.findIndex((l, i) => {
    if (i < first || !l.startsWith("[")) return false;
    const row = JSON.parse(l);
    return row[columns.indexOf(typeof who === "string" ? "login" : "id")] === who;
  });
  assert.ok(at >= first, `the account ${who} is in the backup`);
  const row = JSON.parse(lines[at] ?? "");
  for (const [column, value] of Object.entries(change)) row[columns.indexOf(column)] = value;
  return lines.with(at, JSON.stringify(row));
}
