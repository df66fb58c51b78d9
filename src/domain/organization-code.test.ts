import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDigit, isOrganizationCode } from "./organization-code.ts";

describe("isOrganizationCode", () => {
  const known: Array<[string, string]> = [
    ["431001", "熊本市"],
    ["130001", "東京都"],
    ["011002", "札幌市"],
    ["012050", "室蘭市 (the weighted sum leaves remainder 1: check digit 0)"],
    ["012131", "苫小牧市 (the weighted sum leaves remainder 0: check digit 1)"],
    ["131016", "千代田区"],
  ];
  for (const [code, name] of known) {
    it(`accepts ${code}, ${name}`, () => {
      assert.equal(isOrganizationCode(code), true);
    });
  }

  it("rejects each known code with any other check digit", () => {
    for (const [code] of known) {
      for (let d = 0; d <= 9; d++) {
        const wrong = `${code.slice(0, 5)}${d}`;
        if (wrong === code) continue;
        assert.equal(isOrganizationCode(wrong), false, wrong);
      }
    }
  });

  it("rejects five and seven digits", () => {
    assert.equal(isOrganizationCode("43100"), false);
    assert.equal(isOrganizationCode("4310010"), false);
  });

  it("rejects full-width digits", () => {
    assert.equal(isOrganizationCode("４３１００１"), false);
  });

  it("rejects letters", () => {
    assert.equal(isOrganizationCode("43100a"), false);
    assert.equal(isOrganizationCode("A31001"), false);
  });

  it("rejects the empty string and codes padded with white space", () => {
    assert.equal(isOrganizationCode(""), false);
    assert.equal(isOrganizationCode(" 431001"), false);
    assert.equal(isOrganizationCode("431001\n"), false);
  });
});

describe("checkDigit", () => {
  it("gives 1 for 43100 (熊本市)", () => {
    assert.equal(checkDigit("43100"), 1);
  });

  it("gives 0 when the weighted sum leaves remainder 1 (室蘭市 01205)", () => {
    assert.equal(checkDigit("01205"), 0);
  });

  it("gives 1 when the weighted sum leaves remainder 0 (苫小牧市 01213)", () => {
    assert.equal(checkDigit("01213"), 1);
  });
});
