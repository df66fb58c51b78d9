import assert from "node:assert/strict";
import { it } from "node:test";
import { changeIndicator } from "../../src/commands/cycle/indicator-definer.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { publishPeriod } from "../../src/commands/cycle/period-publisher.ts";
import { ShinchokuError } from "../../src/domain/errors.ts";
import type { IndicatorDefinitionForm } from "../../src/domain/indicator-definition.ts";
import { measureCodeOf, staffedPlanSeed } from "../factories/staff.ts";
import { forEachStore, seededStore } from "../store-targets.ts";

const ROUNDS = 3;

const form = (name: string, target: string): IndicatorDefinitionForm => ({
  name,
  unit: "人",
  kind: "成果指標",
  direction: "increase",
  source: "",
  achievementForm: "auto",
  baselineYear: "",
  baselineValue: "",
  targets: { 2013: target },
  finalYear: "",
  finalValue: "",
});

const idOf = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === "rejected" && outcome.reason instanceof ShinchokuError
    ? `${outcome.reason.id}:${outcome.reason.location.field ?? ""}`
    : outcome.status;

forEachStore("indicator definitions racing each other and a publish", (dialect) => {
  it("stores one of two indicators of the same name defined at once, and refuses the other by its name", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      for (let round = 0; round < ROUNDS; round++) {
        const name = `待機児童数${round}`;
        const outcomes = await Promise.allSettled(
          [staff.planner, staff.admin].map((actor, i) =>
            changeIndicator(store, actor, planSlug, {
              action: "define",
              owner,
              form: form(name, String(100 + i)),
            }),
          ),
        );
        assert.deepEqual(outcomes.map(idOf).sort(), ["fulfilled", "invalid_input:name"]);
        const stored = await store.db
          .selectFrom("indicator")
          .select("code")
          .where("name", "=", name)
          .execute();
        assert.equal(stored.length, 1, `round ${round}: one indicator named ${name}`);
      }
      const events = await store.db
        .selectFrom("audit_event")
        .select("entity_id")
        .where("action", "=", "indicator.define")
        .execute();
      assert.equal(events.length, ROUNDS, "one define recorded per round");
    } finally {
      await store.dispose();
    }
  });

  it("leaves the working values and the period's revision from the same one of two racing revisions", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      const { code } = await changeIndicator(store, staff.planner, planSlug, {
        action: "define",
        owner,
        form: form("保育所の定員", "1"),
      });
      for (let round = 0; round < ROUNDS; round++) {
        const targets = [`${round + 1}00`, `${round + 1}50`];
        const outcomes = await Promise.allSettled(
          targets.map((target, i) =>
            changeIndicator(store, i === 0 ? staff.planner : staff.admin, planSlug, {
              action: "revise",
              code,
              form: form("保育所の定員", target),
            }),
          ),
        );
        assert.deepEqual(outcomes.map(idOf), ["fulfilled", "fulfilled"], `round ${round}`);
        const working = await store.db
          .selectFrom("indicator_value")
          .select("value")
          .where("kind", "=", "target")
          .execute();
        const revision = await store.db
          .selectFrom("indicator_revision")
          .select("values_json")
          .execute();
        assert.equal(working.length, 1, `round ${round}: one target, not ${working.length}`);
        assert.equal(revision.length, 1, "one revision of the open period");
        const revised = JSON.parse(revision[0]?.values_json ?? "[]") as Array<{ value: string }>;
        assert.ok(targets.includes(working[0]?.value ?? ""), `round ${round}`);
        assert.equal(revised[0]?.value, working[0]?.value, `round ${round}: the same revision`);
      }
    } finally {
      await store.dispose();
    }
  });

  it("lands a definition racing a publish in that period (public with it) or refuses it with nothing stored", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      for (let round = 0; round < ROUNDS; round++) {
        const asOf = `${2014 + round}-03-31`;
        await openPeriod(store, staff.planner, { planSlug, asOf, deadline: null });
        const name = `延長保育の実施園数${round}`;
        const [defined] = await Promise.allSettled([
          changeIndicator(store, staff.planner, planSlug, {
            action: "define",
            owner,
            form: form(name, "10"),
          }),
          publishPeriod(store, staff.planner, {
            planSlug,
            asOf,
            publishedOn: `${2014 + round}-05-15`,
          }),
        ]);
        const rows = await store.db
          .selectFrom("indicator_revision as r")
          .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
          .select(["p.as_of", "p.state"])
          .where("r.name", "=", name)
          .execute();
        if (defined && defined.status === "fulfilled")
          assert.deepEqual(rows, [{ as_of: asOf, state: "published" }], `round ${round}`);
        else {
          assert.equal(defined && idOf(defined), "invalid_state:period", `round ${round}`);
          assert.deepEqual(rows, [], `round ${round}: nothing stored`);
        }
      }
    } finally {
      await store.dispose();
    }
  });
});
