import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWorkingDay, workingDaysLeft } from "./working-days.ts";

describe("working days of a city hall", () => {
  it("skips weekends and national holidays, Golden Week included", () => {
    assert.equal(isWorkingDay("2026-04-29"), false, "昭和の日");
    assert.equal(isWorkingDay("2026-05-06"), false, "振替休日");
    assert.equal(isWorkingDay("2026-05-02"), false, "Saturday");
    assert.equal(isWorkingDay("2026-05-07"), true);
    assert.equal(workingDaysLeft("2026-04-28", "2026-05-07"), 3);
  });

  it("skips the year-end closure from 29 December to 3 January", () => {
    assert.equal(isWorkingDay("2026-12-28"), true);
    assert.equal(isWorkingDay("2026-12-29"), false);
    assert.equal(isWorkingDay("2027-01-04"), true);
    assert.equal(workingDaysLeft("2026-12-28", "2027-01-04"), 1);
  });

  it("is zero on the deadline and negative after it", () => {
    assert.equal(workingDaysLeft("2014-04-20", "2014-04-20"), 0);
    assert.equal(workingDaysLeft("2014-04-22", "2014-04-18"), -2, "Monday 21 and Tuesday 22");
    assert.equal(workingDaysLeft("2014-04-18", "2014-04-21"), 1, "Friday to Monday");
  });
});
