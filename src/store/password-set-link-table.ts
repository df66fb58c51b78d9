import type { Generated } from "kysely";

/** A one-time password-set link (see migration 016): only its digest is stored. */
export interface PasswordSetLinkTable {
  id: Generated<number>;
  account_id: number;
  /** SHA-256 (hex) of the link's token. */
  digest: string;
  /** The administrator who issued it; null when it came from the command line. */
  created_by: number | null;
  created_at: string;
  expires_at: string;
  /** Set when the link was used, or ended by a newer link: it never opens anything again. */
  used_at: string | null;
}

/** Added to the store's schema type with `db.withTables<PasswordSetLinkTables>()`. */
export type PasswordSetLinkTables = {
  password_set_link: PasswordSetLinkTable;
};
