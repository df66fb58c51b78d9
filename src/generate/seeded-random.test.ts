import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SeededRandom, seedOf } from "./seeded-random.ts";

describe("the seeded random generator", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
  });

  it("keeps integers within their bounds and reaches both ends", () => {
    const random = new SeededRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(2, 6)));
    assert.deepEqual([...seen].sort(), [2, 3, 4, 5, 6]);
  });

  it("derives different seeds for different paths", () => {
    assert.equal(seedOf(1, "plan", "012017", 1), seedOf(1, "plan", "012017", 1));
    assert.notEqual(seedOf(1, "plan", "012017", 1), seedOf(1, "plan", "012017", 2));
    assert.notEqual(seedOf(1, "plan", "012017", 1), seedOf(2, "plan", "012017", 1));
  });
});
