import { type Kysely, sql } from "kysely";
import type { DialectName } from "./dialect-name.ts";

/** A base table of the live schema, as a backup sees it. */
export interface CatalogTable {
  name: string;
  /** The columns a row is written with, in the table's order; generated columns are left out. */
  columns: string[];
  /** The tables its foreign keys point to, one entry per referencing column. */
  references: Array<{ column: string; table: string }>;
  /** What each column holds, by its declared type (a restore checks values against it). */
  types: Record<string, ColumnType>;
}

/** A column's kind of value; "any" for a declared type outside our schema's three. */
export type ColumnType = "integer" | "real" | "text" | "any";

/** The kind of a declared type, by SQLite's affinity rules (which also fit PostgreSQL's names). */
export function columnTypeOf(declared: string): ColumnType {
  const t = declared.toLowerCase();
  if (t.includes("int")) return "integer";
  if (/char|clob|text/u.test(t)) return "text";
  if (/real|floa|doub/u.test(t)) return "real";
  return "any";
}

type Row = { table_name: string; column_name: string; data_type: string };
type ReferenceRow = { table_name: string; column_name: string; references_table: string };

/**
 * The base tables of the live schema with their columns and foreign keys, read from the
 * database's own catalog rather than from a list in the code, so a backup never misses a table a
 * later migration added. Left out: SQLite's internal tables and everything an FTS5 virtual table
 * keeps (it is rebuilt from `search_entry` by triggers), and PostgreSQL's generated columns
 * (`search_entry.document`, computed from the grams).
 * @example const tables = await readSchemaCatalog(store.db, store.dialect);
 */
export async function readSchemaCatalog<DB>(
  store: Kysely<DB>,
  dialect: DialectName,
): Promise<CatalogTable[]> {
  const db = store as unknown as Kysely<unknown>;
  const [names, columns, references] =
    dialect === "postgres"
      ? [
          await sql<{ table_name: string }>`
            select c.relname as table_name from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = current_schema() and c.relkind in ('r', 'p')`.execute(db),
          await sql<Row>`
            select table_name, column_name, data_type from information_schema.columns
            where table_schema = current_schema() and is_generated = 'NEVER'
            order by table_name, ordinal_position`.execute(db),
          await sql<ReferenceRow>`
            select cl.relname as table_name, att.attname as column_name,
              ref.relname as references_table
            from pg_constraint con
            join pg_class cl on cl.oid = con.conrelid
            join pg_namespace n on n.oid = cl.relnamespace
            join pg_class ref on ref.oid = con.confrelid
            join lateral unnest(con.conkey) as k(attnum) on true
            join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum
            where con.contype = 'f' and n.nspname = current_schema()
            order by cl.relname, att.attnum`.execute(db),
        ]
      : [
          await sql<{ table_name: string }>`
            select name as table_name from pragma_table_list
            where schema = 'main' and type = 'table' and substr(name, 1, 7) <> 'sqlite_'`.execute(
            db,
          ),
          await sql<Row>`
            select t.name as table_name, c.name as column_name, c.type as data_type
            from pragma_table_list t, pragma_table_xinfo(t.name) c
            where t.schema = 'main' and t.type = 'table' and c.hidden = 0
            order by t.name, c.cid`.execute(db),
          await sql<ReferenceRow>`
            select t.name as table_name, f."from" as column_name, f."table" as references_table
            from pragma_table_list t, pragma_foreign_key_list(t.name) f
            where t.schema = 'main' and t.type = 'table'
            order by t.name, f.id, f.seq`.execute(db),
        ];
  return names.rows
    .map((r) => r.table_name)
    .sort()
    .map((name) => ({
      name,
      columns: columns.rows.filter((c) => c.table_name === name).map((c) => c.column_name),
      references: references.rows
        .filter((r) => r.table_name === name)
        .map((r) => ({ column: r.column_name, table: r.references_table })),
      types: Object.fromEntries(
        columns.rows
          .filter((c) => c.table_name === name)
          .map((c) => [c.column_name, columnTypeOf(c.data_type)]),
      ),
    }));
}
