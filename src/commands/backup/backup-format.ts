import { z } from "zod";

/**
 * A backup file: gzip'd JSON lines, the same on SQLite and PostgreSQL.
 *
 * ```text
 * {"format":"shinchoku-backup","version":1,"created_at":…,"dialect":"sqlite","migrations":[…],
 *  "tables":[{"name":"data_revision","columns":["id","revision","changed_at"],"rows":1},…]}
 * {"table":"data_revision"}
 * [1,42,"2024-05-01T00:00:00.000Z"]
 * {"table":"login_attempt"}
 * …
 * {"end":true,"tables":21,"rows":5210,"integrity":{"sha256":"…","hmac_sha256":"…"}}
 * ```
 *
 * Line 1 is the header: the tables in dependency order with their columns and row counts, all
 * read in one snapshot. Then, for every table in that order, a line naming it and one line per
 * row (values in the header's column order, ordered by id), and a closing line with the totals.
 * Values are JSON strings, numbers and null only: dates are ISO text and booleans 0/1 in both
 * databases (docs/ARCHITECTURE.md, "One schema, both databases").
 *
 * Version 2 adds the closing line's `integrity`: the SHA-256 of every line before it (each with
 * its line break), and an HMAC-SHA-256 of the same when the operator set `SHINCHOKU_BACKUP_KEY`
 * (backup-integrity.ts). Version 1 files, without it, are still read.
 */
export const BACKUP_FORMAT = "shinchoku-backup";
export const BACKUP_VERSION = 2;

const backupTable = z.object({
  name: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
  rows: z.number().int().nonnegative(),
});

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(BACKUP_VERSION)]),
  created_at: z.string(),
  dialect: z.enum(["sqlite", "postgres"]),
  migrations: z.array(z.string()),
  tables: z.array(backupTable),
});

export type BackupHeader = z.infer<typeof backupHeaderSchema>;
export type BackupTable = z.infer<typeof backupTable>;

/** The line that starts a table's rows. */
export const tableLineSchema = z.object({ table: z.string().min(1) }).strict();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/u, "64 桁の16進数ではありません");
const integritySchema = z.object({ sha256: hex64, hmac_sha256: hex64.optional() }).strict();
export type BackupIntegrity = z.infer<typeof integritySchema>;

/** The last line. */
export const endLineSchema = z
  .object({
    end: z.literal(true),
    tables: z.number().int(),
    rows: z.number().int(),
    integrity: integritySchema.optional(),
  })
  .strict();

/** One value of a row: what both databases store and return for our columns. */
export type BackupValue = string | number | null;

export function isBackupValue(value: unknown): value is BackupValue {
  return (
    value === null ||
    typeof value === "string" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}
