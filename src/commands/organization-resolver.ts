import type { Transaction } from "kysely";
import { ShinchokuError } from "../domain/errors.ts";
import { isOrganizationCode } from "../domain/organization-code.ts";
import type { Database } from "../store/database.ts";

/**
 * The organization an import belongs to: the one given (created when new), the one of the
 * plan named by its slug, or the only one in the store.
 */
export async function resolveOrganization(
  trx: Transaction<Database>,
  given: { code: string; name?: string } | undefined,
  planSlug: string | undefined,
  now: string,
): Promise<{ id: number; code: string }> {
  if (given) {
    const code = given.code.normalize("NFKC").trim();
    if (!isOrganizationCode(code)) {
      throw new ShinchokuError(
        "invalid_input",
        `全国地方公共団体コード「${given.code}」が正しくありません（検査数字付きの6桁、例: 熊本市 431001）`,
        { field: "全国地方公共団体コード" },
      );
    }
    const found = await trx
      .selectFrom("organization")
      .select(["id", "code", "name"])
      .where("code", "=", code)
      .executeTakeFirst();
    if (found) {
      if (given.name && given.name !== found.name) {
        throw new ShinchokuError(
          "invalid_input",
          `コード ${code} は「${found.name}」として登録済みです（指定: ${given.name}）`,
          { field: "地方公共団体名" },
        );
      }
      return found;
    }
    if (!given.name?.trim()) {
      throw new ShinchokuError(
        "invalid_input",
        `新しい団体 ${code} の名前を --org-name で指定してください`,
        { field: "地方公共団体名" },
      );
    }
    return trx
      .insertInto("organization")
      .values({ code, name: given.name.trim(), created_at: now })
      .returning(["id", "code"])
      .executeTakeFirstOrThrow();
  }
  if (planSlug) {
    const plan = await trx
      .selectFrom("plan")
      .innerJoin("organization", "organization.id", "plan.organization_id")
      .select(["organization.id", "organization.code"])
      .where("plan.slug", "=", planSlug)
      .executeTakeFirst();
    if (plan) return plan;
  }
  const all = await trx.selectFrom("organization").select(["id", "code"]).limit(2).execute();
  if (all.length === 1 && all[0]) return all[0];
  throw new ShinchokuError(
    "invalid_input",
    "どの団体の計画か分かりません: --org-code と --org-name を指定してください（例: --org-code 431001 --org-name 熊本市）",
    { field: "全国地方公共団体コード" },
  );
}
