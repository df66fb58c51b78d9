import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { highlightPieces, matchRanges, searchSnippet } from "./search-snippet.ts";
import { queryGrams } from "./search-tokens.ts";

const marked = (text: string, query: string) =>
  highlightPieces(text, matchRanges(text, queryGrams(query)))
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join("");

describe("search snippets", () => {
  it("marks every occurrence of every term in the original text", () => {
    assert.equal(
      marked("市電車両リフレッシュは事業実施中 市電ロケーション", "市電"),
      "[市電]車両リフレッシュは事業実施中 [市電]ロケーション",
    );
    assert.equal(
      marked("保育所整備による待機児童の解消", "保育 児童"),
      "[保育]所整備による待機[児童]の解消",
    );
  });

  it("marks the original characters when the query differs in width or kana", () => {
    assert.equal(marked("ICTを活用した", "ＩＣＴ"), "[ICT]を活用した");
    assert.equal(marked("ＩＣＴを活用した", "ict"), "[ＩＣＴ]を活用した");
    assert.equal(marked("公用車のカーシェアリング", "かーしぇあ"), "公用車の[カーシェア]リング");
    assert.equal(marked("ｶｰｼｪｱﾘﾝｸﾞ", "カーシェア"), "[ｶｰｼｪｱ]ﾘﾝｸﾞ");
  });

  it("merges overlapping matches and marks a one-character term wherever it stands", () => {
    assert.equal(marked("低床電車 電停", "電"), "低床[電]車 [電]停");
    assert.equal(marked("保育所", "保育 育所"), "[保育所]");
  });

  it("marks nothing when nothing matches, and leaves symbols as text", () => {
    assert.deepEqual(matchRanges("保育所整備", queryGrams("市電")), []);
    assert.deepEqual(matchRanges("<script>", queryGrams("!!!")), []);
    assert.equal(marked("<script>alert(1)</script>", "script"), "<[script]>alert(1)</[script]>");
  });

  it("cuts an excerpt around the first match with its matches, saying where text was left out", () => {
    const text = `${"あ".repeat(100)}保育所整備${"い".repeat(100)}`;
    const snippet = searchSnippet(text, queryGrams("保育"), 40);
    assert.ok(snippet);
    assert.equal(Array.from(snippet.text).length, 40);
    assert.ok(snippet.before && snippet.after);
    const [first] = snippet.matches;
    assert.ok(first);
    assert.equal(snippet.text.slice(first.start, first.end), "保育");
  });

  it("gives a whole short text as it is, and nothing when nothing matches", () => {
    const snippet = searchSnippet("新設含む10ヶ所の保育所整備を実施中", queryGrams("保育"));
    assert.deepEqual(snippet, {
      text: "新設含む10ヶ所の保育所整備を実施中",
      matches: [{ start: 9, end: 11 }],
      before: false,
      after: false,
    });
    assert.equal(searchSnippet("新設含む", queryGrams("保育")), null);
  });

  it("never cuts a character outside the Basic Multilingual Plane in half", () => {
    const text = `${"𠮷".repeat(50)}保育${"𠮷".repeat(50)}`;
    const snippet = searchSnippet(text, queryGrams("保育"), 20);
    assert.ok(snippet);
    assert.ok(!/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/u.test(snippet.text));
    assert.equal(Array.from(snippet.text).length, 20);
  });
});
