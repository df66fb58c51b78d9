import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  encodeGram,
  foldForSearch,
  foldWithOffsets,
  indexText,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  queryGrams,
  searchGrams,
} from "./search-tokens.ts";

describe("search tokens", () => {
  it("folds full-width to half-width, capitals to small letters and katakana to hiragana", () => {
    assert.equal(foldForSearch("ＩＣＴ"), "ict");
    assert.equal(foldForSearch("ｈｏｉｋｕ"), "hoiku");
    assert.equal(foldForSearch("カーシェアリング"), "かーしぇありんぐ");
    assert.equal(foldForSearch("ｶｰｼｪｱﾘﾝｸﾞ"), "かーしぇありんぐ");
    assert.equal(foldForSearch("２０１３年"), "2013年");
  });

  it("keeps a combining sound mark with its kana, so a decomposed ガ folds like ガ", () => {
    assert.equal(foldForSearch("カ\u3099"), "が");
    assert.equal(foldForSearch("ｶﾞ"), "が");
  });

  it("maps each folded character back to the span of the original text it comes from", () => {
    const { folded, starts, ends } = foldWithOffsets("ｶﾞ㍻ICT");
    assert.equal(folded, "が平成ict");
    assert.deepEqual(starts, [0, 2, 2, 3, 4, 5]);
    assert.deepEqual(ends, [2, 3, 3, 4, 5, 6]);
  });

  it("indexes each run's overlapping bigrams and its last character", () => {
    assert.deepEqual(searchGrams("保育所"), ["保育", "育所", "所"]);
    assert.deepEqual(searchGrams("市電・ICT"), ["市電", "電", "ic", "ct", "t"]);
    assert.deepEqual(searchGrams("電"), ["電"]);
  });

  it("splits runs at spaces and symbols, and indexes nothing for symbols only", () => {
    assert.deepEqual(searchGrams("保育 (ICT)"), ["保育", "育", "ic", "ct", "t"]);
    assert.deepEqual(searchGrams("!!!??? ⇒ —"), []);
    assert.equal(indexText("⇒"), "");
  });

  it("counts a character outside the Basic Multilingual Plane as one character", () => {
    assert.deepEqual(searchGrams("𠮷野家"), ["𠮷野", "野家", "家"]);
  });

  it("encodes a gram as one ASCII word of letters a–p, six per character", () => {
    assert.equal(encodeGram("保"), "aaepnn");
    assert.equal(encodeGram("保育"), "aaepnnaaialc");
    assert.match(encodeGram("𠮷a"), /^[a-p]{12}$/u);
    assert.equal(indexText("保育"), "aaepnnaaialc aaialc");
  });

  it("makes the same tokens of a query in full-width, half-width, katakana or hiragana", () => {
    assert.deepEqual(queryGrams("ＩＣＴ"), queryGrams("ict"));
    assert.deepEqual(queryGrams("カーシェアリング"), queryGrams("かーしぇありんぐ"));
    assert.deepEqual(queryGrams("ｶｰｼｪｱﾘﾝｸﾞ"), queryGrams("カーシェアリング"));
  });

  it("searches two or more characters as a phrase of bigrams and one character as a prefix", () => {
    const [phrase, prefix] = queryGrams("保育所 電");
    assert.deepEqual(phrase, {
      text: "保育所",
      tokens: [encodeGram("保育"), encodeGram("育所")],
      prefix: false,
    });
    assert.deepEqual(prefix, { text: "電", tokens: [encodeGram("電")], prefix: true });
  });

  it("gives no terms for an empty query or one of symbols only", () => {
    assert.deepEqual(queryGrams(""), []);
    assert.deepEqual(queryGrams("   "), []);
    assert.deepEqual(queryGrams("!!!???"), []);
    assert.deepEqual(queryGrams("<>&\"'"), []);
  });

  it("reads SQL and HTML as words, with nothing but letters a–p in the tokens", () => {
    const sqlTerms = queryGrams("'; DROP TABLE measure; --");
    assert.deepEqual(
      sqlTerms.map((t) => t.text),
      ["drop", "table", "measure"],
    );
    const htmlTerms = queryGrams("<script>alert(1)</script>");
    assert.deepEqual(
      htmlTerms.map((t) => t.text),
      ["script", "alert", "1"],
    );
    for (const t of [...sqlTerms, ...htmlTerms])
      for (const token of t.tokens) assert.match(token, /^[a-p]+$/u);
  });

  it("cuts a long query to its maximum length and number of terms, counting repeats once", () => {
    assert.equal(queryGrams("保育".repeat(500)).length, 1);
    const long = queryGrams("あ".repeat(1000));
    assert.equal(long[0]?.text.length, MAX_QUERY_LENGTH);
    const many = queryGrams(Array.from({ length: 40 }, (_, i) => `語${i}`).join(" "));
    assert.equal(many.length, MAX_QUERY_TERMS);
    assert.deepEqual(
      queryGrams("保育 保育 ほいく").map((t) => t.text),
      ["保育", "ほいく"],
    );
  });
});
