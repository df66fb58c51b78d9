/**
 * The accessibility check every browser test uses (test/axe-check.ts): it must find what axe
 * finds, and refuse a page it would check only in part.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { violationLines, wcagCheck, wcagViolations } from "./axe-check.ts";
import { CHROMIUM, launchBrowser } from "./browser.ts";

const browser = await launchBrowser("the accessibility check (test/axe-check.test.ts)");
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the WCAG 2.1 AA check run in the page", () => {
  after(async () => {
    await browser?.close();
  });

  async function pageWith(body: string) {
    assert.ok(browser);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html lang="ja"><head><title>試験</title></head>
<body><main><h1>試験</h1>${body}</main></body></html>`);
    return page;
  }

  it("names an image without a text alternative and an unlabelled field, and passes a sound page", {
    skip,
  }, async () => {
    const broken = await pageWith(`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="q"></form>`);
    const lines = await wcagViolations(broken);
    assert.ok(
      lines.some((l) => l.includes(": image-alt (critical) img:")),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) => / label \(critical\) input/u.test(l)),
      lines.join("\n"),
    );
    await broken.context().close();

    const sound = await pageWith(`<form><label for="q">検索語</label>
<input type="text" id="q" name="q"></form>`);
    const results = await wcagCheck(sound);
    assert.deepEqual(violationLines(results, "sound"), []);
    assert.ok(results.passes.some((p) => p.id === "label"));
    await sound.context().close();
  });

  it("refuses a page with a frame, whose content the in-page run would not see", {
    skip,
  }, async () => {
    const framed = await pageWith(`<iframe title="外部" srcdoc="<p>枠の中</p>"></iframe>`);
    await assert.rejects(wcagCheck(framed), /the page holds a frame/u);
    await framed.context().close();
  });
});
