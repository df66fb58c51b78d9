import type { ColumnDefinitionBuilder, CreateTableBuilder } from "kysely";

export type DialectName = "sqlite" | "postgres";

/**
 * The one place where the schema differs by database: how an auto-numbered primary key is
 * declared. Everything else is the same SQL on both.
 */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
) {
  return dialect === "postgres"
    ? table.addColumn("id", "serial", (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn("id", "integer", (c: ColumnDefinitionBuilder) =>
        c.primaryKey().autoIncrement(),
      );
}
