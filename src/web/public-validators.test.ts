import assert from "node:assert/strict";
import { it } from "node:test";
import type { KyselyPlugin } from "kysely";
import { laterReportText } from "../../test/factories/model-report.ts";
import {
  measureCodeOf,
  PASSWORD,
  type Staff,
  staffedPlanSeed,
} from "../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../test/store-targets.ts";
import { editAccount } from "../commands/accounts/account-editor.ts";
import { inviteAccount } from "../commands/accounts/account-inviter.ts";
import { setAccountEnabled } from "../commands/accounts/account-switch.ts";
import { setPasswordByLink } from "../commands/accounts/password-set-link.ts";
import { issueApiToken, revokeApiToken } from "../commands/api/api-token-issuer.ts";
import { createAccount } from "../commands/auth/account-creator.ts";
import { openPeriod } from "../commands/cycle/period-opener.ts";
import { publishPeriod } from "../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../commands/cycle/progress-reviewer.ts";
import { saveProgress } from "../commands/cycle/progress-saver.ts";
import { reviseRoadmap } from "../commands/cycle/roadmap-reviser.ts";
import { assignDepartment } from "../commands/departments/department-assigner.ts";
import { createDepartment } from "../commands/departments/department-creator.ts";
import { importReportBytes } from "../import/report-importer.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";

const NEXT = "2014-03-31";

/** The store with every query counted, to tell a kept page from a rendered one. */
function counted(store: Store) {
  let queries = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries++;
      return args.result;
    },
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, queries: () => queries };
}

/** What the public sees of the store's freshness: validators of two pages and /readyz's revision. */
async function publicValidators(app: ReturnType<typeof createApp>, planSlug: string) {
  const seen: Record<string, string | null> = {};
  for (const path of [`/plans/${planSlug}`, `/plans/${planSlug}/items/56`]) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    seen[`${path} ETag`] = res.headers.get("etag");
    seen[`${path} Last-Modified`] = res.headers.get("last-modified");
  }
  const ready = (await (await app.request("/readyz")).json()) as { revision: number };
  seen.readyz = String(ready.revision);
  return seen;
}

async function versionOf(store: Store, code: string): Promise<number> {
  const row = await store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
    .select("progress.version")
    .where("measure.code", "=", code)
    .where("reporting_period.as_of", "=", NEXT)
    .executeTakeFirstOrThrow();
  return row.version;
}

type Ctx = { store: Store; planSlug: string; staff: Staff; code: string; later: () => Date };

