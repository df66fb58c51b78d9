import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import {
  checkedDisplayName,
  checkedEmail,
  checkedRole,
  departmentOf,
  keepOneAdministrator,
  lockedPersonAccount,
  mustManageAccounts,
} from "./account-rules.ts";

/**
 * Change a person's role, department, display name and e-mail address: administrators only. A department
 * editor needs an existing department (the other roles have none); the last enabled
 * administrator cannot be demoted. A new role or department holds from the account's next
 * request on, since every request reads the account again. Audited before and after.
 * @example await editAccount(store, admin, { accountId: 7, role: "planner", departmentId: null, displayName: "企画 花子" });
 */
export async function editAccount(
  store: Store,
  actor: Actor,
  input: {
    accountId: number;
    role: string;
    departmentId: number | null;
    displayName: string;
    /** The new address ("" removes it); null or absent leaves the stored one. */
    email?: string | null;
  },
  now = new Date(),
) {
  mustManageAccounts(actor, "アカウントを変更する");
  const role = checkedRole(input.role);
  if (role === "departmentEditor" && input.departmentId === null)
    throw new ShinchokuError("invalid_input", "担当課の編集者には担当課を選んでください", {
      field: "departmentId",
    });
  const email =
    input.email === null || input.email === undefined ? undefined : checkedEmail(input.email);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const account = await lockedPersonAccount(trx, actor, input.accountId);
    const displayName = checkedDisplayName(input.displayName, account.login);
    const department =
      role === "departmentEditor" && input.departmentId !== null
        ? await departmentOf(trx, actor.organizationId, input.departmentId)
        : null;
    if (account.role === "administrator" && role !== "administrator" && account.disabled === 0)
      await keepOneAdministrator(trx, actor.organizationId, account.id);
    const before = {
      role: account.role,
      department: account.department_name,
      displayName: account.display_name,
      email: account.email,
    };
    const after = {
      role,
      department: department?.name ?? null,
      displayName,
      email: email === undefined ? account.email : email,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return { id: account.id, changed: false };
    await trx
      .updateTable("account")
      .set({
        role,
        department_id: department?.id ?? null,
        display_name: displayName,
        email: after.email,
      })
      .where("id", "=", account.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: "account.update",
      entity: "account",
      entityId: account.id,
      before: { login: account.login, ...before },
      after: { login: account.login, ...after },
      at,
    });
    return { id: account.id, changed: true };
  });
}
