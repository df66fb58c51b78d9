import assert from "node:assert/strict";
import { it, mock } from "node:test";
import { runCli } from "../../test/factories/cli-run.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { PASSWORD } from "../../test/factories/staff.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import { createAccount } from "../commands/auth/account-creator.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { importReportFile } from "../import/report-importer.ts";
import { departmentCommand } from "./department-command.ts";

forEachStore("shinchoku department assign", (dialect) => {
  it("assigns items to a department on behalf of a named planner, whom the audit trail names, and refuses anyone else", async () => {
    const store = await freshStore(dialect);
    try {
      const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      for (const [login, role] of [
        ["kikaku", "planner"],
        ["etsuran", "viewer"],
      ] as const)
        await createAccount(store, {
          organizationCode: KUMAMOTO.code,
          login,
          displayName: login === "kikaku" ? "企画 太郎" : "閲覧 花子",
          password: PASSWORD,
          role,
        });
      const run = (args: string[]) =>
        runCli(["department", ...args], { env: { DATABASE_URL: store.url } });
      const assign = ["assign", "--plan", planSlug, "--department", "保育幼稚園課"];
      const links = async () =>
        (
          await store.db
            .selectFrom("measure_department")
            .innerJoin("measure", "measure.id", "measure_department.measure_id")
            .innerJoin("item", "item.id", "measure.item_id")
            .select(["item.number", "measure_department.role"])
            .execute()
        )
          .map((r) => `${r.number} ${r.role}`)
          .sort();

      // A department the city does not have is a typo until said otherwise.
      const mistyped = await run([...assign, "--items", "56-58,60", "--as", "kikaku"]);
      assert.equal(mistyped.status, 1);
      assert.match(mistyped.stderr, /担当課「保育幼稚園課」はありません/u);
      assert.deepEqual(await links(), []);
      assert.equal((await store.db.selectFrom("department").select("id").execute()).length, 0);
      const ok = await run([
        ...assign,
        "--items",
        "56-58,60",
        "--create-department",
        "--as",
        "kikaku",
      ]);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(
        ok.stdout,
        /保育幼稚園課を 項目 56–58, 60 の主担当にしました（取組 \d+件、操作者: 企画 太郎（kikaku））/u,
      );
      const assigned = await links();
      assert.deepEqual([...new Set(assigned)], ["56 lead", "57 lead", "58 lead", "60 lead"]);
      const event = await store.db
        .selectFrom("audit_event")
        .innerJoin("account", "account.id", "audit_event.account_id")
        .select(["account.login", "audit_event.after"])
        .where("audit_event.action", "=", "department.assign")
        .executeTakeFirstOrThrow();
      assert.equal(event.login, "kikaku", "the audit trail names the person");

      const contributor = await run([
        ...assign,
        "--items",
        "１３",
        "--role",
        "contributor",
        "--as",
        "KIKAKU",
      ]);
      assert.equal(contributor.status, 0, contributor.stderr);
      assert.ok((await links()).includes("13 contributor"));
      const now = await links();

      const viewer = await run([...assign, "--items", "56", "--as", "etsuran"]);
      assert.equal(viewer.status, 1, "a viewer may not: an error of the data, exit 1");
      assert.match(viewer.stderr, /shinchoku: 担当課を割り当てる権限がありません/u);

      // The other refusals in-process (each run of the binary costs seconds).
      const inProcess = async (args: string[]) => {
        const errors: string[] = [];
        const error = mock.method(console, "error", (line: string) => errors.push(line));
        const saved = process.env.DATABASE_URL;
        process.env.DATABASE_URL = store.url;
        try {
          const status = await departmentCommand(args).catch((e: unknown) =>
            e instanceof ShinchokuError ? `${e.id}: ${e.message}` : Promise.reject(e),
          );
          return `${status} ${errors.join(" ")}`.trim();
        } finally {
          process.env.DATABASE_URL = saved;
          error.mock.restore();
        }
      };
      const refusals: Array<[string[], RegExp]> = [
        [[...assign, "--items", "56"], /^2 .*--as が必要です/u],
        [[...assign, "--items", "56", "--as", "nobody"], /^not_found: アカウント nobody はないか/u],
        [[...assign, "--items", "56 から 58", "--as", "kikaku"], /^2 .*56-58,60 のように/u],
        [
          [...assign, "--items", "999", "--as", "kikaku"],
          /^invalid_input: この計画にない項目番号があります: 999$/u,
        ],
        [
          [...assign, "--items", "56", "--role", "owner", "--as", "kikaku"],
          /^2 .*lead か contributor/u,
        ],
        [
          [
            "assign",
            "--plan",
            "no-such-plan",
            "--department",
            "課",
            "--items",
            "1",
            "--as",
            "kikaku",
          ],
          /^not_found: 計画 no-such-plan がありません/u,
        ],
        [["remove"], /^2 .*サブコマンドは assign/u],
      ];
      for (const [args, expected] of refusals)
        assert.match(await inProcess(args), expected, args.join(" "));
      assert.deepEqual(await links(), now, "nothing stored by a refused command");
    } finally {
      await store.dispose();
    }
  });
});