/** Staff actions, in an order in which each can run: none of them changes what the public sees. */
const STAFF_ACTIONS: Array<[string, (c: Ctx) => Promise<unknown>]> = [
  [
    "opening a period",
    (c) =>
      openPeriod(c.store, c.staff.planner, { planSlug: c.planSlug, asOf: NEXT, deadline: null }),
  ],
  [
    "a department's draft save",
    async (c) =>
      saveProgress(
        c.store,
        c.staff.nursery,
        {
          planSlug: c.planSlug,
          asOf: NEXT,
          measureCode: c.code,
          narrative: "新設含む12ヶ所の保育所整備が完了",
          statusCode: "completed",
          expectedVersion: await versionOf(c.store, c.code),
        },
        c.later(),
      ),
  ],
  [
    "returning a draft",
    async (c) =>
      reviewProgress(
        c.store,
        c.staff.planner,
        {
          planSlug: c.planSlug,
          asOf: NEXT,
          measureCode: c.code,
          decision: "return",
          comment: "数値を確認してください",
          expectedVersion: await versionOf(c.store, c.code),
        },
        c.later(),
      ),
  ],
  [
    "accepting a draft",
    async (c) =>
      reviewProgress(
        c.store,
        c.staff.planner,
        {
          planSlug: c.planSlug,
          asOf: NEXT,
          measureCode: c.code,
          decision: "accept",
          comment: "",
          expectedVersion: await versionOf(c.store, c.code),
        },
        c.later(),
      ),
  ],
  [
    "revising the roadmap in the open period",
    (c) =>
      reviseRoadmap(
        c.store,
        c.staff.planner,
        {
          planSlug: c.planSlug,
          measureCode: c.code,
          years: [{ fiscalYear: 2015, text: "⇒ 定員拡大" }],
        },
        c.later(),
      ),
  ],
  [
    "creating an account",
    (c) =>
      createAccount(
        c.store,
        {
          organizationCode: "431001",
          login: "newcomer",
          displayName: "新任",
          password: PASSWORD,
          role: "departmentEditor",
          department: "新設課",
          createDepartment: true,
        },
        c.later(),
      ),
  ],
  [
    "managing an account on the administrators' pages (create, set its password, edit, disable, enable) and creating a department",
    async (c) => {
      const department = await createDepartment(
        c.store,
        c.staff.admin,
        { name: "監査課" },
        c.later(),
      );
      const made = await inviteAccount(
        c.store,
        c.staff.admin,
        {
          login: "kansa",
          displayName: "監査",
          role: "departmentEditor",
          departmentId: department.id,
        },
        c.later(),
      );
      await setPasswordByLink(c.store, { token: made.link.token, password: PASSWORD }, c.later());
      await editAccount(
        c.store,
        c.staff.admin,
        { accountId: made.id, role: "viewer", departmentId: null, displayName: "監査" },
        c.later(),
      );
      await setAccountEnabled(
        c.store,
        c.staff.admin,
        { accountId: made.id, enabled: false },
        c.later(),
      );
      await setAccountEnabled(
        c.store,
        c.staff.admin,
        { accountId: made.id, enabled: true },
        c.later(),
      );
    },
  ],
  [
    "issuing and revoking an API token",
    async (c) => {
      const { id } = await issueApiToken(
        c.store,
        c.staff.admin,
        { department: "保育幼稚園課", name: "連携" },
        c.later(),
      );
      await revokeApiToken(c.store, c.staff.admin, { id }, c.later());
    },
  ],
];

forEachStore("public validators", (dialect) => {
  it("keeps the public ETag, Last-Modified, /readyz revision and kept pages through every staff action", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const code = await measureCodeOf(store, planSlug, 56);
      const { store: countedStore, queries } = counted(store);
      const app = createApp(countedStore);
      const before = await publicValidators(app, planSlug);
      // Each action a few seconds later than the one before: a moved Last-Modified would show.
      let clock = Date.now();
      const later = () => {
        clock += 5000;
        return new Date(clock);
      };
      for (const [name, action] of STAFF_ACTIONS) {
        await action({ store, planSlug, staff, code, later });
        assert.deepEqual(await publicValidators(app, planSlug), before, `after ${name}`);
        const start = queries();
        const page = await app.request(`/plans/${planSlug}/items/56`);
        assert.equal(page.status, 200);
        assert.equal(queries() - start, 1, `after ${name}, the kept page is served as it was`);
      }
    } finally {
      await store.dispose();
    }
  });

  it("moves the public validators when a period is published, a report imported or a department assigned", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      let seen = await publicValidators(app, planSlug);
      const moves = async (name: string) => {
        const now = await publicValidators(app, planSlug);
        for (const [key, value] of Object.entries(now))
          assert.notEqual(value, seen[key], `${key} after ${name}`);
        seen = now;
      };
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt", {
        organization: { code: "431001", name: "熊本市" },
      });
      await moves("importing a report");
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-09-30", deadline: null });
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-09-30",
        publishedOn: "2014-11-01",
      });
      await moves("publishing");
      // The lead department is shown on the public measure list and in search results.
      await assignDepartment(store, staff.planner, {
        planSlug,
        department: "交通政策課",
        itemNumbers: [56],
        role: "lead",
      });
      await moves("assigning a department");
    } finally {
      await store.dispose();
    }
  });
});
