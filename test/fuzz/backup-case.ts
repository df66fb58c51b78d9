import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { backupStore } from "../../src/commands/backup/store-backup.ts";
import { restoreStore } from "../../src/commands/backup/store-restore.ts";
import type { ShinchokuError } from "../../src/domain/errors.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import type { Store } from "../../src/store/store.ts";
import { backupFileLines, resealBackupLines } from "../factories/backup-files.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";
import { guardedCase } from "./fuzz-harness.ts";
import { applyByteOp, type ByteOp, byteOp, HUGE_CELL_BYTES, textCell } from "./mutation-recipe.ts";

/** The key of the cases that restore as an operator who set SHINCHOKU_BACKUP_KEY. */
export const FUZZ_BACKUP_KEY = "fuzz-backup-key-00112233445566778899aabbccddeeff";

/** A value written into a row, the header or the closing line. */
type FuzzValue =
  | { kind: "json"; value: null | boolean | number | string | [] | Record<string, never> }
  | { kind: "text"; text: string }
  /** The value there, moved by a few (an id or a reference that now means another row, or none). */
  | { kind: "shift"; by: number }
  | { kind: "huge" };

export type BackupLineOp =
  | { op: "drop"; at: number }
  | { op: "duplicate"; at: number }
  | { op: "swap"; at: number; with: number }
  | { op: "raw"; at: number; text: string }
  /** A value of a row line (rows are counted among the row lines only). */
  | { op: "cell"; at: number; column: number; value: FuzzValue }
  /** A field of the header or of one of its tables. */
  | { op: "header"; table: number; field: string; value: FuzzValue }
  | { op: "end"; field: string; value: FuzzValue };

/** A backup described by a recipe: line edits, how it is sealed, and damage to its bytes. */
export interface BackupCase {
  lines: BackupLineOp[];
  /**
   * "reseal": the integrity section made again for the edited content (what someone editing a
   * file without the key can do); "sign": made again with the key (someone holding the key);
   * "stale": left as it was; "strip": taken away.
   */
  seal: "reseal" | "sign" | "stale" | "strip";
  /** Restore with FUZZ_BACKUP_KEY set. */
  keyed: boolean;
  /** Damage to the decompressed text, then to the gzip'd bytes. */
  text: ByteOp[];
  gzip: ByteOp[];
}

const fuzzValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .constantFrom(
        null,
        true,
        false,
        0,
        -1,
        1,
        2,
        1.5,
        1e308,
        -1e308,
        2 ** 53,
        999_999,
        "",
        "x",
        "2014-02-30",
        "administrator",
        "viewer",
        [] as [],
        {} as Record<string, never>,
      )
      .map((value) => ({ kind: "json" as const, value })),
  },
  { weight: 6, arbitrary: textCell.map((text) => ({ kind: "text" as const, text })) },
  {
    weight: 10,
    arbitrary: fc
      .oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(1000, -1000, 2 ** 31))
      .map((by) => ({ kind: "shift" as const, by })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "huge" as const }) },
);

const FIELDS = ["format", "version", "created_at", "dialect", "migrations", "tables"];
const TABLE_FIELDS = ["name", "columns", "rows"];
const END_FIELDS = ["end", "tables", "rows", "integrity", "extra"];

const lineOp: fc.Arbitrary<BackupLineOp> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant("drop" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("raw" as const), at: fc.nat(), text: textCell }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("cell" as const),
      at: fc.nat(),
      column: fc.nat({ max: 20 }),
      value: fuzzValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("header" as const),
      // -1: a field of the header itself; otherwise a field of one of its tables.
      table: fc.integer({ min: -1, max: 40 }),
      field: fc.constantFrom(...FIELDS, ...TABLE_FIELDS),
      value: fuzzValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("end" as const),
      field: fc.constantFrom(...END_FIELDS),
      value: fuzzValue,
    }),
  },
);

export const backupCase: fc.Arbitrary<BackupCase> = fc.record({
  lines: fc.array(lineOp, { maxLength: 4 }),
  seal: fc.oneof(
    { weight: 12, arbitrary: fc.constant("reseal" as const) },
    { weight: 3, arbitrary: fc.constant("sign" as const) },
    { weight: 3, arbitrary: fc.constant("stale" as const) },
    { weight: 2, arbitrary: fc.constant("strip" as const) },
  ),
  keyed: fc.noBias(fc.integer({ min: 0, max: 3 })).map((n) => n === 0),
  text: fc.oneof(
    { weight: 9, arbitrary: fc.constant([] as ByteOp[]) },
    { weight: 1, arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 3 }) },
  ),
  gzip: fc.oneof(
    { weight: 19, arbitrary: fc.constant([] as ByteOp[]) },
    { weight: 1, arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 2 }) },
  ),
});

function fuzzedValue(v: FuzzValue, was?: unknown): unknown {
  if (v.kind === "shift") return typeof was === "number" ? was + v.by : was;
  if (v.kind === "json") return v.value;
  if (v.kind === "text") return v.text;
  return "あ".repeat(HUGE_CELL_BYTES / 3);
}

