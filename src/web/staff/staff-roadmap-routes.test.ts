import assert from "node:assert/strict";
import { it } from "node:test";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

/** What the staff's roadmap forms have stored: revisions made by a person, and their audit events. */
async function revisionsOf(store: Store) {
  const rows = await store.db
    .selectFrom("roadmap_revision")
    .select(["fiscal_year", "text"])
    .where("created_by", "is not", null)
    .orderBy("fiscal_year")
    .execute();
  const events = await store.db
    .selectFrom("audit_event")
    .select("entity_id")
    .where("action", "=", "roadmap.revise")
    .orderBy("entity_id")
    .execute();
  return { rows, events: events.map((e) => e.entity_id) };
}

const inputOf = (page: string, year: number) =>
  new RegExp(`<input id="roadmap-${year}"[^>]*>`, "u").exec(page)?.[0] ?? "";

forEachStore("the roadmap form", (dialect) => {
  it("stores every changed year of one post together, or none of them, and shows a refused post again as typed", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 56)}`;
      const planner = await signedIn(app, "planner");
      const csrf = csrfOf(await (await planner.get(url)).text());
      const tooLong = "延".repeat(600);

      const refused = await planner.post(`${url}/roadmap`, {
        _csrf: csrf,
        "roadmap-2012": "保育所整備",
        "roadmap-2013": "⇒ 延長保育",
        "roadmap-2014": tooLong,
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(
        await revisionsOf(store),
        { rows: [], events: [] },
        "the good year before the bad one is not stored either",
      );
      const page = await refused.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(page, /<h2 id="error-summary-title">入力内容に問題があります<\/h2>/u);
      assert.match(
        page,
        /<a href="#roadmap-2014">平成26年度（2014年度）の行程は500文字以内にしてください（今は600文字）<\/a>/u,
      );
      assert.match(page, /<p class="field-error" id="roadmap-2014-error">/u);
      assert.match(inputOf(page, 2014), new RegExp(`value="${tooLong}"`, "u"));
      assert.match(inputOf(page, 2014), /aria-invalid="true"/u);
      assert.match(inputOf(page, 2014), /aria-describedby="roadmap-hint roadmap-2014-error"/u);
      assert.match(
        inputOf(page, 2013),
        /value="⇒ 延長保育"/u,
        "the good year keeps what was typed",
      );
      assert.doesNotMatch(inputOf(page, 2013), /aria-invalid/u);

      const emptied = await planner.post(`${url}/roadmap`, {
        _csrf: csrf,
        "roadmap-2012": "保育所整備",
        "roadmap-2013": "",
        "roadmap-2014": "⇒ 小規模保育",
      });
      assert.equal(emptied.status, 400);
      const again = await emptied.text();
      assert.match(
        again,
        /<a href="#roadmap-2013">平成25年度（2013年度）の行程を入力してください（なしは「—」）<\/a>/u,
      );
      assert.match(inputOf(again, 2013), /value=""/u);
      assert.match(inputOf(again, 2014), /value="⇒ 小規模保育"/u);
      assert.deepEqual(await revisionsOf(store), { rows: [], events: [] });

      const saved = await planner.post(`${url}/roadmap`, {
        _csrf: csrf,
        "roadmap-2012": "保育所整備",
        "roadmap-2013": "⇒ 延長保育",
        "roadmap-2014": "⇒ 小規模保育",
      });
      assert.equal(saved.status, 303);
      const code = await measureCodeOf(store, planSlug, 56);
      assert.deepEqual(await revisionsOf(store), {
        rows: [
          { fiscal_year: 2013, text: "⇒ 延長保育" },
          { fiscal_year: 2014, text: "⇒ 小規模保育" },
        ],
        events: [`${code}@2013`, `${code}@2014`],
      });
    } finally {
      await store.dispose();
    }
  });
});
