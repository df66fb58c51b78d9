import type { Kysely } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { CatalogTable, ColumnType } from "../../store/dialect/schema-catalog.ts";
import {
  type BackupHeader,
  type BackupTable,
  type BackupValue,
  endLineSchema,
  isBackupValue,
  tableLineSchema,
} from "./backup-format.ts";
import {
  type BackupDigest,
  type BackupTrust,
  type VerifiedIntegrity,
  verifyIntegrity,
} from "./backup-integrity.ts";
import type { BackupLine } from "./backup-lines.ts";
import type { AnyTables } from "./store-backup.ts";

const TYPE_NAMES: Record<ColumnType, string> = {
  integer: "整数",
  real: "数",
  text: "文字列",
  any: "値",
};

const INT_MAX = 2 ** 31 - 1;

/** Whether a value (null aside) is of a column's kind. */
function fits(type: ColumnType, value: BackupValue): boolean {
  if (value === null || type === "any") return true;
  // PostgreSQL's integer: a backup restores into either database.
  if (type === "integer") return Number.isInteger(value) && Math.abs(value as number) <= INT_MAX;
  if (type === "real") return typeof value === "number";
  return typeof value === "string";
}

/** Rows per insert: well under both databases' limits on bound parameters. */
const BATCH = 100;

export type BackupRow = Record<string, BackupValue>;
type Row = BackupRow;
interface Section {
  table: BackupTable;
  /** Columns that point into the same table (a group's parent, a re-listing's original). */
  selfReferences: string[];
  /** What each column holds: SQLite would store text in an integer column without a word. */
  types: Record<string, ColumnType>;
  taken: number;
  batch: Array<{ line: number; row: Row }>;
  seen: Set<BackupValue>;
  /** References to rows further on in the file, set once the whole table is stored. */
  forward: Array<{ line: number; id: BackupValue; column: string; value: BackupValue }>;
}

/** Where the rows go: a transaction to store them in, or null to check the file only. */
export interface RowSink {
  db: Kysely<AnyTables> | null;
  /** Every row as read, before it is stored (a restore lists accounts and tokens with it). */
  onRow?: (table: string, row: Readonly<BackupRow>) => void;
}

/**
 * Takes a backup's lines after the header, checks each against the header, and stores the rows
 * in batches (or, without a database, only checks them). The content is digested as it passes
 * and compared with the closing line's integrity section. Every refusal names the line; the
 * caller's transaction then stores nothing.
 */
export class RowLoader {
  private next = 0;
  private section: Section | null = null;
  private verified: VerifiedIntegrity | null = null;
  private readonly db: Kysely<AnyTables> | null;

  constructor(
    private readonly sink: RowSink,
    private readonly file: string,
    private readonly header: BackupHeader,
    private readonly tables: readonly CatalogTable[],
    /** Holds the header line already; takes every line up to the closing one. */
    private readonly digest: BackupDigest,
    private readonly trust: BackupTrust,
  ) {
    this.db = sink.db;
  }

