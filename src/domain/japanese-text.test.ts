import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { comparisonKey, normalizeText, similarity, toAsciiDigits } from "./japanese-text.ts";

describe("normalizeText", () => {
  it("turns full-width digits and letters into half-width", () => {
    assert.equal(normalizeText("ＭＩＣＥの推進　Ｎｏ．３１"), "MICEの推進 No.31");
  });

  it("collapses white space, ideographic space included, and trims", () => {
    assert.equal(normalizeText(" \t市電の\u3000\u3000利用\n促進  "), "市電の 利用 促進");
  });

  it("turns half-width katakana into full-width", () => {
    assert.equal(normalizeText("ｶｰｼｪｱﾘﾝｸﾞ"), "カーシェアリング");
  });
});

describe("comparisonKey", () => {
  it("ignores spaces of every width", () => {
    assert.equal(
      comparisonKey("高齢者の 居住\u3000安定化の推進"),
      comparisonKey("高齢者の居住安定化の推進"),
    );
    assert.equal(comparisonKey("a b\tc\nd"), "abcd");
  });

  it("ignores Japanese and ASCII quotation brackets", () => {
    assert.equal(comparisonKey("「くまもと」の『魅力』発信"), "くまもとの魅力発信");
    assert.equal(comparisonKey(`"熊本" 'city'`), "熊本city");
  });

  it("treats full-width and half-width letters alike", () => {
    assert.equal(comparisonKey("ＭＩＣＥ誘致"), comparisonKey("MICE誘致"));
  });

  it("still tells different titles apart", () => {
    assert.notEqual(comparisonKey("市電の利用促進"), comparisonKey("バスの利用促進"));
  });
});

describe("toAsciiDigits", () => {
  it("turns full-width digits into ASCII digits", () => {
    assert.equal(toAsciiDigits("０１２３４５６７８９"), "0123456789");
  });

  it("leaves everything else as it is, full-width letters included", () => {
    assert.equal(toAsciiDigits("平成２５年９月末　ＡＢＣ"), "平成25年9月末　ＡＢＣ");
  });
});

describe("similarity", () => {
  it("is 1 for equal titles", () => {
    assert.equal(similarity("市電の利用促進", "市電の利用促進"), 1);
  });

  it("is 1 for titles that differ only in spaces and brackets", () => {
    assert.equal(similarity("「市電」の 利用促進", "市電の利用促進"), 1);
  });

  it("is above 0.8 for 花畑地区文化ホール等の整備 and 花畑地区文化ホールの整備", () => {
    const s = similarity("花畑地区文化ホール等の整備", "花畑地区文化ホールの整備");
    assert.ok(s > 0.8 && s < 1, `similarity ${s}`);
  });

  it("is below 0.3 for unrelated titles", () => {
    const s = similarity("保育園の待機児童ゼロ", "公用車のカーシェアリングの導入");
    assert.ok(s < 0.3, `similarity ${s}`);
  });

  it("is symmetric", () => {
    const pairs: Array<[string, string]> = [
      ["花畑地区文化ホール等の整備", "花畑地区文化ホールの整備"],
      ["市電の利用促進", "市電の利用促進と延伸の検討"],
      ["ああああ", "ああいい"],
    ];
    for (const [a, b] of pairs) assert.equal(similarity(a, b), similarity(b, a), `${a} / ${b}`);
  });

  it("counts a repeated bigram only as often as it occurs in both", () => {
    // "ああああ" has three "ああ", "ああいい" one: Dice = 2·1 / (3 + 3).
    assert.equal(similarity("ああああ", "ああいい"), 2 / 6);
  });

  it("is 0 when a title is shorter than two characters and the titles differ", () => {
    assert.equal(similarity("市", "市電"), 0);
  });
});