/** The lines of a backup with a recipe's line edits applied (the closing line last, as read). */
export function editedLines(base: readonly string[], ops: readonly BackupLineOp[]): string[] {
  const lines = [...base];
  const rowLines = () => lines.flatMap((l, i) => (l.startsWith("[") ? [i] : []));
  for (const op of ops) {
    if (lines.length === 0) break;
    const at = op.op === "header" || op.op === "end" ? 0 : op.at % lines.length;
    switch (op.op) {
      case "drop":
        lines.splice(at, 1);
        break;
      case "duplicate":
        lines.splice(at, 0, lines[at] ?? "");
        break;
      case "swap": {
        const other = op.with % lines.length;
        const line = lines[at] ?? "";
        lines[at] = lines[other] ?? "";
        lines[other] = line;
        break;
      }
      case "raw":
        lines[at] = op.text;
        break;
      case "cell": {
        const rows = rowLines();
        const index = rows[op.at % Math.max(rows.length, 1)];
        if (index === undefined) break;
        const row = JSON.parse(lines[index] ?? "[]") as unknown[];
        const column = op.column % (row.length + 1);
        row[column] = fuzzedValue(op.value, row[column]);
        lines[index] = JSON.stringify(row);
        break;
      }
      case "header": {
        const header = parsedObject(lines[0]);
        if (!header) break;
        const tables = Array.isArray(header.tables) ? header.tables : [];
        const target = op.table < 0 ? header : tables[op.table % Math.max(tables.length, 1)];
        if (target && typeof target === "object")
          target[op.field] = fuzzedValue(op.value, target[op.field]);
        lines[0] = JSON.stringify(header);
        break;
      }
      case "end": {
        const last = lines.length - 1;
        const end = parsedObject(lines[last]);
        if (!end) break;
        end[op.field] = fuzzedValue(op.value, end[op.field]);
        lines[last] = JSON.stringify(end);
        break;
      }
    }
  }
  return lines;
}

// biome-ignore lint/suspicious/noExplicitAny: a parsed line edited by field name
function parsedObject(line: string | undefined): Record<string, any> | null {
  try {
    const value = JSON.parse(line ?? "");
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The gzip'd bytes of a case, and the number of lines its text holds. */
export function backupCaseBytes(base: readonly string[], c: BackupCase) {
  let lines = editedLines(base, c.lines);
  const last = lines.at(-1);
  const end = parsedObject(last);
  if (end && "end" in end) {
    if (c.seal === "reseal") lines = resealBackupLines(lines);
    else if (c.seal === "sign") lines = resealBackupLines(lines, FUZZ_BACKUP_KEY);
    else if (c.seal === "strip") {
      delete end.integrity;
      lines = [...lines.slice(0, -1), JSON.stringify(end)];
    }
  }
  let text: Uint8Array = new Uint8Array(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
  for (const op of c.text) text = applyByteOp(text, op);
  let bytes: Uint8Array = new Uint8Array(gzipSync(text));
  for (const op of c.gzip) bytes = applyByteOp(bytes, op);
  let count = 1;
  for (const b of text) if (b === 0x0a) count++;
  return { bytes, lines: count };
}

/** A rejection of a backup must name the file and a line it has (or the line after its last). */
export function namesBackupLine(error: ShinchokuError, file: string, lines: number): boolean {
  const { line } = error.location;
  return (
    error.location.file === file &&
    Number.isInteger(line) &&
    (line as number) >= 1 &&
    (line as number) <= lines + 1
  );
}

/**
 * Restore a case's file over the store (`force`, confirmed): it is restored, or refused with
 * its file and a line. `confirmed` tells whether the restore got as far as asking.
 */
export async function restoreCase(store: Store, file: string, lines: number, keyed: boolean) {
  let confirmed = false;
  const outcome = await guardedCase(
    () =>
      restoreStore(store, file, {
        force: true,
        ...(keyed ? { key: FUZZ_BACKUP_KEY } : {}),
        confirm: () => {
          confirmed = true;
          return true;
        },
      }),
    (error) => namesBackupLine(error, file, lines),
  );
  return { outcome, confirmed };
}

/** A department, an account of it and an API token, written directly (no scrypt: it is fuzzing). */
async function addAccounts(store: Store): Promise<void> {
  const at = new Date().toISOString();
  const { id: organization } = await store.db
    .selectFrom("organization")
    .select("id")
    .executeTakeFirstOrThrow();
  const { id: department } = await store.db
    .insertInto("department")
    .values({ organization_id: organization, name: "保育幼稚園課", created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  const account = (login: string, role: string, disabled: number) =>
    store.db
      .insertInto("account")
      .values({
        organization_id: organization,
        login,
        display_name: login,
        password_hash: `scrypt$not-a-real-hash-${login}`,
        role,
        department_id: role === "departmentEditor" ? department : null,
        disabled,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const admin = await account("admin", "administrator", 0);
  await account("viewer", "viewer", 0);
  const token = await account("api-token:fuzz", "departmentEditor", 1);
  await store.db
    .withTables<{ api_token: Record<string, string | number | null> }>()
    .insertInto("api_token")
    .values({
      organization_id: organization,
      department_id: department,
      account_id: token.id,
      name: "保育システム連携",
      digest: "0".repeat(64),
      created_by: admin.id,
      created_at: at,
      revoked_at: null,
    })
    .execute();
}

/**
 * The example plan imported into `store`, with a department, accounts and an API token, backed
 * up by our own backup: the lines every case mutates.
 */
export async function exampleBackupLines(store: Store, dir: string): Promise<string[]> {
  await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
  await addAccounts(store);
  const seed = join(dir, "seed.jsonl.gz");
  await backupStore(store, seed);
  return backupFileLines(seed);
}

/** One case restored over a fresh SQLite store holding the example plan (a kept regression). */
export async function replayBackupCase(c: BackupCase): Promise<void> {
  const store = await freshStore("sqlite");
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-backup-case-"));
  try {
    const { bytes, lines } = backupCaseBytes(await exampleBackupLines(store, dir), c);
    const file = join(dir, "case.jsonl.gz");
    writeFileSync(file, bytes);
    await restoreCase(store, file, lines, c.keyed);
  } finally {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
