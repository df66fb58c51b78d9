import assert from "node:assert/strict";
import { it } from "node:test";
import { PASSWORD, type Staff, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import type { PasswordSetLinkTables } from "../../store/password-set-link-table.ts";
import type { Store } from "../../store/store.ts";
import { issueApiToken, revokeApiToken } from "../api/api-token-issuer.ts";
import { findApiToken } from "../api/api-token-store.ts";
import { findSession } from "../auth/session-store.ts";
import { createDepartment } from "../departments/department-creator.ts";
import { mergeDepartment } from "../departments/department-merger.ts";
import { renameDepartment } from "../departments/department-renamer.ts";
import { editAccount } from "./account-editor.ts";
import { inviteAccount } from "./account-inviter.ts";
import { setAccountEnabled } from "./account-switch.ts";
import { issuePasswordSetLink, setPasswordByLink } from "./password-set-link.ts";

const ROLES = ["admin", "planner", "nursery", "transport", "viewer", "outsider"] as const;
type Ctx = {
  store: Store;
  staff: Staff;
  ids: { viewer: number; nursery: number; transport: number };
  tokenId: number;
};

async function snapshot(store: Store) {
  const rows = async (table: "account" | "department" | "measure_department") =>
    (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  const db = store.db.withTables<ApiTokenTables & PasswordSetLinkTables>();
  return {
    accounts: await rows("account"),
    departments: await rows("department"),
    // Append-only: a refused action that recorded nothing leaves the newest id as it was.
    audit: (
      await store.db.selectFrom("audit_event").select("id").orderBy("id", "desc").limit(1).execute()
    )[0]?.id,
    assignments: await rows("measure_department"),
    tokens: (await db.selectFrom("api_token").selectAll().execute()).map((r) => JSON.stringify(r)),
    links: (await db.selectFrom("password_set_link").selectAll().execute()).map((r) =>
      JSON.stringify(r),
    ),
    sessions: (await store.db.selectFrom("session").select("id").execute()).length,
  };
}

/**
 * Every action of the administrators' pages, attempted by every role. Only an administrator of
 * the organization may: a planner who may assign departments still may not create, rename or
 * merge them, nor issue or revoke a token; an editor may not manage accounts; another city's
 * planner reaches nothing. A refused attempt changes nothing (authorization comes first).
 */
const MATRIX: Array<{ name: string; attempt: (a: Actor, c: Ctx, n: number) => Promise<unknown> }> =
  [
    {
      name: "create an account",
      attempt: (a, c, n) =>
        inviteAccount(c.store, a, {
          login: `new-${n}`,
          displayName: "",
          role: "viewer",
          departmentId: null,
        }),
    },
    {
      name: "change an account's role",
      attempt: (a, c, n) =>
        editAccount(c.store, a, {
          accountId: c.ids.viewer,
          role: "viewer",
          departmentId: null,
          displayName: `閲覧 ${n}`,
        }),
    },
    {
      name: "disable an account",
      attempt: async (a, c) => {
        await setAccountEnabled(c.store, a, { accountId: c.ids.viewer, enabled: false });
        // Put back for the next role (by the administrator, outside the attempt's check).
        await setAccountEnabled(c.store, c.staff.admin, { accountId: c.ids.viewer, enabled: true });
      },
    },
    {
      name: "issue a password-set link",
      attempt: (a, c) => issuePasswordSetLink(c.store, a, { accountId: c.ids.viewer }),
    },
    {
      name: "create a department",
      attempt: (a, c, n) => createDepartment(c.store, a, { name: `新設課${n}` }),
    },
    {
      name: "rename a department",
      attempt: (a, c, n) =>
        renameDepartment(c.store, a, { departmentId: c.ids.transport, name: `交通政策課${n}` }),
    },
    {
      name: "merge a department",
      attempt: async (a, c, n) => {
        const spare = await createDepartment(c.store, c.staff.admin, { name: `統合元${n}` });
        const before = await snapshot(c.store);
        try {
          await mergeDepartment(c.store, a, { fromId: spare.id, intoId: c.ids.nursery });
        } catch (error) {
          assert.deepEqual(await snapshot(c.store), before, "a refused merge changed the store");
          // The spare department stays; it is not part of the comparison of the attempt.
          throw error;
        }
      },
    },
    {
      name: "issue an API token",
      attempt: (a, c, n) =>
        issueApiToken(c.store, a, { department: "保育幼稚園課", name: `連携${n}` }),
    },
    {
      name: "revoke an API token",
      attempt: async (a, c) => {
        await revokeApiToken(c.store, a, { id: c.tokenId });
        c.tokenId = (
          await issueApiToken(c.store, c.staff.admin, {
            department: "保育幼稚園課",
            name: "再発行",
          })
        ).id;
      },
    },
  ];

forEachStore("the administrators' actions", (dialect) => {
  it("are allowed to administrators only, and a refused one stores nothing (role × action matrix)", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const { staff } = value;
      const accountId = async (login: string) =>
        (
          await store.db
            .selectFrom("account")
            .select("id")
            .where("login", "=", login)
            .executeTakeFirstOrThrow()
        ).id;
      const departmentId = async (name: string) =>
        (
          await store.db
            .selectFrom("department")
            .select("id")
            .where("name", "=", name)
            .where("organization_id", "=", staff.admin.organizationId)
            .executeTakeFirstOrThrow()
        ).id;
      const ctx: Ctx = {
        store,
        staff,
        ids: {
          viewer: await accountId("viewer"),
          nursery: await departmentId("保育幼稚園課"),
          transport: await departmentId("交通政策課"),
        },
        tokenId: (
          await issueApiToken(store, staff.admin, { department: "保育幼稚園課", name: "連携" })
        ).id,
      };
      const results: string[] = [];
      let n = 0;
      for (const action of MATRIX) {
        for (const role of ROLES) {
          n++;
          const before = action.name === "merge a department" ? null : await snapshot(store);
          const outcome = await action.attempt(staff[role], ctx, n).then(
            () => "ok",
            (e: unknown) => (e instanceof ShinchokuError ? e.id : `crash: ${String(e)}`),
          );
          results.push(`${action.name} / ${role}: ${outcome}`);
          assert.equal(outcome, role === "admin" ? "ok" : "forbidden", `${action.name} / ${role}`);
          if (outcome !== "ok" && before)
            assert.deepEqual(
              await snapshot(store),
              before,
              `${action.name} / ${role} changed the store`,
            );
        }
      }
      console.log(
        `administrators' matrix (${dialect}): ${results.length} cases\n  ${results.join("\n  ")}`,
      );
    } finally {
      await store.dispose();
    }
  });

  it("ends a disabled account's sessions at once and refuses the API tokens it issued until it is enabled again", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const { staff } = value;
      const second = await inviteAccount(store, staff.admin, {
        login: "kanri2",
        displayName: "管理 二郎",
        role: "administrator",
        departmentId: null,
      });
      const kanri2: Actor = { ...staff.admin, accountId: second.id };
      const issued = await issueApiToken(store, staff.admin, {
        department: "保育幼稚園課",
        name: "保育連携",
      });
      assert.ok(await findSession(store, staff.tokens.admin));
      assert.ok(await findApiToken(store, issued.token));
      // kanri2 cannot sign in yet (no password): admin is still the last administrator.
      await assert.rejects(
        setAccountEnabled(store, kanri2, { accountId: staff.admin.accountId, enabled: false }),
        (e: unknown) => e instanceof ShinchokuError && e.id === "invalid_state",
      );
      await setPasswordByLink(store, { token: second.link.token, password: PASSWORD });
      const adminId = staff.admin.accountId;
      await setAccountEnabled(store, kanri2, { accountId: adminId, enabled: false });
      assert.equal(await findSession(store, staff.tokens.admin), null, "the session ended");
      assert.equal(
        (
          await store.db
            .selectFrom("session")
            .select("id")
            .where("account_id", "=", adminId)
            .execute()
        ).length,
        0,
        "its session rows are gone",
      );
      assert.equal(await findApiToken(store, issued.token), null, "its token is refused");
      await setAccountEnabled(store, kanri2, { accountId: adminId, enabled: true });
      assert.equal(await findSession(store, staff.tokens.admin), null, "no session comes back");
      assert.ok(await findApiToken(store, issued.token), "the token works again");
      const events = await store.db
        .selectFrom("audit_event")
        .select(["action", "account_id", "before", "after"])
        .where("entity", "=", "account")
        .where("action", "like", "account.%")
        .where("entity_id", "=", String(adminId))
        .orderBy("id")
        .execute();
      assert.deepEqual(
        events.map((e) => [e.action, e.account_id]),
        [
          ["account.create", null],
          ["account.disable", second.id],
          ["account.enable", second.id],
        ],
      );
      assert.match(events[1]?.after ?? "", /"disabled":true,"sessionsEnded":1/u);
    } finally {
      await store.dispose();
    }
  });
});
