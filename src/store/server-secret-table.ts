import type { Generated } from "kysely";

/** A secret of the servers sharing the store (see migration 010), as hex. */
export interface ServerSecretTable {
  id: Generated<number>;
  name: string;
  value: string;
  created_at: string;
}

/** Added to the store's schema type with `db.withTables<ServerSecretTables>()`. */
export type ServerSecretTables = {
  server_secret: ServerSecretTable;
};
