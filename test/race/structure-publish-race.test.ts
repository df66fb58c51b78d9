import assert from "node:assert/strict";
import { it } from "node:test";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { publishPeriod } from "../../src/commands/cycle/period-publisher.ts";
import { addMeasure } from "../../src/commands/structure/measure-adder.ts";
import { retireMeasure } from "../../src/commands/structure/measure-retirer.ts";
import { ShinchokuError } from "../../src/domain/errors.ts";
import { staffedPlanSeed } from "../factories/staff.ts";
import { forEachStore, seededStore } from "../store-targets.ts";
import { after } from "./race-fixture.ts";

/** Milliseconds before the structure changes and before the publish, round by round. */
const DELAYS: Array<[number, number]> = [
  [0, 0],
  [0, 3],
  [3, 0],
  [1, 1],
];

forEachStore("structure changes racing a publish", (dialect) => {
  it("either land in the period before it is published (committed first) or are refused with nothing stored", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const itemId = async (number: number) =>
        (
          await store.db
            .selectFrom("item")
            .select("id")
            .where("number", "=", number)
            .executeTakeFirstOrThrow()
        ).id;
      const nursery = await store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", "保育幼稚園課")
        .executeTakeFirstOrThrow();
      for (const [round, [changeAt, publishAt]] of DELAYS.entries()) {
        const asOf = `2014-0${round + 4}-30`;
        const retiring = await store.db
          .selectFrom("measure")
          .select(["id", "code"])
          .where("item_id", "=", await itemId(60 + round))
          .where("relisting_of_measure_id", "is", null)
          .executeTakeFirstOrThrow();
        const title = `競合の確認 ${round}`;
        await openPeriod(store, staff.planner, { planSlug, asOf, deadline: null });
        const since = (
          await store.db
            .selectFrom("audit_event")
            .select((eb) => eb.fn.max("id").as("id"))
            .executeTakeFirstOrThrow()
        ).id;
        const [retired, added, published] = await Promise.allSettled([
          after(changeAt, () =>
            retireMeasure(store, staff.planner, { planSlug, measureId: retiring.id }),
          ),
          after(changeAt, async () =>
            addMeasure(store, staff.planner, {
              planSlug,
              itemId: String(await itemId(56)),
              code: "",
              title,
              departmentId: String(nursery.id),
            }),
          ),
          after(publishAt, () =>
            publishPeriod(store, staff.planner, { planSlug, asOf, publishedOn: asOf }),
          ),
        ]);
        assert.equal(published.status, "fulfilled", `round ${round}: the publish goes through`);
        const period = await store.db
          .selectFrom("reporting_period")
          .select("id")
          .where("as_of", "=", asOf)
          .executeTakeFirstOrThrow();
        // Audit ids follow the order in which the transactions committed.
        const order = (
          await store.db
            .selectFrom("audit_event")
            .select("action")
            .where("id", ">", Number(since))
            .where("action", "in", ["structure.retire", "structure.measure_add", "period.publish"])
            .orderBy("id")
            .execute()
        ).map((e) => e.action);
        const publishAtIndex = order.indexOf("period.publish");
        const refusedAsClosed = (outcome: PromiseSettledResult<unknown>) =>
          outcome.status === "rejected" &&
          outcome.reason instanceof ShinchokuError &&
          outcome.reason.id === "invalid_state";

        const measure = await store.db
          .selectFrom("measure")
          .select("retired_period_id")
          .where("id", "=", retiring.id)
          .executeTakeFirstOrThrow();
        if (retired.status === "fulfilled") {
          assert.equal(measure.retired_period_id, period.id, `round ${round}: retired in it`);
          assert.ok(order.indexOf("structure.retire") < publishAtIndex, `round ${round}`);
        } else {
          assert.ok(refusedAsClosed(retired), `round ${round}: ${String(retired.reason)}`);
          assert.equal(measure.retired_period_id, null, `round ${round}: nothing stored`);
          assert.ok(!order.includes("structure.retire"));
        }

        const stored = await store.db
          .selectFrom("measure")
          .select("introduced_period_id")
          .where("title", "=", title)
          .execute();
        if (added.status === "fulfilled") {
          assert.deepEqual(stored, [{ introduced_period_id: period.id }], `round ${round}`);
          assert.ok(order.indexOf("structure.measure_add") < publishAtIndex, `round ${round}`);
        } else {
          assert.ok(refusedAsClosed(added), `round ${round}: ${String(added.reason)}`);
          assert.deepEqual(stored, [], `round ${round}: nothing stored`);
          assert.ok(!order.includes("structure.measure_add"));
        }
      }
    } finally {
      await store.dispose();
    }
  });
});
