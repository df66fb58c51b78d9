import assert from "node:assert/strict";
import { it } from "node:test";
import { attachFigureToIndicator } from "../../src/commands/cycle/figure-result-attacher.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { publishPeriod } from "../../src/commands/cycle/period-publisher.ts";
import { ShinchokuError } from "../../src/domain/errors.ts";
import { addMeasureIndicator } from "../factories/indicators.ts";
import { measureCodeOf, staffedPlanSeed } from "../factories/staff.ts";
import { forEachStore, seededStore } from "../store-targets.ts";
import { after } from "./race-fixture.ts";

/** Milliseconds before the attachment and before the publish, round by round. */
const DELAYS: Array<[number, number]> = [
  [0, 0],
  [0, 3],
  [3, 0],
  [1, 1],
];

forEachStore("a figure made an indicator's result racing a publish", (dialect) => {
  it("either stores the result before the publish (recorded first, so published with it) or refuses it with nothing stored", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const measureCode = await measureCodeOf(store, planSlug, 56);
      const indicatorCode = await addMeasureIndicator(store, planSlug, measureCode);
      const outcomes: string[] = [];
      for (const [round, [attachAt, publishAt]] of DELAYS.entries()) {
        const asOf = `2014-0${round + 4}-30`;
        await openPeriod(store, staff.planner, { planSlug, asOf, deadline: null });
        const [attached, published] = await Promise.allSettled([
          after(attachAt, () =>
            attachFigureToIndicator(store, staff.nursery, {
              planSlug,
              asOf,
              measureCode,
              indicatorCode,
              value: String(1200 + round),
              field: "attach.0",
            }),
          ),
          after(publishAt, () =>
            publishPeriod(store, staff.planner, { planSlug, asOf, publishedOn: asOf }),
          ),
        ]);
        assert.equal(published.status, "fulfilled", `round ${round}: the publish goes through`);
        const stored = await store.db
          .selectFrom("indicator_value")
          .innerJoin("reporting_period as p", "p.id", "indicator_value.reporting_period_id")
          .select("indicator_value.value")
          .where("p.as_of", "=", asOf)
          .execute();
        const period = await store.db
          .selectFrom("reporting_period")
          .select("id")
          .where("as_of", "=", asOf)
          .executeTakeFirstOrThrow();
        // Audit ids follow the order in which the transactions committed.
        const events = await store.db
          .selectFrom("audit_event")
          .select("action")
          .where((eb) =>
            eb.or([
              eb.and([
                eb("action", "=", "indicator.result"),
                eb("entity_id", "=", `${indicatorCode}@${asOf}`),
              ]),
              eb.and([
                eb("action", "=", "period.publish"),
                eb("entity_id", "=", String(period.id)),
              ]),
            ]),
          )
          .orderBy("id")
          .execute();
        if (attached.status === "fulfilled") {
          outcomes.push("before");
          assert.deepEqual(
            stored.map((s) => s.value),
            [String(1200 + round)],
          );
          assert.deepEqual(
            events.map((e) => e.action),
            ["indicator.result", "period.publish"],
            `round ${round}: the result was committed before the publish`,
          );
        } else {
          outcomes.push("refused");
          const error = attached.reason as unknown;
          assert.ok(
            error instanceof ShinchokuError && error.id === "invalid_state",
            `round ${round}: refused as a closed period, not ${String(error)}`,
          );
          assert.deepEqual(stored, [], `round ${round}: nothing stored`);
          assert.deepEqual(
            events.map((e) => e.action),
            ["period.publish"],
          );
        }
      }
      assert.equal(outcomes.length, DELAYS.length);
    } finally {
      await store.dispose();
    }
  });
});
