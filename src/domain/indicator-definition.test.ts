import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkIndicatorDefinition, type IndicatorDefinitionForm } from "./indicator-definition.ts";

const PLAN = { kinds: ["成果指標", "KPI"], firstFiscalYear: 2012, lastFiscalYear: 2015 };

const form = (extra: Partial<IndicatorDefinitionForm> = {}): IndicatorDefinitionForm => ({
  name: "保育所の定員",
  unit: "人",
  kind: "成果指標",
  direction: "increase",
  source: "",
  achievementForm: "auto",
  baselineYear: "",
  baselineValue: "",
  targets: {},
  finalYear: "",
  finalValue: "",
  ...extra,
});

describe("checking an indicator typed on the staff form", () => {
  it("reads numbers as parseDecimal does and fiscal years as 西暦 or 和暦", () => {
    const { definition, errors } = checkIndicatorDefinition(
      form({
        baselineYear: "平成24年度",
        baselineValue: "３，４３７",
        targets: { 2013: "▲12", 2014: "" },
        finalValue: "82.50",
      }),
      PLAN,
    );
    assert.deepEqual(errors, {});
    assert.deepEqual(
      definition?.values.map((v) => [v.kind, v.fiscalYear, v.final, v.value]),
      [
        ["baseline", 2012, false, "3437"],
        ["target", 2013, false, "-12"],
        ["target", null, true, "82.50"],
      ],
      "a blank target is no target, and a final target may have no year",
    );
  });

  it("names each problem by its field, in the order of the form", () => {
    const { definition, errors } = checkIndicatorDefinition(
      form({
        name: " ",
        kind: "謎",
        direction: "up",
        baselineValue: "100",
        targets: { 2011: "1", 2013: "多数" },
        finalYear: "2016",
        finalValue: "5",
      }),
      PLAN,
    );
    assert.equal(definition, null);
    assert.deepEqual(Object.keys(errors), [
      "name",
      "kind",
      "direction",
      "baselineYear",
      "target-2011",
      "target-2013",
      "finalYear",
    ]);
    assert.equal(
      errors["target-2011"],
      "目標値の年度 2011年度は計画の期間（平成24年度（2012年度）から平成27年度（2015年度））の外です",
    );
    assert.equal(
      errors["target-2013"],
      "平成25年度（2013年度）の目標値は数値で入力してください（「多数」は数値ではありません）",
    );
  });

  it("keeps no direction when none is chosen, and refuses an unknown achievement form", () => {
    assert.equal(
      checkIndicatorDefinition(form({ direction: "" }), PLAN).definition?.direction,
      null,
    );
    assert.deepEqual(
      Object.keys(checkIndicatorDefinition(form({ achievementForm: "max" }), PLAN).errors),
      ["achievementForm"],
    );
  });
});
