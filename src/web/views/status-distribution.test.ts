import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MeasureNode } from "../../domain/plan-tree.ts";
import { statusDistribution, statusNameOf } from "./status-distribution.ts";

const SCHEME = [
  { code: "done", name: "◎達成済" },
  { code: "doing", name: "○取組中" },
];
const measure = (statusCode: string | null, progress = true): MeasureNode => ({
  code: "M0001",
  title: "取組",
  relistingOf: null,
  roadmap: [],
  progress: progress ? { narrative: "…", statusCode, figures: [] } : null,
});

describe("status distribution", () => {
  it("counts measures in the plan's own scheme order, with a last bucket for those not set", () => {
    const result = statusDistribution(
      SCHEME,
      [measure("doing"), measure("done"), measure("doing"), measure(null), measure(null, false)],
      "未設定",
    );
    assert.deepEqual(result, {
      counts: [
        { code: "done", name: "◎達成済", count: 1 },
        { code: "doing", name: "○取組中", count: 2 },
        { code: null, name: "未設定", count: 2 },
      ],
      total: 5,
    });
  });

  it("counts a code the scheme does not know as not set rather than guessing", () => {
    const result = statusDistribution(SCHEME, [measure("unknown")], "未設定");
    assert.deepEqual(
      result.counts.map((c) => c.count),
      [0, 0, 1],
    );
    assert.equal(statusNameOf(SCHEME, "unknown", "未設定"), "未設定");
    assert.equal(statusNameOf(SCHEME, "doing", "未設定"), "○取組中");
  });
});
