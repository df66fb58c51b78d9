import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { passwordProblem } from "./password-policy.ts";

const KIKAKU = { login: "kikaku", displayName: "企画 太郎" };
const YAMADA = { login: "h.yamada@city.example", displayName: "Yamada Hanako" };

describe("the password policy", () => {
  const cases: Array<[string, typeof KIKAKU, string, string | null]> = [
    ["eleven characters", KIKAKU, "abcdefghijk", "tooShort"],
    ["201 characters", KIKAKU, `${"x7".repeat(100)}q`, "tooLong"],
    ["twelve times one character", KIKAKU, "aaaaaaaaaaaa", "oneCharacter"],
    ["one full-width character repeated", KIKAKU, "ＡａＡａＡａＡａＡａＡａ", "oneCharacter"],
    ["a common password with digits", KIKAKU, "password1234", "common"],
    ["a keyboard row", KIKAKU, "qwertyuiop12", "common"],
    ["the login twice", KIKAKU, "kikakukikaku", "personal"],
    ["the login twice, upper case and full width", KIKAKU, "ＫＩＫＡＫＵkikaku", "personal"],
    ["the display name and digits", KIKAKU, "企画太郎12345678", "personal"],
    ["the display name repeated", KIKAKU, "太郎太郎太郎太郎太郎太郎", "personal"],
    ["a word of the display name and a date", YAMADA, "Hanako19870401", "personal"],
    ["the login's name part and digits", YAMADA, "h.yamada2024!!", "personal"],
    ["a short sequence of common patterns", KIKAKU, "abcd1234abcd", "common"],
    ["a passphrase of unrelated words", KIKAKU, "maple river lantern 47", null],
    ["a long Japanese sentence", KIKAKU, "白川の土手で猫が三匹昼寝している", null],
  ];
  for (const [name, person, password, expected] of cases) {
    it(`${expected === null ? "accepts" : `refuses as ${expected}`} ${name}`, async () => {
      const problem = await passwordProblem(password, person);
      assert.equal(problem?.code ?? null, expected, JSON.stringify(problem));
      if (problem) assert.match(problem.message, /[ぁ-んァ-ン一-龠]/u, "the reason is in Japanese");
    });
  }

  it("says why in Japanese, a different reason for each kind of refusal", async () => {
    const messages = await Promise.all(
      ["short", "aaaaaaaaaaaa", "kikakukikaku", "password1234"].map(
        async (p) => (await passwordProblem(p, KIKAKU))?.message,
      ),
    );
    assert.deepEqual(messages, [
      "パスワードは12文字以上にしてください",
      "同じ文字を並べただけのパスワードは使えません",
      "ログイン名や表示名をもとにしたパスワードは使えません",
      "よく使われるパスワードや流出したパスワードの一覧にある語をもとにしているため、推測されやすく使えません",
    ]);
  });
});
