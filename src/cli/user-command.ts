import { parseArgs } from "node:util";
import { editAccount } from "../commands/accounts/account-editor.ts";
import { setAccountEnabled } from "../commands/accounts/account-switch.ts";
import { createAccount } from "../commands/auth/account-creator.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { type Actor, can } from "../domain/staff-policy.ts";
import { type AccountListing, listAccounts } from "../store/queries/account-list-query.ts";
import type { Store } from "../store/store.ts";
import { actingAccount } from "./acting-account.ts";
import { openConfiguredStore } from "./database-url.ts";
import { standardInput } from "./standard-streams.ts";

const USAGE = `shinchoku user add --org-code CODE --login NAME --role ROLE [--name 表示名] [--department 担当課 [--create-department]] < パスワード
  shinchoku user list --as 管理者
  shinchoku user disable LOGIN --as 管理者
  shinchoku user enable LOGIN --as 管理者
  shinchoku user set-role LOGIN ROLE [--department 担当課] --as 管理者`;

/** Read the password from standard input (first line), so it is never in the shell history or `ps`. */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of standardInput()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/u)[0] ?? "";
}

/** The person's account named on the command line, in the acting administrator's organization. */
async function accountNamed(store: Store, actor: Actor, login: string): Promise<AccountListing> {
  const normalized = login.normalize("NFKC").trim().toLowerCase();
  const found = (await listAccounts(store.db, actor.organizationId)).find(
    (a) => a.login === normalized,
  );
  if (!found)
    throw new ShinchokuError("not_found", `アカウント ${normalized} はありません`, {
      field: "LOGIN",
    });
  return found;
}

async function departmentIdNamed(store: Store, actor: Actor, name: string): Promise<number> {
  const row = await store.db
    .selectFrom("department")
    .select("id")
    .where("organization_id", "=", actor.organizationId)
    .where("name", "=", name.normalize("NFKC").trim())
    .executeTakeFirst();
  if (!row)
    throw new ShinchokuError(
      "not_found",
      `担当課「${name.trim()}」はありません（担当課は職員ページの「担当課の管理」で作ります）`,
      { field: "--department" },
    );
  return row.id;
}

const ROLE_NAMES: Record<string, string> = {
  administrator: "管理者",
  planner: "企画課",
  departmentEditor: "担当課",
  viewer: "閲覧者",
};

/**
 * Staff accounts from the command line. `user add` makes the first administrator (password on
 * standard input; no `--as`, since there may be nobody yet). The others act as an enabled
 * administrator named by `--as`, under the same rules as the administrators' pages, and the audit
 * trail names that person:
 * `shinchoku user list --as admin`, `user disable hoiku --as admin`, `user enable hoiku --as admin`,
 * `user set-role hoiku departmentEditor --department 保育幼稚園課 --as admin`.
 */
export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "add") return addCommand(rest);
  if (sub !== "list" && sub !== "disable" && sub !== "enable" && sub !== "set-role") {
    console.error(
      `shinchoku user: サブコマンドは add, list, disable, enable, set-role です\n  ${USAGE}`,
    );
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { as: { type: "string" }, department: { type: "string" } },
  });
  const wanted = sub === "list" ? 0 : sub === "set-role" ? 2 : 1;
  if (!values.as || positionals.length !== wanted) {
    console.error(`shinchoku user ${sub}: 引数が違います\n  ${USAGE}`);
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    const { actor } = await actingAccount(store, values.as);
    if (sub === "list") {
      if (!can(actor, "account.manage", { organizationId: actor.organizationId }))
        throw new ShinchokuError("forbidden", "アカウントの一覧を見る権限がありません");
      for (const a of await listAccounts(store.db, actor.organizationId)) {
        const state = a.disabled
          ? `無効（${a.disabledAt ?? ""}）`
          : a.passwordUnset
            ? "パスワード未設定"
            : "有効";
        console.log([a.login, a.displayName, a.role, a.department ?? "", state].join("\t"));
      }
      return 0;
    }
    const account = await accountNamed(store, actor, positionals[0] ?? "");
    if (sub === "set-role") {
      const role = positionals[1] ?? "";
      const departmentId =
        role === "departmentEditor"
          ? values.department
            ? await departmentIdNamed(store, actor, values.department)
            : account.departmentId
          : null;
      await editAccount(store, actor, {
        accountId: account.id,
        role,
        departmentId,
        displayName: account.displayName,
      });
      console.log(
        `アカウント ${account.login} の役割を ${ROLE_NAMES[role] ?? role}（${role}）にしました`,
      );
      return 0;
    }
    await setAccountEnabled(store, actor, { accountId: account.id, enabled: sub === "enable" });
    console.log(
      sub === "enable"
        ? `アカウント ${account.login} を有効にしました`
        : `アカウント ${account.login} を無効にしました（ログイン中のセッションは終了し、発行した API トークンは使えなくなります）`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `shinchoku user add --org-code 431001 --login admin --name 管理者 --role administrator < password.txt` */
async function addCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: {
      "org-code": { type: "string" },
      login: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      department: { type: "string" },
      "create-department": { type: "boolean", default: false },
    },
  });
  if (!values["org-code"] || !values.login || !values.role) {
    console.error(
      "shinchoku user add: --org-code, --login, --role が必要です。パスワードは標準入力から渡してください",
    );
    return 2;
  }
  const password = await readPassword();
  const store = await openConfiguredStore();
  try {
    const account = await createAccount(store, {
      organizationCode: values["org-code"],
      login: values.login,
      displayName: values.name ?? values.login,
      password,
      role: values.role,
      ...(values.department
        ? { department: values.department, createDepartment: values["create-department"] }
        : {}),
    });
    console.log(`アカウント ${account.login} を作成しました（${values.role}）`);
    return 0;
  } finally {
    await store.close();
  }
}
