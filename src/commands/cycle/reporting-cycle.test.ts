import assert from "node:assert/strict";
import { it } from "node:test";
import {
  departmentMeasureCodes,
  measureCodeOf,
  staffedPlanSeed,
} from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import { missingUpdates } from "../../store/queries/missing-updates-query.ts";
import { periodDigest } from "../../store/queries/open-drafts-query.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { searchMeasures } from "../../store/search/measure-search.ts";
import type { Store } from "../../store/store.ts";
import { assignDepartment } from "../departments/department-assigner.ts";
import type { BatchItem } from "./batch-items.ts";
import { acceptDrafts } from "./bulk-reviewer.ts";
import { submitDrafts } from "./draft-submitter.ts";
import { openPeriod } from "./period-opener.ts";
import { publishPeriod } from "./period-publisher.ts";
import { reviewProgress } from "./progress-reviewer.ts";
import { ProgressConflict, saveProgress } from "./progress-saver.ts";

const NEXT = "2014-03-31";

async function snapshot(store: Store) {
  const rows = async (
    table: "progress" | "reporting_period" | "audit_event" | "measure_department",
  ) =>
    (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return {
    progress: await rows("progress"),
    periods: await rows("reporting_period"),
    audit: await rows("audit_event"),
    departments: await rows("measure_department"),
  };
}

type Ctx = {
  store: Store;
  planSlug: string;
  nurseryCode: string;
  transportCode: string;
  /** The other 保育幼稚園課 measures, for the bulk actions. */
  otherNurseryCodes: string[];
  roleOf: Map<number, Role>;
};
type Outcome = "ok" | "forbidden" | "invalid_state";
const ROLES = ["admin", "planner", "nursery", "transport", "viewer", "outsider"] as const;
type Role = (typeof ROLES)[number];

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
const edit = (code: (c: Ctx) => string) => async (actor: Actor, c: Ctx) =>
  saveProgress(c.store, actor, {
    planSlug: c.planSlug,
    asOf: NEXT,
    measureCode: code(c),
    narrative: "整備完了",
    statusCode: "completed",
    expectedVersion: await versionOf(c.store, code(c)),
  });
const accept = async (actor: Actor, c: Ctx) => {
  for (const code of [c.nurseryCode, c.transportCode]) {
    await reviewProgress(c.store, actor, {
      planSlug: c.planSlug,
      asOf: NEXT,
      measureCode: code,
      decision: "accept",
      comment: "",
      expectedVersion: await versionOf(c.store, code),
    });
  }
};
/** Bulk submit or accept of the measures a role is given (`n`: the n-th other 保育幼稚園課 measure). */
const bulk =
  (
    run: (
      store: Store,
      actor: Actor,
      input: { planSlug: string; asOf: string; items: BatchItem[] },
    ) => Promise<unknown>,
    picks: Partial<Record<Role, Array<"first" | number>>>,
    fallback: Array<"first" | number>,
  ) =>
  async (actor: Actor, c: Ctx) => {
    const role = c.roleOf.get(actor.accountId) as Role;
    const codes = (picks[role] ?? fallback).map((p) =>
      p === "first" ? c.nurseryCode : (c.otherNurseryCodes[p] as string),
    );
    const items: BatchItem[] = [];
    for (const code of codes)
      items.push({ measureCode: code, expectedVersion: await versionOf(c.store, code) });
    return run(c.store, actor, { planSlug: c.planSlug, asOf: NEXT, items });
  };
const only = (
  ok: Role[],
  rest: Outcome = "forbidden",
  overrides: Partial<Record<Role, Outcome>> = {},
): Record<Role, Outcome> =>
  Object.fromEntries(
    ROLES.map((r) => [r, overrides[r] ?? (ok.includes(r) ? "ok" : rest)]),
  ) as Record<Role, Outcome>;

/**
 * Every action, in this order, attempted by every role, on a store where period 2014-03-31 is
 * open. The expected outcome is explicit: an actor without the right is always `forbidden`
 * (authorization comes before any state check); one with it succeeds or meets the state.
 */
const MATRIX: Array<{
  name: string;
  attempt: (actor: Actor, c: Ctx) => Promise<unknown>;
  expected: Record<Role, Outcome>;
}> = [
  {
    name: "open a period while one is open",
    attempt: (a, c) =>
      openPeriod(c.store, a, { planSlug: c.planSlug, asOf: "2014-09-30", deadline: null }),
    expected: only([], "forbidden", { admin: "invalid_state", planner: "invalid_state" }),
  },
  {
    name: "edit a 保育幼稚園課 measure",
    attempt: edit((c) => c.nurseryCode),
    expected: only(["admin", "planner", "nursery"]),
  },
  {
    name: "edit a 交通政策課 measure",
    attempt: edit((c) => c.transportCode),
    expected: only(["admin", "planner", "transport"]),
  },
  { name: "accept the drafts", attempt: accept, expected: only(["admin", "planner"]) },
  {
    name: "save a 保育幼稚園課 draft without submitting",
    attempt: async (a, c) =>
      saveProgress(c.store, a, {
        planSlug: c.planSlug,
        asOf: NEXT,
        measureCode: c.nurseryCode,
        narrative: "下書き",
        statusCode: null,
        expectedVersion: await versionOf(c.store, c.nurseryCode),
        submit: false,
      }),
    expected: only(["admin", "planner", "nursery"]),
  },
  {
    name: "submit 保育幼稚園課 drafts in bulk",
    attempt: bulk(submitDrafts, { admin: ["first", 0], planner: [1], nursery: [2] }, [3]),
    expected: only(["admin", "planner", "nursery"]),
  },
  {
    name: "publish through the confirmation while drafts wait for review",
    attempt: async (a, c) => {
      const period = await c.store.db
        .selectFrom("reporting_period")
        .select("id")
        .where("as_of", "=", NEXT)
        .executeTakeFirstOrThrow();
      return publishPeriod(c.store, a, {
        planSlug: c.planSlug,
        asOf: NEXT,
        publishedOn: "2014-05-15",
        confirmation: { digest: await periodDigest(c.store.db, period.id), unchanged: "mark" },
      });
    },
    expected: only([], "forbidden", { admin: "invalid_state", planner: "invalid_state" }),
  },
  {
    name: "accept drafts in bulk",
    attempt: bulk(acceptDrafts, { admin: ["first", 0, 2], planner: [1] }, [3]),
    expected: only(["admin", "planner"]),
  },
  {
    name: "assign a department",
    attempt: (a, c) =>
      assignDepartment(c.store, a, {
        planSlug: c.planSlug,
        department: "企画課",
        itemNumbers: [13],
        role: "lead",
        createDepartment: true,
      }),
    expected: only(["admin", "planner"]),
  },
  {
    name: "publish the period",
    attempt: (a, c) =>
      publishPeriod(c.store, a, { planSlug: c.planSlug, asOf: NEXT, publishedOn: "2014-05-15" }),
    expected: only(["admin"], "forbidden", { planner: "invalid_state" }),
  },
  {
    name: "open the next period",
    attempt: (a, c) =>
      openPeriod(c.store, a, { planSlug: c.planSlug, asOf: "2014-09-30", deadline: null }),
    expected: only(["admin"], "forbidden", { planner: "invalid_state" }),
  },
];

forEachStore("the reporting cycle", (dialect) => {
  it("allows each action only to the roles that hold it, and stores nothing of a refused one (role × action matrix)", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: "2014-04-20" });
      const ctx: Ctx = {
        store,
        planSlug,
        nurseryCode: await measureCodeOf(store, planSlug, 56),
        transportCode: await measureCodeOf(store, planSlug, 29),
        otherNurseryCodes: [],
        roleOf: new Map(ROLES.map((r) => [staff[r].accountId, r])),
      };
      ctx.otherNurseryCodes = (await departmentMeasureCodes(store, "保育幼稚園課")).filter(
        (code) => code !== ctx.nurseryCode,
      );
      assert.ok(
        ctx.otherNurseryCodes.length >= 4,
        "enough 保育幼稚園課 measures for the bulk actions",
      );
      const results: string[] = [];
      for (const action of MATRIX) {
        for (const role of ROLES) {
          const before = await snapshot(store);
          const outcome = await action.attempt(staff[role], ctx).then(
            () => "ok",
            (e: unknown) => (e instanceof ShinchokuError ? e.id : `crash: ${String(e)}`),
          );
          results.push(`${action.name} / ${role}: ${outcome}`);
          assert.equal(outcome, action.expected[role], `${action.name} / ${role}`);
          if (outcome !== "ok")
            assert.deepEqual(
              await snapshot(store),
              before,
              `${action.name} / ${role} changed the store`,
            );
        }
      }
      console.log(
        `role × action matrix (${dialect}): ${results.length} cases\n  ${results.join("\n  ")}`,
      );
    } finally {
      await store.dispose();
    }
  });

  it("runs a whole cycle: open, update, collide, return, accept, publish at once", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const opened = await openPeriod(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        deadline: "2014-04-20",
      });
      assert.equal(opened.drafts, 185, "one draft per original measure, none for re-listings");
      const nursery = await measureCodeOf(store, planSlug, 56);
      const transport = await measureCodeOf(store, planSlug, 29);

      // Drafts start from the previous period's text and are not public.
      const staffView = await loadPlanTree(store.db, planSlug, NEXT, { includeUnpublished: true });
      const draft = staffView?.pillars[1]?.children[1]?.items[0]?.measures[0];
      assert.equal(draft?.progress?.narrative, "新設含む10ヶ所の保育所整備を実施中");
      assert.equal(
        await loadPlanTree(store.db, planSlug, NEXT),
        null,
        "an open period is not public",
      );

      const board = await missingUpdates(store.db, planSlug);
      assert.equal(board?.deadline, "2014-04-20");
      assert.equal(board?.rows.length, 185);
      assert.ok(
        board?.rows.some((r) => r.department === "保育幼稚園課" && r.measureCode === nursery),
      );

      const saved = await saveProgress(store, staff.nursery, {
        planSlug,
        asOf: NEXT,
        measureCode: nursery,
        narrative: "新設含む10ヶ所の保育所整備が完了",
        statusCode: "completed",
        expectedVersion: 1,
      });
      assert.equal(saved.version, 2);
      // The planner edits the same measure from the version they opened (1): told what changed.
      await assert.rejects(
        saveProgress(store, staff.planner, {
          planSlug,
          asOf: NEXT,
          measureCode: nursery,
          narrative: "実施中",
          statusCode: "in_progress",
          expectedVersion: 1,
        }),
        (e: unknown) =>
          e instanceof ProgressConflict &&
          e.current.narrative === "新設含む10ヶ所の保育所整備が完了" &&
          e.current.updatedBy === "nursery",
      );
      await saveProgress(store, staff.transport, {
        planSlug,
        asOf: NEXT,
        measureCode: transport,
        narrative: "35電停中20電停が改良済",
        statusCode: "in_progress",
        expectedVersion: 1,
      });
      assert.equal((await missingUpdates(store.db, planSlug))?.rows.length, 183);

      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        measureCode: transport,
        decision: "return",
        comment: "低床電車の進捗も書いてください",
        expectedVersion: 2,
      });
      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        measureCode: nursery,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await assert.rejects(
        publishPeriod(store, staff.planner, { planSlug, asOf: NEXT, publishedOn: "2014-05-15" }),
        /差戻し中の取組が 1 件/u,
      );
      const returned = (await missingUpdates(store.db, planSlug))?.rows.find(
        (r) => r.measureCode === transport,
      );
      assert.equal(returned?.reviewComment, "低床電車の進捗も書いてください");

      await saveProgress(store, staff.transport, {
        planSlug,
        asOf: NEXT,
        measureCode: transport,
        narrative: "35電停中20電停が改良済 低床電車を製作中",
        statusCode: "in_progress",
        expectedVersion: 3,
      });
      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        measureCode: transport,
        decision: "accept",
        comment: "",
        expectedVersion: 4,
      });
      const published = await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        publishedOn: "2014-05-15",
      });
      assert.equal(published.unchanged, 183);

      const found = await searchMeasures(store, { planSlug, query: "低床電車を製作中" });
      assert.deepEqual(
        found?.results.map((r) => r.measureCode),
        [transport],
        "the published period is searchable at once",
      );
      const publicTree = await loadPlanTree(store.db, planSlug);
      assert.equal(publicTree?.period?.asOf, NEXT);
      assert.deepEqual(
        publicTree?.periods.map((p) => p.asOf),
        ["2013-09-30", NEXT],
      );
      const actions = (await store.db.selectFrom("audit_event").select("action").execute()).map(
        (a) => a.action,
      );
      for (const a of [
        "period.open",
        "progress.save",
        "progress.return",
        "progress.accept",
        "period.publish",
      ])
        assert.ok(actions.includes(a), a);
    } finally {
      await store.dispose();
    }
  });

  it("refuses bad input and stores nothing: a huge narrative, an unknown status, an as-of date before the last period", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await assert.rejects(
        openPeriod(store, staff.planner, { planSlug, asOf: "2013-03-31", deadline: null }),
        /前回の報告期（2013-09-30）より後/u,
      );
      await assert.rejects(
        openPeriod(store, staff.planner, { planSlug, asOf: "2014-02-30", deadline: null }),
        /YYYY-MM-DD/u,
      );
      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
      const nursery = await measureCodeOf(store, planSlug, 56);
      const before = await snapshot(store);
      const edit = { planSlug, asOf: NEXT, measureCode: nursery, expectedVersion: 1 };
      await assert.rejects(
        saveProgress(store, staff.nursery, {
          ...edit,
          narrative: "あ".repeat(10_000),
          statusCode: null,
        }),
        /2000文字以内/u,
      );
      await assert.rejects(
        saveProgress(store, staff.nursery, {
          ...edit,
          narrative: "実施中",
          statusCode: "<script>",
        }),
        /状況区分/u,
      );
      await assert.rejects(
        saveProgress(store, staff.nursery, { ...edit, narrative: "   ", statusCode: null }),
        /入力してください/u,
      );
      await assert.rejects(
        saveProgress(store, staff.nursery, {
          ...edit,
          measureCode: "M9999",
          narrative: "x",
          statusCode: null,
        }),
        /M9999/u,
      );
      assert.deepEqual(await snapshot(store), before);
      await saveProgress(store, staff.nursery, {
        ...edit,
        narrative: '<script>alert("x")</script>',
        statusCode: null,
      });
      const stored = await store.db
        .selectFrom("progress")
        .select("narrative")
        .where("version", "=", 2)
        .executeTakeFirstOrThrow();
      assert.equal(
        stored.narrative,
        '<script>alert("x")</script>',
        "text is stored as typed; pages escape it",
      );
    } finally {
      await store.dispose();
    }
  });
});