  async take({ number, text }: BackupLine): Promise<void> {
    if (this.verified) this.fail(number, "終わりの行の後に行があります");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.fail(number, "この行は JSON として読めません（ファイルが壊れています）");
    }
    if (Array.isArray(value)) {
      this.digest.update(text);
      return this.takeRow(number, value);
    }
    const table = tableLineSchema.safeParse(value);
    if (table.success) {
      this.digest.update(text);
      return this.startTable(number, table.data.table);
    }
    const end = endLineSchema.safeParse(value);
    if (end.success) {
      await this.closeSection(number);
      const rows = this.header.tables.reduce((sum, t) => sum + t.rows, 0);
      if (this.next !== this.header.tables.length || end.data.rows !== rows)
        this.fail(number, "終わりの行の表の数・行数が見出し行と合いません");
      this.verified = verifyIntegrity(
        this.digest.result(),
        end.data.integrity,
        this.header.version,
        this.trust,
        { file: this.file, line: number },
      );
      return;
    }
    if (typeof value === "object" && value !== null && "end" in value) {
      const issue = end.error.issues[0];
      this.fail(
        number,
        `終わりの行が読めません（${issue?.path.join(".") || "(行)"}: ${issue?.message ?? ""}）`,
      );
    }
    this.fail(number, "行の値の並び、表の名前、終わりの行のどれでもありません");
  }

  /** After the last line: the file must have ended with its closing line, its content checked. */
  finish(line: number): VerifiedIntegrity {
    if (!this.verified)
      return this.fail(line, "バックアップファイルが途中で切れています（終わりの行がありません）");
    return this.verified;
  }

  private async startTable(line: number, name: string): Promise<void> {
    await this.closeSection(line);
    const table = this.header.tables[this.next];
    if (table?.name !== name)
      this.fail(
        line,
        `表 ${name} の行がありますが、見出し行の順では ${table?.name ?? "終わり"} です`,
      );
    this.next += 1;
    const catalog = this.tables.find((t) => t.name === name);
    this.section = {
      table,
      selfReferences: (catalog?.references ?? [])
        .filter((r) => r.table === name)
        .map((r) => r.column),
      types: catalog?.types ?? {},
      taken: 0,
      batch: [],
      seen: new Set(),
      forward: [],
    };
  }

  private async takeRow(line: number, values: unknown[]): Promise<void> {
    const section = this.section;
    if (!section) return this.fail(line, "表の名前の行より前に値の行があります");
    const { columns, rows, name } = section.table;
    if (values.length !== columns.length)
      this.fail(line, `表 ${name} の行の値が ${values.length} 個で、列は ${columns.length} 個です`);
    if (!values.every(isBackupValue))
      this.fail(line, `表 ${name} の行に、文字列・数・null 以外の値があります`);
    columns.forEach((column, i) => {
      const type = section.types[column] ?? "any";
      if (!fits(type, values[i] as BackupValue))
        this.fail(
          line,
          `表 ${name} の列 ${column} には${TYPE_NAMES[type]}が入りますが、${JSON.stringify(values[i]).slice(0, 40)} です`,
        );
    });
    section.taken += 1;
    if (section.taken > rows)
      this.fail(line, `表 ${name} の行が見出し行の ${rows} 行より多くあります`);
    const row = Object.fromEntries(columns.map((c, i) => [c, values[i] as BackupValue])) as Row;
    this.sink.onRow?.(name, row);
    for (const column of section.selfReferences) {
      const value = row[column] ?? null;
      if (value !== null && !section.seen.has(value)) {
        section.forward.push({ line, id: row.id ?? null, column, value });
        row[column] = null;
      }
    }
    section.seen.add(row.id ?? null);
    if (!this.db) return;
    section.batch.push({ line, row });
    if (section.batch.length >= BATCH) await this.flush(section);
  }

  private async closeSection(line: number): Promise<void> {
    const section = this.section;
    if (!section) return;
    const { name, rows } = section.table;
    if (section.taken !== rows)
      this.fail(line, `表 ${name} の行が ${section.taken} 行で、見出し行の ${rows} 行と合いません`);
    await this.flush(section);
    const db = this.db;
    if (db)
      for (const f of section.forward) {
        await this.guard(f.line, f.line, () =>
          db
            .updateTable(name)
            .set({ [f.column]: f.value })
            .where("id", "=", f.id)
            .execute(),
        );
      }
    this.section = null;
  }

  private async flush(section: Section): Promise<void> {
    const batch = section.batch;
    const db = this.db;
    if (batch.length === 0 || !db) return;
    section.batch = [];
    await this.guard(batch[0]?.line ?? 0, batch.at(-1)?.line ?? 0, () =>
      db
        .insertInto(section.table.name)
        .values(batch.map((b) => b.row))
        .execute(),
    );
  }

  private async guard(first: number, last: number, write: () => Promise<unknown>) {
    try {
      await write();
    } catch (error) {
      const lines = first === last ? `${first} 行目` : `${first}〜${last} 行目`;
      this.fail(first, `${lines}の行を保存できません（${(error as Error).message}）`);
    }
  }

  private fail(line: number, message: string): never {
    throw new ShinchokuError("invalid_input", message, { file: this.file, line });
  }
}
