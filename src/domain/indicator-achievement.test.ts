import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_SCORE_BANDS, type IndicatorValue } from "./indicator.ts";
import { achievementOf, achievementRate, scoreOf } from "./indicator-achievement.ts";

type Case = {
  name: string;
  direction: "increase" | "decrease" | "maintain" | null;
  form?: "auto" | "ratio";
  baseline: string | null;
  target: string | null;
  result: string | null;
  rate: number | null;
};

const CASES: Case[] = [
  // increase
  {
    name: "increase, with a baseline: share of the way",
    direction: "increase",
    baseline: "40",
    target: "60",
    result: "55",
    rate: 75,
  },
  {
    name: "increase, with a baseline, target passed",
    direction: "increase",
    baseline: "40",
    target: "60",
    result: "70",
    rate: 150,
  },
  {
    name: "increase, with a baseline, fallen back",
    direction: "increase",
    baseline: "40",
    target: "60",
    result: "30",
    rate: -50,
  },
  {
    name: "increase, without a baseline: result / target",
    direction: "increase",
    baseline: null,
    target: "80",
    result: "60",
    rate: 75,
  },
  {
    name: "increase, the plain form where the plan says so",
    direction: "increase",
    form: "ratio",
    baseline: "40",
    target: "80",
    result: "60",
    rate: 75,
  },
  {
    name: "increase, decimals as written",
    direction: "increase",
    baseline: "5.05",
    target: "10.05",
    result: "7.55",
    rate: 50,
  },
  // decrease
  {
    name: "decrease, with a baseline",
    direction: "decrease",
    baseline: "100",
    target: "60",
    result: "80",
    rate: 50,
  },
  {
    name: "decrease, without a baseline: target / result",
    direction: "decrease",
    baseline: null,
    target: "60",
    result: "80",
    rate: 75,
  },
  {
    name: "decrease, plain form, result zero reaches the target",
    direction: "decrease",
    form: "ratio",
    baseline: null,
    target: "0",
    result: "0",
    rate: 100,
  },
  {
    name: "decrease, with a baseline, to zero",
    direction: "decrease",
    baseline: "120",
    target: "0",
    result: "30",
    rate: 75,
  },
  // maintain
  {
    name: "maintain, kept",
    direction: "maintain",
    baseline: "80",
    target: "80",
    result: "80",
    rate: 100,
  },
  {
    name: "maintain, fallen short",
    direction: "maintain",
    baseline: "80",
    target: "80",
    result: "72",
    rate: 90,
  },
  {
    name: "maintain, target zero kept",
    direction: "maintain",
    baseline: null,
    target: "0",
    result: "0",
    rate: 100,
  },
  // edge cases
  {
    name: "target equal to the baseline, met",
    direction: "increase",
    baseline: "50",
    target: "50",
    result: "51",
    rate: 100,
  },
  {
    name: "target equal to the baseline, missed",
    direction: "increase",
    baseline: "50",
    target: "50",
    result: "49",
    rate: 0,
  },
  {
    name: "target equal to the baseline, decrease met",
    direction: "decrease",
    baseline: "50",
    target: "50",
    result: "49",
    rate: 100,
  },
  {
    name: "no result",
    direction: "increase",
    baseline: "40",
    target: "60",
    result: null,
    rate: null,
  },
  {
    name: "no target",
    direction: "increase",
    baseline: "40",
    target: null,
    result: "50",
    rate: null,
  },
  {
    name: "no direction, target below the baseline read as decrease",
    direction: null,
    baseline: "100",
    target: "60",
    result: "80",
    rate: 50,
  },
  {
    name: "no direction and no baseline read as increase",
    direction: null,
    baseline: null,
    target: "200",
    result: "50",
    rate: 25,
  },
  {
    name: "increase, plain form, target zero",
    direction: "increase",
    form: "ratio",
    baseline: null,
    target: "0",
    result: "3",
    rate: 100,
  },
  {
    name: "rounded to one decimal place",
    direction: "increase",
    baseline: null,
    target: "3",
    result: "1",
    rate: 33.3,
  },
];

describe("achievementRate", () => {
  for (const c of CASES)
    it(`computes ${c.name}`, () => {
      assert.equal(
        achievementRate({
          direction: c.direction,
          form: c.form ?? "auto",
          baseline: c.baseline,
          target: c.target,
          result: c.result,
        }),
        c.rate,
      );
    });
});

describe("scoreOf", () => {
  it("gives the first band whose minimum the rate reaches, the last band catching the rest", () => {
    assert.equal(scoreOf(100, DEFAULT_SCORE_BANDS), "A");
    assert.equal(scoreOf(99.9, DEFAULT_SCORE_BANDS), "B");
    assert.equal(scoreOf(80, DEFAULT_SCORE_BANDS), "B");
    assert.equal(scoreOf(50, DEFAULT_SCORE_BANDS), "C");
    assert.equal(scoreOf(-20, DEFAULT_SCORE_BANDS), "D");
    assert.equal(scoreOf(null, DEFAULT_SCORE_BANDS), null);
  });

  it("takes a plan's own bands as data, such as 1–5 points", () => {
    const points = [
      { label: "5", minimum: "100" },
      { label: "4", minimum: "75" },
      { label: "3", minimum: "50" },
      { label: "2", minimum: "25" },
      { label: "1", minimum: null },
    ];
    assert.equal(scoreOf(76, points), "4");
    assert.equal(scoreOf(10, points), "1");
    assert.equal(scoreOf(10, [{ label: "A", minimum: "100" }]), null);
  });
});

describe("achievementOf", () => {
  const v = (
    kind: IndicatorValue["kind"],
    fiscalYear: number | null,
    value: string | null,
    extra: Partial<IndicatorValue> = {},
  ): IndicatorValue => ({
    kind,
    fiscalYear,
    value,
    final: false,
    periodAsOf: null,
    note: null,
    ...extra,
  });

  it("judges the latest year with a result against that year's target, else the final one", () => {
    const indicator = {
      direction: "increase" as const,
      achievementForm: "auto" as const,
      values: [
        v("baseline", 2010, "40"),
        v("target", 2012, "50"),
        v("target", 2015, "60", { final: true }),
        v("result", 2012, "45"),
        v("result", 2013, "55"),
        v("result", 2014, null, { note: "集計中" }),
      ],
    };
    assert.deepEqual(achievementOf(indicator, DEFAULT_SCORE_BANDS), {
      fiscalYear: 2013,
      baseline: "40",
      target: "60",
      result: "55",
      rate: 75,
      score: "C",
    });
    assert.equal(achievementOf(indicator, DEFAULT_SCORE_BANDS, 2012)?.rate, 50);
  });

  it("takes a year's latest mid-year result when the year has no result of its own", () => {
    const indicator = {
      direction: "increase" as const,
      achievementForm: "auto" as const,
      values: [
        v("target", 2013, "100"),
        v("result", 2013, "20", { periodAsOf: "2013-06-30" }),
        v("result", 2013, "40", { periodAsOf: "2013-09-30" }),
      ],
    };
    assert.equal(achievementOf(indicator, DEFAULT_SCORE_BANDS)?.result, "40");
  });

  it("has no achievement without a result", () => {
    const indicator = {
      direction: null,
      achievementForm: "auto" as const,
      values: [v("target", 2013, "100"), v("result", 2013, null, { note: "-" })],
    };
    assert.equal(achievementOf(indicator, DEFAULT_SCORE_BANDS), null);
  });
});
