import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { queryGrams } from "./search-tokens.ts";
import {
  optedInVariants,
  SEARCH_VARIANT_GROUPS,
  spellingsOf,
  withVariants,
} from "./search-variants.ts";

describe("search variants", () => {
  it("writes a query's 障害 each of its ways, the query as typed first", () => {
    assert.deepEqual(spellingsOf("障害者"), ["障害者", "障がい者", "障碍者"]);
  });

  it("expands 子ども, 子供 and こども to each other, however the query wrote it", () => {
    for (const typed of ["子ども", "子供", "こども"]) {
      const spellings = spellingsOf(typed);
      assert.equal(spellings[0], typed);
      assert.deepEqual([...spellings].sort(), ["こども", "子ども", "子供"].sort());
    }
    // Katakana is folded like the index folds it.
    assert.ok(spellingsOf(queryGrams("コドモ")[0]?.text ?? "").includes("子ども"));
  });

  it("reads 取り組み whole before its shorter forms", () => {
    const spellings = spellingsOf("取り組み状況");
    assert.equal(spellings[0], "取り組み状況");
    assert.ok(spellings.includes("取組状況"));
    assert.ok(spellings.includes("取組み状況"));
    assert.ok(!spellings.includes("取り組みみ状況"));
  });

  it("applies 保育所/保育園 only when opted in", () => {
    assert.deepEqual(spellingsOf("保育所整備"), ["保育所整備"]);
    assert.deepEqual(spellingsOf("保育所整備", ["nursery"]), ["保育所整備", "保育園整備"]);
  });

  it("combines groups in one term, up to a bound", () => {
    const spellings = spellingsOf("障害のある子どもの取組");
    assert.ok(spellings.includes("障がいのあるこどもの取組"), spellings.join(" "));
    assert.equal(spellings.length, 9, "3 × 3, and no more groups past the bound");
  });

  it("leaves terms without variants as they are, and gives the others their variants as terms", () => {
    const [plain, child] = withVariants(queryGrams("交通 子ども"));
    assert.equal(plain?.variants, undefined);
    assert.deepEqual(child?.variants?.map((v) => v.text).sort(), ["こども", "子供"].sort());
    assert.ok(child?.variants?.every((v) => v.tokens.length > 0 && !v.prefix));
  });

  it("reads a plan's stored opt-ins, ignoring unknown or non-opt-in ids", () => {
    assert.deepEqual(optedInVariants('["nursery","child","nope"]'), ["nursery"]);
    assert.deepEqual(optedInVariants("not json"), []);
    assert.deepEqual(optedInVariants(null), []);
    assert.ok(SEARCH_VARIANT_GROUPS.filter((g) => g.optIn).every((g) => g.id === "nursery"));
  });
});
