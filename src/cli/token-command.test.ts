import assert from "node:assert/strict";
import { it } from "node:test";
import { runCli } from "../../test/factories/cli-run.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { PASSWORD } from "../../test/factories/staff.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import { findApiToken } from "../commands/api/api-token-store.ts";
import { createAccount } from "../commands/auth/account-creator.ts";
import { importReportFile } from "../import/report-importer.ts";

forEachStore("shinchoku token", (dialect) => {
  it("issues a token once on standard output, lists it, and revokes it, for administrators only", async () => {
    const store = await freshStore(dialect);
    try {
      await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      for (const [login, role, department] of [
        ["admin", "administrator", undefined],
        ["nursery", "departmentEditor", "保育幼稚園課"],
      ] as const) {
        await createAccount(store, {
          organizationCode: KUMAMOTO.code,
          login,
          displayName: login,
          password: PASSWORD,
          role,
          ...(department ? { department, createDepartment: true } : {}),
        });
      }
      const run = (...args: string[]) =>
        runCli(["token", ...args], { env: { DATABASE_URL: store.url } });
      const issue = ["issue", "--department", "保育幼稚園課", "--name", "保育システム連携"];

      const issued = await run(...issue, "--as", "admin");
      assert.equal(issued.status, 0, issued.stderr);
      const token = issued.stdout.trim();
      assert.match(token, /^shk_[A-Za-z0-9_-]{43}$/u);
      assert.match(issued.stderr, /二度と表示されません/u);
      const holder = await findApiToken(store, token);
      assert.ok(holder);

      const listed = await run("list", "--as", "admin");
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(
        listed.stdout,
        new RegExp(`^${holder.tokenId}\\t保育システム連携\\t保育幼稚園課\\t有効\\t`, "mu"),
      );
      assert.ok(!listed.stdout.includes(token));

      const refused = await run(...issue, "--as", "nursery");
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /権限がありません/u);
      assert.equal((await run("issue", "--as", "admin")).status, 2);

      const revoked = await run("revoke", "--as", "admin", "--id", String(holder.tokenId));
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.equal(await findApiToken(store, token), null);
      assert.match((await run("list", "--as", "admin")).stdout, /\t無効（\d{4}-/u);
    } finally {
      await store.dispose();
    }
  });
});
