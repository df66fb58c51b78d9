import type { Generated } from "kysely";

/** An API token of a department (see migration 005): only its digest is stored. */
export interface ApiTokenTable {
  id: Generated<number>;
  organization_id: number;
  department_id: number;
  /** The token's own account: the identity its saves and audit events carry. */
  account_id: number;
  /** A label chosen by the administrator (「保育幼稚園課 進捗連携」). */
  name: string;
  /** SHA-256 (hex) of the token. */
  digest: string;
  /** The administrator who issued it. */
  created_by: number;
  created_at: string;
  revoked_at: string | null;
}

/** The API token table, added to the store's schema type with `db.withTables<ApiTokenTables>()`. */
export type ApiTokenTables = {
  api_token: ApiTokenTable;
};
