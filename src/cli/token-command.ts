import { parseArgs } from "node:util";
import { issueApiToken, revokeApiToken } from "../commands/api/api-token-issuer.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { can } from "../domain/staff-policy.ts";
import { listApiTokens } from "../store/queries/api-token-list-query.ts";
import { actingAccount } from "./acting-account.ts";
import { openConfiguredStore } from "./database-url.ts";

const USAGE =
  "shinchoku token issue --as LOGIN --department 担当課 --name 名前 / token revoke --as LOGIN --id N / token list --as LOGIN";

/**
 * API tokens for the departments' systems, by an administrator (`--as`):
 * `shinchoku token issue --as admin --department 保育幼稚園課 --name 保育システム連携` prints the
 * token once (only its SHA-256 is kept); `token list` shows ids and names; `token revoke --id N`.
 */
export async function tokenCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "issue" && sub !== "revoke" && sub !== "list") {
    console.error(`shinchoku token: サブコマンドは issue, revoke, list です（${USAGE}）`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      as: { type: "string" },
      department: { type: "string" },
      name: { type: "string" },
      id: { type: "string" },
    },
  });
  const missing =
    !values.as ||
    (sub === "issue" && (!values.department || !values.name)) ||
    (sub === "revoke" && !/^\d+$/u.test(values.id ?? ""));
  if (missing || !values.as) {
    console.error(`shinchoku token ${sub}: 引数が足りません（${USAGE}）`);
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    const { actor } = await actingAccount(store, values.as);
    if (sub === "issue") {
      const issued = await issueApiToken(store, actor, {
        department: values.department ?? "",
        name: values.name ?? "",
      });
      console.error(
        `APIトークン ${issued.id}（${issued.name}、${issued.department}）を発行しました。` +
          "このトークンは二度と表示されません。安全な場所に保管してください:",
      );
      console.log(issued.token);
    } else if (sub === "revoke") {
      const revoked = await revokeApiToken(store, actor, { id: Number(values.id) });
      console.log(`APIトークン ${revoked.id}（${revoked.name}）を無効にしました`);
    } else {
      if (!can(actor, "account.manage", { organizationId: actor.organizationId }))
        throw new ShinchokuError("forbidden", "APIトークンの一覧を見る権限がありません");
      for (const t of await listApiTokens(store.db, actor.organizationId)) {
        const state = t.revokedAt ? `無効（${t.revokedAt}）` : "有効";
        console.log([t.id, t.name, t.department, state, t.createdAt, t.createdBy].join("\t"));
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}
