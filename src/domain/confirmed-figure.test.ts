import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatFigure, readTypedNumber, validateFigures } from "./confirmed-figure.ts";
import { ShinchokuError } from "./errors.ts";

const refusedAt = (field: string, pattern: RegExp) => (e: unknown) =>
  e instanceof ShinchokuError &&
  e.id === "invalid_input" &&
  e.location.field === field &&
  pattern.test(e.message);

describe("confirmed figures", () => {
  it("reads full-width digits and thousands commas as numbers", () => {
    assert.equal(readTypedNumber("６，４４１"), 6441);
    assert.equal(readTypedNumber(" 6,441 "), 6441);
    assert.equal(readTypedNumber("１２．５"), 12.5);
    assert.equal(readTypedNumber("−3"), -3);
    assert.equal(readTypedNumber("23,24"), null, "a comma that is not a thousands separator");
    assert.equal(readTypedNumber("十"), null);
    assert.equal(readTypedNumber("1e400"), null);
  });

  it("normalizes what was typed: numbers read, text trimmed, blanks as null", () => {
    assert.deepEqual(
      validateFigures([
        { value: "19", total: "３５", unit: " 電停 ", qualifier: "", text: "35電停中19電停" },
        { value: 31000, unit: "人", qualifier: "以上" },
      ]),
      [
        { value: 19, total: 35, unit: "電停", qualifier: null, text: "35電停中19電停" },
        { value: 31000, total: null, unit: "人", qualifier: "以上", text: "" },
      ],
    );
  });

  it("refuses a bad figure naming its field in Japanese", () => {
    const ok = { value: 1 };
    assert.throws(
      () => validateFigures([ok, ok, { value: "たくさん" }]),
      refusedAt("figures.2.value", /3件目の数値: 値を数字で/u),
    );
    assert.throws(
      () => validateFigures([{ value: "" }]),
      refusedAt("figures.0.value", /値を入力/u),
    );
    assert.throws(
      () => validateFigures([{ value: Number.POSITIVE_INFINITY }]),
      refusedAt("figures.0.value", /数字/u),
    );
    assert.throws(
      () => validateFigures([ok, { value: 1, total: 0 }]),
      refusedAt("figures.1.total", /0より大きい/u),
    );
    assert.throws(
      () => validateFigures([{ value: 1, unit: "あ".repeat(21) }]),
      refusedAt("figures.0.unit", /20文字以内/u),
    );
    assert.throws(
      () => validateFigures([{ value: 1, text: "あ".repeat(201) }]),
      refusedAt("figures.0.text", /200文字以内/u),
    );
    assert.throws(
      () => validateFigures([{ value: 1, qualifier: "くらい" }]),
      refusedAt("figures.0.qualifier", /約・以上/u),
    );
    assert.throws(
      () => validateFigures(Array.from({ length: 31 }, () => ok)),
      refusedAt("figures", /30件まで/u),
    );
  });

  it("accepts a total smaller than the value", () => {
    assert.equal(validateFigures([{ value: 120, total: 100, unit: "%" }])[0]?.total, 100);
  });

  it("formats a figure with its whole, unit and qualifier", () => {
    const f = { total: null, unit: null, qualifier: null, text: "" };
    assert.equal(formatFigure({ ...f, value: 19, total: 35, unit: "電停" }), "19 / 35 電停");
    assert.equal(formatFigure({ ...f, value: 935, unit: "m", qualifier: "約" }), "約 935 m");
    assert.equal(
      formatFigure({ ...f, value: 31000, unit: "人", qualifier: "以上" }),
      "31,000 人以上",
    );
    assert.equal(formatFigure({ ...f, value: 12.5 }), "12.5");
  });
});
