import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { it } from "node:test";
import { staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import { logIn } from "../auth/login-authenticator.ts";
import { issueApiToken, revokeApiToken } from "./api-token-issuer.ts";
import { findApiToken } from "./api-token-store.ts";

const refused = (id: string) => (error: unknown) =>
  error instanceof ShinchokuError && error.id === id;

forEachStore("API tokens", (dialect) => {
  it("issues a token to a department for administrators only, and keeps only its SHA-256", async () => {
    const {
      store,
      value: { staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const input = { department: "保育幼稚園課", name: "保育システム連携" };
      for (const actor of [staff.planner, staff.nursery, staff.viewer, staff.outsider])
        await assert.rejects(issueApiToken(store, actor, input), refused("forbidden"));
      await assert.rejects(
        issueApiToken(store, staff.admin, { ...input, department: "存在しない課" }),
        refused("not_found"),
      );
      await assert.rejects(
        issueApiToken(store, staff.admin, { ...input, name: " " }),
        refused("invalid_input"),
      );
      const issued = await issueApiToken(store, staff.admin, input);
      assert.match(issued.token, /^shk_[A-Za-z0-9_-]{43}$/u);
      const rows = await store.db
        .withTables<ApiTokenTables>()
        .selectFrom("api_token")
        .selectAll()
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.digest, createHash("sha256").update(issued.token).digest("hex"));
      assert.ok(
        !JSON.stringify(rows).includes(issued.token.slice(4)),
        "the token itself is not stored",
      );
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["account_id", "entity_id", "after"])
        .where("action", "=", "api_token.issue")
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.account_id, a.entity_id]),
        [[staff.admin.accountId, String(issued.id)]],
      );
      assert.match(audit[0]?.after ?? "", /保育システム連携/u);
    } finally {
      await store.dispose();
    }
  });

  it("lets a token act as an editor of its department under an account of its own that cannot sign in", async () => {
    const {
      store,
      value: { staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const issued = await issueApiToken(store, staff.admin, {
        department: "保育幼稚園課",
        name: "保育システム連携",
      });
      const holder = await findApiToken(store, issued.token);
      assert.ok(holder);
      assert.equal(holder.actor.role, "departmentEditor");
      assert.equal(holder.actor.departmentId, staff.nursery.departmentId);
      assert.equal(holder.actor.organizationId, staff.admin.organizationId);
      assert.notEqual(holder.actor.accountId, staff.admin.accountId);
      const account = await store.db
        .selectFrom("account")
        .select(["login", "display_name", "disabled"])
        .where("id", "=", holder.actor.accountId)
        .executeTakeFirstOrThrow();
      assert.equal(account.display_name, "APIトークン「保育システム連携」");
      assert.equal(account.disabled, 1);
      await assert.rejects(
        logIn(store, { login: account.login, password: "!api-token", address: "127.0.0.1" }),
        refused("unauthenticated"),
      );
      assert.equal(await findApiToken(store, `${issued.token}x`), null);
      assert.equal(await findApiToken(store, undefined), null);
    } finally {
      await store.dispose();
    }
  });

  it("revokes a token for an administrator of its organization, at once, with an audit event", async () => {
    const {
      store,
      value: { staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const issued = await issueApiToken(store, staff.admin, {
        department: "交通政策課",
        name: "交通連携",
      });
      for (const actor of [staff.planner, staff.transport, staff.outsider])
        await assert.rejects(revokeApiToken(store, actor, { id: issued.id }), refused("forbidden"));
      await assert.rejects(revokeApiToken(store, staff.admin, { id: 999 }), refused("not_found"));
      assert.ok(await findApiToken(store, issued.token));
      await revokeApiToken(store, staff.admin, { id: issued.id });
      assert.equal(await findApiToken(store, issued.token), null);
      await assert.rejects(
        revokeApiToken(store, staff.admin, { id: issued.id }),
        refused("invalid_state"),
      );
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["account_id", "before", "after"])
        .where("action", "=", "api_token.revoke")
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.account_id, staff.admin.accountId);
      assert.match(audit[0]?.after ?? "", /"revokedAt":"\d{4}-/u);
    } finally {
      await store.dispose();
    }
  });
});
