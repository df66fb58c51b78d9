import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PREFECTURES, prefectureByCode, prefectureOf } from "./prefecture.ts";

describe("PREFECTURES", () => {
  it("has the 47 prefectures in JIS X 0401 order, 北海道 01 first and 沖縄県 47 last", () => {
    assert.equal(PREFECTURES.length, 47);
    assert.deepEqual(
      PREFECTURES.map((p) => p.code),
      Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, "0")),
    );
    assert.deepEqual(PREFECTURES[0], {
      code: "01",
      name: "北海道",
      nameEn: "Hokkaido",
      region: "北海道",
    });
    assert.equal(PREFECTURES[12]?.name, "東京都");
    assert.equal(PREFECTURES[25]?.name, "京都府");
    assert.equal(PREFECTURES[26]?.name, "大阪府");
    assert.equal(PREFECTURES[46]?.name, "沖縄県");
  });

  it("gives every prefecture a distinct name, and one of the eight regions", () => {
    assert.equal(new Set(PREFECTURES.map((p) => p.name)).size, 47);
    assert.equal(new Set(PREFECTURES.map((p) => p.nameEn)).size, 47);
    assert.deepEqual(
      [...new Set(PREFECTURES.map((p) => p.region))],
      ["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"],
    );
    for (const p of PREFECTURES) assert.match(p.name, /^(?:北海道|東京都|.+府|.+県)$/u, p.name);
  });
});

describe("prefectureByCode", () => {
  it("finds 43 熊本県 and 01 北海道", () => {
    assert.equal(prefectureByCode("43")?.name, "熊本県");
    assert.equal(prefectureByCode("01")?.name, "北海道");
  });

  it("gives null for 00, 48, one digit, full-width digits and text", () => {
    for (const code of ["00", "48", "99", "1", "043", "４３", "ab", ""])
      assert.equal(prefectureByCode(code), null, code);
  });
});

describe("prefectureOf", () => {
  it("takes the prefecture from the first two digits of a valid organization code", () => {
    assert.equal(prefectureOf("431001")?.name, "熊本県", "熊本市");
    assert.equal(prefectureOf("131016")?.name, "東京都", "千代田区");
    assert.equal(prefectureOf("011002")?.name, "北海道", "札幌市");
    assert.equal(prefectureOf("130001")?.name, "東京都", "東京都 itself");
    assert.equal(prefectureOf("472018")?.name, "沖縄県", "那覇市");
  });

  it("gives null for a code with the wrong check digit, a malformed code or no prefecture", () => {
    assert.equal(prefectureOf("431002"), null, "wrong check digit");
    assert.equal(prefectureOf("43100"), null);
    assert.equal(prefectureOf("４３１００１"), null);
    // 48100 has the check digit 9, but there is no prefecture 48.
    assert.equal(prefectureOf("481009"), null);
    assert.equal(prefectureOf("001007"), null, "prefecture 00");
  });
});
