import assert from "node:assert/strict";
import { it } from "node:test";
import { checkAtom } from "../../../test/factories/atom-check.ts";
import {
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { forEachStore, type StoreSeed, seededStore } from "../../../test/store-targets.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";
import { atomFeed } from "../feeds/atom-feed.ts";

/** The model report and a later report of the same plan: two publications with changes. */
const twoPeriodsSeed: StoreSeed<{ planSlug: string }> = {
  name: "two-periods",
  build: async (store) => {
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt", {
      planSlug,
    });
    return { planSlug };
  },
};

/** The feeds a page links to with `<link rel="alternate" type="application/atom+xml">`. */
function feedLinks(html: string): string[] {
  return [
    ...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" href="([^"]+)"/gu),
  ].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));
}

forEachStore("Atom feeds", (dialect) => {
  it("links every feed from the overview, item, organization and search pages, and each is valid Atom", async () => {
    const { store, value } = await seededStore(dialect, twoPeriodsSeed);
    try {
      const app = createApp(store);
      const base = `/plans/${value.planSlug}`;
      const pages = [
        base,
        `${base}/items/56`,
        `/orgs/${KUMAMOTO.code}`,
        `${base}/search?q=${encodeURIComponent("保育")}`,
        `/search?q=${encodeURIComponent("保育")}`,
      ];
      const seen = new Set<string>();
      for (const page of pages) {
        const res = await app.request(page);
        assert.equal(res.status, 200, page);
        const links = feedLinks(await res.text());
        assert.ok(links.length > 0, `${page} links a feed`);
        for (const link of links) {
          if (seen.has(link)) continue;
          seen.add(link);
          const feed = await app.request(link);
          assert.equal(feed.status, 200, link);
          assert.match(feed.headers.get("Content-Type") ?? "", /^application\/atom\+xml/u);
          checkAtom(await feed.text());
        }
      }
      assert.ok(seen.size >= 6, [...seen].join(" "));
    } finally {
      await store.dispose();
    }
  });

  it("lists each publication of a plan and each change of a measure's text or status", async () => {
    const { store, value } = await seededStore(dialect, twoPeriodsSeed);
    try {
      const app = createApp(store);
      const base = `/plans/${value.planSlug}`;
      const plan = checkAtom(await (await app.request(`${base}/feed.atom`)).text());
      assert.deepEqual(
        plan.entries.map((e) => e.id),
        [
          `urn:shinchoku:plan:${value.planSlug}:period:2014-03-31`,
          `urn:shinchoku:plan:${value.planSlug}:period:2013-09-30`,
        ],
        "newest first",
      );
      assert.match(plan.entries[0]?.summary ?? "", /\d+件の取組で/u);

      const item = checkAtom(await (await app.request(`${base}/items/56/feed.atom`)).text());
      const changed = item.entries.find(
        (e) => e.title.includes("保育所整備による待機児童の解消") && e.title.includes("変更"),
      );
      assert.ok(changed, item.entries.map((e) => e.title).join(" / "));
      assert.match(changed.title, /記述の変更・状況区分の変更/u);
      assert.match(
        changed.summary,
        /状況区分：実施中（本文から自動判定） → 完了（本文から自動判定）/u,
      );
      assert.match(changed.summary, /保育所整備が完了/u);
      assert.match(changed.link, /\/items\/56\?period=2014-03-31#measure-/u);

      const org = checkAtom(await (await app.request(`/orgs/${KUMAMOTO.code}/feed.atom`)).text());
      assert.equal(org.entries.length, 2);
      assert.equal((await app.request("/orgs/999999/feed.atom")).status, 404);
      assert.equal((await app.request(`${base}/measures/NOPE/feed.atom`)).status, 404);
    } finally {
      await store.dispose();
    }
  });
});

it("writes titles and summaries as escaped text, never as markup, and drops characters XML cannot carry", () => {
  const nasty = 'a <script>alert(1)</script> & ]]> "q"\u0000\u0007';
  const parsed = checkAtom(
    atomFeed({
      id: "urn:shinchoku:test",
      title: nasty,
      author: "市",
      self: "http://localhost/feed.atom",
      page: "http://localhost/",
      emptyUpdated: "2013-09-30",
      entries: [
        {
          id: "urn:shinchoku:test:1",
          title: nasty,
          link: "http://localhost/x?a=1&b=2",
          updated: "2014-03",
          summary: nasty,
        },
      ],
    }),
  );
  const shown = 'a <script>alert(1)</script> & ]]> "q"';
  assert.equal(parsed.entries[0]?.title, shown);
  assert.equal(parsed.entries[0]?.summary, shown);
  assert.equal(
    parsed.entries[0]?.updated,
    "2014-02-28T15:00:00.000Z",
    "a month is its first day in Tokyo",
  );
  assert.equal(parsed.entries[0]?.link, "http://localhost/x?a=1&b=2");
});
