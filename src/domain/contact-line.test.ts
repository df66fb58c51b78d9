import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkedContactLine,
  decodeContact,
  encodeContact,
  parseContact,
  telUri,
} from "./contact-line.ts";

const MODEL = [
  { kind: "name", value: "熊本市企画課" },
  { kind: "address", value: "〒860-8601 熊本市中央区手取本町1番1号" },
  { kind: "phone", value: "096-328-2035" },
  { kind: "fax", value: "096-324-1713" },
  { kind: "email", value: "kikaku@city.kumamoto.lg.jp" },
];

describe("contact lines", () => {
  it("reads the model report's contact, line by line, into name, address, phone, fax and e-mail", () => {
    const printed = [
      "お問い合わせ先 熊本市企画課",
      "〒860-8601",
      "熊本市中央区手取本町1番1号",
      "TEL : 096-328-2035 / FAX : 096-324-1713",
      "E-mail : [kikaku@city.kumamoto.lg.jp](mailto:kikaku@city.kumamoto.lg.jp)",
    ];
    assert.deepEqual(parseContact(printed.join("\n")), MODEL);
  });

  it("reads a contact stored as one line of text (before migration 011) the same way", () => {
    const joined =
      "お問い合わせ先 熊本市企画課 〒860-8601 熊本市中央区手取本町1番1号 TEL : 096-328-2035 / FAX : 096-324-1713 E-mail : [kikaku@city.kumamoto.lg.jp](mailto:kikaku@city.kumamoto.lg.jp)";
    assert.deepEqual(decodeContact(joined), MODEL);
  });

  it("reads Markdown links as their parts, and follows only mailto: and http(s)", () => {
    assert.deepEqual(
      parseContact(
        "お問い合わせ先 企画課 [市のサイト](https://www.city.example.jp/) [x](javascript:alert)",
      ),
      [
        { kind: "name", value: "企画課" },
        { kind: "url", value: "https://www.city.example.jp/", label: "市のサイト" },
        { kind: "text", value: "x javascript:alert" },
      ],
    );
    assert.deepEqual(parseContact("E-mail : [担当へ](mailto:a@b.example.jp)"), [
      { kind: "email", value: "a@b.example.jp", label: "担当へ" },
    ]);
  });

  it("keeps lines through the stored form, and makes a tel: URI of a phone number", () => {
    assert.deepEqual(decodeContact(encodeContact(MODEL as never)), MODEL);
    assert.equal(encodeContact([]), null);
    assert.equal(telUri("０９６（３２８）２０３５"), "tel:096-328-2035");
    assert.equal(telUri("内線"), null);
  });

  it("turns an imported e-mail or URL line that is not a valid one into text", () => {
    assert.deepEqual(checkedContactLine({ kind: "url", value: "javascript:alert(1)" }), {
      kind: "text",
      value: "javascript:alert(1)",
    });
    assert.deepEqual(checkedContactLine({ kind: "email", value: 'a@b.jp" x' }), {
      kind: "text",
      value: 'a@b.jp" x',
    });
    const url = { kind: "url", value: "https://www.city.example.jp/" } as const;
    assert.deepEqual(checkedContactLine(url), url);
  });
});
