import { ShinchokuError } from "../../domain/errors.ts";
import { passwordProblem } from "../../domain/password-policy.ts";
import { isStaffRole } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { hashPassword } from "./password-hash.ts";

export interface NewAccount {
  organizationCode: string;
  login: string;
  displayName: string;
  password: string;
  role: string;
  /** Required for a department editor: the department's name. */
  department?: string;
  /**
   * Create the department when the organization has none of that name; otherwise an unknown
   * name is refused (a mistyped `--department` used to create a department silently).
   */
  createDepartment?: boolean;
}

/**
 * Create a staff account (the first administrator comes from the CLI: `shinchoku user add`).
 * There is no default password: the caller always gives one, and it must pass the password
 * policy (`domain/password-policy.ts`).
 */
export async function createAccount(store: Store, input: NewAccount, now = new Date()) {
  const login = input.login.normalize("NFKC").trim().toLowerCase();
  if (!/^[a-z0-9._@-]{3,64}$/u.test(login)) {
    throw new ShinchokuError(
      "invalid_input",
      "ログイン名は半角英数字と . _ @ - の3〜64文字にしてください",
      { field: "login" },
    );
  }
  if (!isStaffRole(input.role)) {
    throw new ShinchokuError(
      "invalid_input",
      `役割「${input.role}」はありません（administrator, planner, departmentEditor, viewer）`,
      { field: "role" },
    );
  }
  const displayName = input.displayName.trim() || login;
  const problem = await passwordProblem(input.password, { login, displayName });
  if (problem) throw new ShinchokuError("invalid_input", problem.message, { field: "password" });
  if (input.role === "departmentEditor" && !input.department?.trim()) {
    throw new ShinchokuError("invalid_input", "担当課の編集者には担当課を指定してください", {
      field: "department",
    });
  }
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organization")
      .select("id")
      .where("code", "=", input.organizationCode)
      .executeTakeFirst();
    if (!org)
      throw new ShinchokuError("not_found", `団体 ${input.organizationCode} は登録されていません`, {
        field: "organization",
      });
    if (
      await trx.selectFrom("account").select("id").where("login", "=", login).executeTakeFirst()
    ) {
      throw new ShinchokuError("conflict", `ログイン名 ${login} は使われています`, {
        field: "login",
      });
    }
    let departmentId: number | null = null;
    if (input.department?.trim()) {
      const name = input.department.trim();
      const found = await trx
        .selectFrom("department")
        .select("id")
        .where("organization_id", "=", org.id)
        .where("name", "=", name)
        .executeTakeFirst();
      if (!found && !input.createDepartment)
        throw new ShinchokuError(
          "not_found",
          `担当課「${name}」はありません。作るときは --create-department を付けてください`,
          { field: "department" },
        );
      departmentId =
        found?.id ??
        (
          await trx
            .insertInto("department")
            .values({ organization_id: org.id, name, created_at: at })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
    }
    const account = await trx
      .insertInto("account")
      .values({
        organization_id: org.id,
        login,
        display_name: displayName,
        password_hash: passwordHash,
        role: input.role,
        department_id: departmentId,
        locked_until: null,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: null,
      action: "account.create",
      entity: "account",
      entityId: account.id,
      after: { login, role: input.role, departmentId },
      at,
    });
    return { id: account.id, login, departmentId };
  });
}
