import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOrganizationCode } from "../domain/organization-code.ts";
import { generateOrganizations } from "./organization-generator.ts";
import { PREFECTURE_SHARES } from "./prefecture-shares.ts";

describe("the organization generator", () => {
  it("makes the full 1,741 with valid, distinct codes in each prefecture's real proportion", () => {
    const orgs = generateOrganizations(1741, 1);
    assert.equal(orgs.length, 1741);
    assert.ok(orgs.every((o) => isOrganizationCode(o.code)));
    assert.equal(new Set(orgs.map((o) => o.code)).size, 1741);
    for (const p of PREFECTURE_SHARES) {
      const here = orgs.filter((o) => o.code.startsWith(p.code));
      assert.equal(here.length, p.municipalities, p.name);
    }
    assert.equal(orgs.filter((o) => o.prefectureCode === "01").length, 179);
    assert.equal(orgs.filter((o) => o.prefectureCode === "31").length, 19);
  });

  it("names every organization once, as a city, town or village", () => {
    const orgs = generateOrganizations(1741, 3);
    assert.equal(new Set(orgs.map((o) => o.name)).size, orgs.length);
    assert.ok(
      orgs.every((o) => /^[一-龥]{2,3}[市町村]$/u.test(o.name)),
      "kanji names with a suffix",
    );
    assert.ok(orgs.every((o) => (o.code[2] === "2") === o.name.endsWith("市")));
  });

  it("spreads a smaller set over the prefectures: every one from 47 on, distinct ones below", () => {
    const hundred = generateOrganizations(100, 1);
    assert.equal(new Set(hundred.map((o) => o.prefectureCode)).size, 47);
    assert.ok(hundred.filter((o) => o.prefectureCode === "01").length > 5);
    const three = generateOrganizations(3, 1);
    assert.equal(new Set(three.map((o) => o.prefectureCode)).size, 3);
    assert.ok(three.every((o) => isOrganizationCode(o.code)));
  });

  it("keeps the codes for another seed and changes the names", () => {
    const [a, b] = [generateOrganizations(50, 1), generateOrganizations(50, 2)];
    assert.deepEqual(
      a.map((o) => o.code),
      b.map((o) => o.code),
    );
    assert.notDeepEqual(
      a.map((o) => o.name),
      b.map((o) => o.name),
    );
  });
});
