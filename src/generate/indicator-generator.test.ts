import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_INDICATOR_KINDS } from "../domain/indicator.ts";
import {
  type GeneratedGroup,
  type GeneratedIndicator,
  type GeneratedPlan,
  generatedItems,
} from "./generated-plan.ts";
import { INDICATOR_YEARS } from "./indicator-generator.ts";
import { generateOrganizations } from "./organization-generator.ts";
import { fiscalYearOfDate } from "./period-calendar.ts";
import { generatePlan } from "./plan-generator.ts";
import { loadModelVocabulary } from "./vocabulary-loader.ts";

const vocabulary = loadModelVocabulary();
const orgs = generateOrganizations(40, 3);
const plans = orgs.map((organization, i) =>
  generatePlan(vocabulary, {
    organization,
    index: 1 + (i % 2),
    periods: 7,
    fromYear: 2013,
    seed: 3,
  }),
);

/** A plan's indicators in document order: each group's, then its children's, then its items'. */
function indicatorsOf(plan: GeneratedPlan): GeneratedIndicator[] {
  const walk = (g: GeneratedGroup): GeneratedIndicator[] => [
    ...g.indicators,
    ...g.children.flatMap(walk),
    ...g.items.flatMap((i) => i.measures.flatMap((m) => m.indicators)),
  ];
  return plan.pillars.flatMap(walk);
}

const all = plans.flatMap(indicatorsOf);

describe("the generated indicators", () => {
  it("are the same for the same spec, and others for another seed", () => {
    const organization = orgs[0] ?? assert.fail("no organization");
    const spec = { organization, index: 1, periods: 8, fromYear: 2013, seed: 11 } as const;
    const once = indicatorsOf(generatePlan(vocabulary, spec));
    assert.ok(once.length > 0);
    assert.deepEqual(indicatorsOf(generatePlan(vocabulary, spec)), once);
    assert.notDeepEqual(indicatorsOf(generatePlan(vocabulary, { ...spec, seed: 12 })), once);
  });

  it("put 0–3 on each original measure, with different names, and none on a re-listing", () => {
    const counts = new Set<number>();
    for (const plan of plans)
      for (const m of generatedItems(plan).flatMap((i) => i.measures)) {
        if (m.relistingOf !== null) assert.deepEqual(m.indicators, [], m.code);
        else counts.add(m.indicators.length);
        assert.equal(new Set(m.indicators.map((i) => i.name)).size, m.indicators.length);
      }
    assert.deepEqual([...counts].sort(), [0, 1, 2, 3]);
  });

  it("give some categories and pillars a KPI, and no area", () => {
    const groups = plans.flatMap((p) =>
      p.pillars.flatMap(function walk(g): GeneratedGroup[] {
        return [g, ...g.children.flatMap(walk)];
      }),
    );
    const withKpi = groups.filter((g) => g.indicators.length > 0);
    assert.ok(withKpi.some((g) => g.level === "category"));
    assert.ok(withKpi.some((g) => g.level === "pillar"));
    assert.ok(withKpi.every((g) => g.level !== "area" && g.indicators.length === 1));
    assert.ok(withKpi.every((g) => g.indicators.every((i) => i.kind === "KPI")));
    assert.ok(withKpi.length < groups.length / 2);
  });

  it("are coded I0001… in document order within each plan", () => {
    for (const plan of plans) {
      const codes = indicatorsOf(plan).map((i) => i.code);
      assert.deepEqual(
        codes,
        codes.map((_, i) => `I${String(i + 1).padStart(4, "0")}`),
      );
    }
  });

  it("use the default kinds, a unit and direction, and never name 熊本", () => {
    assert.ok(all.length > 1000, `${all.length} indicators`);
    assert.ok(all.every((i) => DEFAULT_INDICATOR_KINDS.includes(i.kind)));
    assert.ok(new Set(all.map((i) => i.kind)).size >= 4);
    assert.ok(all.every((i) => ["increase", "decrease", "maintain"].includes(i.direction)));
    assert.ok(all.some((i) => i.unit === null) && all.some((i) => i.unit === "%"));
    assert.doesNotMatch(JSON.stringify(all), /熊本|くまもと/u);
  });

  it("have a baseline the year before the plan, eight yearly targets (the last final) and results up to the last period's year", () => {
    for (const plan of plans) {
      const first = Math.min(...plan.fiscalYears);
      const lastYear = fiscalYearOfDate(plan.periods.at(-1)?.asOf ?? "");
      for (const ind of indicatorsOf(plan)) {
        const of = (kind: string) => ind.values.filter((v) => v.kind === kind);
        assert.deepEqual(
          of("baseline").map((v) => v.fiscalYear),
          [first - 1],
        );
        assert.deepEqual(
          of("target").map((v) => [v.fiscalYear, v.final]),
          Array.from({ length: INDICATOR_YEARS }, (_, i) => [first + i, i === INDICATOR_YEARS - 1]),
        );
        const years = of("result").map((v) => v.fiscalYear ?? 0);
        assert.deepEqual(
          years,
          years.map((_, i) => first + i),
        );
        assert.ok(years.every((y) => y <= lastYear));
        assert.ok(ind.values.every((v) => v.periodAsOf === null));
        for (const v of ind.values)
          if (v.value === null) assert.equal(v.note, "集計中");
          else assert.match(v.value, /^\d+(?:\.\d+)?$/u);
      }
    }
  });

  it("leave a few results blank (集計中) and mark some of the last year's as 見込み", () => {
    const results = all.flatMap((i) => i.values.filter((v) => v.kind === "result"));
    const blanks = results.filter((v) => v.value === null).length;
    const estimates = results.filter((v) => v.note === "見込み").length;
    assert.ok(blanks > 0 && blanks < results.length * 0.1, `${blanks} blanks`);
    assert.ok(estimates > 0 && estimates < results.length * 0.3, `${estimates} estimates`);
  });
});
