import assert from "node:assert/strict";
import { it } from "node:test";
import {
  KUMAMOTO,
  MODEL_REPORT_PATH,
  modelReportSeed,
} from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { planJson } from "../../export/plan-json.ts";
import { readPlanJson } from "../../import/plan-json/plan-json-reader.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { up as contactLines } from "../../store/migrations/011-contact-lines.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { createApp } from "../app.ts";

const EMAIL = "kikaku@city.kumamoto.lg.jp";

/** The お問い合わせ先 section of a page. */
function contactOf(body: string): string {
  const start = body.indexOf('<section aria-labelledby="contact">');
  assert.ok(start >= 0, "the page has a contact section");
  return body.slice(start, body.indexOf("</section>", start));
}

forEachStore("the plan's contact", (dialect) => {
  it("shows the contact as an address with mailto: and tel: links, never Markdown", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const app = createApp(store);
      for (const path of [`/plans/${planSlug}`, `/plans/${planSlug}/report`]) {
        const contact = contactOf(await (await app.request(path)).text());
        assert.match(contact, new RegExp(`<dd><a href="mailto:${EMAIL}">${EMAIL}</a></dd>`, "u"));
        assert.match(
          contact,
          /<dt>電話<\/dt><dd><a href="tel:096-328-2035">096-328-2035<\/a><\/dd>/u,
        );
        assert.match(contact, /<dt>担当<\/dt><dd>熊本市企画課<\/dd>/u);
        assert.match(contact, /<dt>所在地<\/dt><dd>〒860-8601 熊本市中央区手取本町1番1号<\/dd>/u);
        assert.match(contact, /<dt>FAX<\/dt><dd>096-324-1713<\/dd>/u);
        assert.ok(!contact.includes("[") && !contact.includes("]("), `${path}: no Markdown`);
      }
      const json = JSON.parse(await (await app.request(`/plans/${planSlug}/plan.json`)).text());
      assert.deepEqual(json.plan.contact.at(-1), { kind: "email", value: EMAIL });
    } finally {
      await store.dispose();
    }
  });

  it("escapes every contact value, and follows no link but mailto: and http(s)", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      await store.db
        .updateTable("plan")
        .set({
          contact: JSON.stringify([
            { kind: "name", value: '<script>alert("x")</script>' },
            { kind: "text", value: "[x](javascript:alert(1))" },
            { kind: "url", value: "javascript:alert(1)" },
            { kind: "email", value: 'a@b.jp" onclick="alert(1)' },
          ]),
        })
        .execute();
      const contact = contactOf(
        await (await createApp(store).request(`/plans/${planSlug}`)).text(),
      );
      assert.ok(!contact.includes("<script>"));
      assert.match(contact, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/u);
      assert.ok(!contact.includes("href="), "text is never a link");
    } finally {
      await store.dispose();
    }
  });

  it("keeps the contact through JSON export → import, and reads an older export's text as lines", async () => {
    const first = await freshStore(dialect);
    const second = await freshStore(dialect);
    try {
      const { planSlug } = await importReportFile(first, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      const tree = (await loadPlanTree(first.db, planSlug)) as PlanTree;
      const json = JSON.parse(planJson(tree));
      assert.equal(json.plan.contact[0].kind, "name");
      const older = {
        ...json,
        plan: {
          ...json.plan,
          contact:
            "お問い合わせ先 熊本市企画課 E-mail : [kikaku@city.kumamoto.lg.jp](mailto:kikaku@city.kumamoto.lg.jp)",
        },
      };
      await importReportBytes(second, new TextEncoder().encode(JSON.stringify(json)), "plan.json", {
        planSlug,
      });
      const again = (await loadPlanTree(second.db, planSlug)) as PlanTree;
      assert.deepEqual(again.contact, tree.contact);

      assert.deepEqual(readPlanJson(JSON.stringify(older), "older.json").draft.contact, [
        { kind: "name", value: "熊本市企画課" },
        { kind: "email", value: EMAIL },
      ]);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it("turns a contact stored as text into lines of data (migration 011)", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const legacy = `お問い合わせ先 熊本市企画課 TEL : 096-328-2035 E-mail : [${EMAIL}](mailto:${EMAIL})`;
      await store.db.updateTable("plan").set({ contact: legacy }).execute();
      await contactLines(store.db as never, store.dialect);
      const stored = await store.db.selectFrom("plan").select("contact").executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(stored.contact ?? ""), [
        { kind: "name", value: "熊本市企画課" },
        { kind: "phone", value: "096-328-2035" },
        { kind: "email", value: EMAIL },
      ]);
      assert.ok((await loadPlanTree(store.db, planSlug))?.contact);
    } finally {
      await store.dispose();
    }
  });
});
