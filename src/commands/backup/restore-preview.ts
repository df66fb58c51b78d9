import type { BackupHeader, BackupValue } from "./backup-format.ts";
import type { VerifiedIntegrity } from "./backup-integrity.ts";
import type { BackupRow } from "./row-loader.ts";

/** A staff account a restore will create, as the operator must see it before saying yes. */
export interface PreviewAccount {
  organization: string;
  login: string;
  displayName: string;
  role: string;
  department: string | null;
  disabled: boolean;
  /** The account behind an API token (it must stay disabled: a token never signs in). */
  apiToken: boolean;
}

/** An API token a restore will bring back: it works again as soon as the restore is done. */
export interface PreviewApiToken {
  organization: string;
  name: string;
  department: string | null;
  revoked: boolean;
}

/**
 * What a backup will create, read and checked before anything is written: who can sign in or
 * call the API afterwards, and how far the file's origin is proven.
 */
export interface RestorePreview {
  file: string;
  header: BackupHeader;
  totalRows: number;
  accounts: PreviewAccount[];
  apiTokens: PreviewApiToken[];
  integrity: VerifiedIntegrity;
  /** Said loudly before the question: an unverified origin, a token account that can sign in. */
  warnings: string[];
  /** Tables of the target that hold data and will be replaced (`force`), with their counts. */
  replaces: string[];
}

type Picked = Record<string, BackupValue>;
const KEPT: Record<string, readonly string[]> = {
  organization: ["id", "code", "name"],
  department: ["id", "name"],
  account: ["id", "organization_id", "login", "display_name", "role", "department_id", "disabled"],
  api_token: ["organization_id", "department_id", "account_id", "name", "revoked_at"],
};

/**
 * Keeps, from the rows of a backup as they are read, what a preview lists: organizations,
 * departments, accounts and API tokens (a few columns each, never a hash or a digest).
 * @example const c = new PreviewCollector(); new RowLoader({ db: null, onRow: c.take }, …);
 */
export class PreviewCollector {
  private readonly rows: Record<string, Picked[]> = {};
  private organizations: Map<BackupValue, Picked> | undefined;
  private departments: Map<BackupValue, Picked> | undefined;

  readonly take = (table: string, row: Readonly<BackupRow>): void => {
    const columns = KEPT[table];
    if (!columns) return;
    this.rows[table] ??= [];
    this.rows[table].push(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
  };

  accounts(): PreviewAccount[] {
    const tokenAccounts = new Set(this.of("api_token").map((t) => t.account_id));
    return this.of("account").map((a) => ({
      organization: this.organization(a.organization_id),
      login: String(a.login),
      displayName: String(a.display_name),
      role: String(a.role),
      department: this.department(a.department_id),
      disabled: Number(a.disabled) !== 0,
      apiToken: tokenAccounts.has(a.id ?? null),
    }));
  }

  apiTokens(): PreviewApiToken[] {
    return this.of("api_token").map((t) => ({
      organization: this.organization(t.organization_id),
      name: String(t.name),
      department: this.department(t.department_id),
      revoked: t.revoked_at !== null,
    }));
  }

  /** Token accounts that are not disabled: a token's account must never sign in. */
  warnings(): string[] {
    return this.accounts()
      .filter((a) => a.apiToken && !a.disabled)
      .map(
        (a) =>
          `警告: API トークン用のアカウント ${a.login} が無効になっていません（このアカウントでログインできることになります）`,
      );
  }

  private of(table: string): Picked[] {
    return this.rows[table] ?? [];
  }

  private byId(table: string): Map<BackupValue, Picked> {
    return new Map(this.of(table).map((r) => [r.id ?? null, r]));
  }

  private organization(id: BackupValue | undefined): string {
    this.organizations ??= this.byId("organization");
    const o = this.organizations.get(id ?? null);
    return o ? `${o.name}（${o.code}）` : `団体 ${id}`;
  }

  private department(id: BackupValue | undefined): string | null {
    if (id === null || id === undefined) return null;
    this.departments ??= this.byId("department");
    const d = this.departments.get(id);
    return d ? String(d.name) : `担当課 ${id}`;
  }
}
