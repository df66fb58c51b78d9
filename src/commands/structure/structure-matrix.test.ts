import assert from "node:assert/strict";
import { it } from "node:test";
import { plainMeasures } from "../../../test/factories/plain-measures.ts";
import { type Staff, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { storeSnapshot as snapshot } from "../../../test/factories/store-snapshot.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { IndicatorDefinitionForm } from "../../domain/indicator-definition.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { changeIndicator } from "../cycle/indicator-definer.ts";
import { openPeriod } from "../cycle/period-opener.ts";
import { addGroup } from "./group-adder.ts";
import { addItem } from "./item-adder.ts";
import { addMeasure } from "./measure-adder.ts";
import { retireMeasure } from "./measure-retirer.ts";
import { changePlacement } from "./placement-changer.ts";
import { createPlan } from "./plan-creator.ts";
import { extendSpan } from "./span-extender.ts";
import { reviseTitle } from "./title-reviser.ts";

const ROLES = ["admin", "planner", "nursery", "transport", "viewer", "outsider"] as const;
type Role = (typeof ROLES)[number];
type Outcome = "ok" | "forbidden";

const form = (name: string): IndicatorDefinitionForm => ({
  name,
  unit: "人",
  kind: "成果指標",
  direction: "increase",
  source: "",
  achievementForm: "auto",
  baselineYear: "2011",
  baselineValue: "1000",
  targets: { 2013: "1500" },
  finalYear: "",
  finalValue: "",
});

type Ctx = {
  store: Store;
  planSlug: string;
  staff: Staff;
  roleOf: Map<number, Role>;
  groupId: number;
  items: { 56: number; 57: number };
  nurseryId: number;
  /** Measures an allowed role changes, one each where the change can be made only once. */
  moved: { id: number };
  relisted: { id: number };
  original: { code: string };
  retired: Partial<Record<Role, number>>;
  indicators: Partial<Record<Role, string>>;
};

/** The allowed role each case is for (administrator or planner; a refused one takes the admin's). */
const pick = <T>(c: Ctx, a: Actor, values: Partial<Record<Role, T>>): T => {
  const role = c.roleOf.get(a.accountId) ?? "admin";
  return (values[role] ?? values.admin) as T;
};

/**
 * The actions of the plan's structure (`plan.structure`) and of its indicators
 * (`indicator.define`), added for issue 16, attempted by every role on a store where period
 * 2014-03-31 is open: an administrator and the planning division may; a department editor, a
 * viewer and another city's planner are refused before anything is read or stored. Creating a
 * plan names no plan: another city's planner makes one in their own city, never in ours.
 */
const MATRIX: Array<{
  name: string;
  attempt: (a: Actor, c: Ctx, n: number) => Promise<unknown>;
  expected?: Partial<Record<Role, Outcome>>;
}> = [
  {
    name: "create a plan",
    attempt: async (a, c, n) => {
      const plan = await createPlan(c.store, a, {
        title: `窓口改革計画${n}`,
        slug: "",
        levels: ["柱", "項目"],
        measureLevel: "取組",
        firstFiscalYear: "2024",
        lastFiscalYear: "2027",
        statusPreset: "default",
        statusLines: "",
        firstAsOf: "",
      });
      const { organization_id } = await c.store.db
        .selectFrom("plan")
        .select("organization_id")
        .where("slug", "=", plan.slug)
        .executeTakeFirstOrThrow();
      assert.equal(organization_id, a.organizationId, "in the actor's own organization");
    },
    expected: { outsider: "ok" },
  },
  {
    name: "add a group",
    attempt: (a, c, n) =>
      addGroup(c.store, a, {
        planSlug: c.planSlug,
        parentId: "",
        number: String(100 + n),
        label: "",
        title: `新しい柱${n}`,
      }),
  },
  {
    name: "add an item",
    attempt: (a, c, n) =>
      addItem(c.store, a, {
        planSlug: c.planSlug,
        groupId: String(c.groupId),
        number: String(9000 + n),
        label: "",
        title: `新しい項目${n}`,
      }),
  },
  {
    name: "add a measure",
    attempt: (a, c, n) =>
      addMeasure(c.store, a, {
        planSlug: c.planSlug,
        itemId: String(c.items[56]),
        code: "",
        title: `新しい取組${n}`,
        departmentId: String(c.nurseryId),
      }),
  },
  {
    name: "rename an item",
    attempt: (a, c, n) =>
      reviseTitle(c.store, a, {
        planSlug: c.planSlug,
        kind: "item",
        id: c.items[56],
        title: `保育の受け皿${n}`,
      }),
  },
  {
    name: "move a measure to another item",
    attempt: (a, c) =>
      changePlacement(c.store, a, {
        planSlug: c.planSlug,
        action: "move",
        kind: "measure",
        id: c.moved.id,
        parentId: String(pick(c, a, { admin: c.items[57], planner: c.items[56] })),
      }),
  },
  {
    name: "renumber a group",
    attempt: (a, c, n) =>
      changePlacement(c.store, a, {
        planSlug: c.planSlug,
        action: "renumber",
        kind: "group",
        id: c.groupId,
        number: String(200 + n),
        label: "",
      }),
  },
  {
    name: "make a measure a re-listing, and an original again",
    attempt: (a, c) =>
      changePlacement(c.store, a, {
        planSlug: c.planSlug,
        action: "relist",
        kind: "measure",
        id: c.relisted.id,
        originalCode: pick(c, a, { admin: c.original.code, planner: "" }),
      }),
  },
  {
    name: "add a year to the roadmap",
    attempt: (a, c) => extendSpan(c.store, a, { planSlug: c.planSlug }),
  },
  {
    name: "retire a measure",
    attempt: (a, c) =>
      retireMeasure(c.store, a, {
        planSlug: c.planSlug,
        measureId: pick(c, a, c.retired),
      }),
  },
  {
    name: "define an indicator",
    attempt: (a, c, n) =>
      changeIndicator(c.store, a, c.planSlug, {
        action: "define",
        owner: `item:${c.items[56]}`,
        form: form(`保育所の定員${n}`),
      }),
  },
  {
    name: "revise an indicator",
    attempt: (a, c, n) =>
      changeIndicator(c.store, a, c.planSlug, {
        action: "revise",
        code: pick(c, a, c.indicators),
        form: form(`保育所の利用定員${n}`),
      }),
  },
  {
    name: "retire an indicator",
    attempt: (a, c) =>
      changeIndicator(c.store, a, c.planSlug, {
        action: "retire",
        code: pick(c, a, c.indicators),
      }),
  },
];

forEachStore("the plan's structure and indicators on the staff side", (dialect) => {
  it("are allowed to administrators and the planning division only, and a refused one stores nothing (role × action matrix)", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const itemId = async (number: number) =>
        (
          await store.db
            .selectFrom("item")
            .select(["id", "group_id"])
            .where("number", "=", number)
            .executeTakeFirstOrThrow()
        ).id;
      const item56 = await store.db
        .selectFrom("item")
        .select(["id", "group_id"])
        .where("number", "=", 56)
        .executeTakeFirstOrThrow();
      const [moved] = await plainMeasures(store, 56);
      const [relisted] = await plainMeasures(store, 25);
      const [original] = await plainMeasures(store, 26);
      const [retiredA, retiredB] = await plainMeasures(store, 30);
      assert.ok(moved && relisted && original && retiredA, "measures to change");
      const retiredP = retiredB ?? (await plainMeasures(store, 28))[0];
      assert.ok(retiredP);
      const indicators: Partial<Record<Role, string>> = {};
      for (const role of ["admin", "planner"] as const)
        indicators[role] = (
          await changeIndicator(store, staff.admin, planSlug, {
            action: "define",
            owner: `measure:${moved.code}`,
            form: form(`${role}の指標`),
          })
        ).code;
      const ctx: Ctx = {
        store,
        planSlug,
        staff,
        roleOf: new Map(ROLES.map((r) => [staff[r].accountId, r])),
        groupId: item56.group_id,
        items: { 56: item56.id, 57: await itemId(57) },
        nurseryId: (
          await store.db
            .selectFrom("department")
            .select("id")
            .where("name", "=", "保育幼稚園課")
            .where("organization_id", "=", staff.admin.organizationId)
            .executeTakeFirstOrThrow()
        ).id,
        moved,
        relisted,
        original,
        retired: { admin: retiredA.id, planner: retiredP.id },
        indicators,
      };
      const whole = await snapshot(store);
      for (const table of ["plan", "plan_group", "item", "measure", "audit_event", "progress"])
        assert.ok((whole[table]?.length ?? 0) > 0, `the snapshot holds the rows of ${table}`);
      const results: string[] = [];
      let n = 0;
      for (const action of MATRIX) {
        for (const role of ROLES) {
          n++;
          const expected =
            action.expected?.[role] ??
            (role === "admin" || role === "planner" ? "ok" : "forbidden");
          const before = expected === "ok" ? null : await snapshot(store);
          const outcome = await action.attempt(staff[role], ctx, n).then(
            () => "ok",
            (e: unknown) => (e instanceof ShinchokuError ? e.id : `crash: ${String(e)}`),
          );
          results.push(`${action.name} / ${role}: ${outcome}`);
          assert.equal(outcome, expected, `${action.name} / ${role}`);
          if (before)
            assert.deepEqual(
              await snapshot(store),
              before,
              `${action.name} / ${role} changed the store`,
            );
        }
      }
      console.log(
        `structure and indicators matrix (${dialect}): ${results.length} cases\n  ${results.join("\n  ")}`,
      );
    } finally {
      await store.dispose();
    }
  });
});
