import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
  modelReportSeed,
} from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { bumpRevision } from "../../commands/revision-bumper.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { createApp } from "../app.ts";
import { downloadSizes } from "./download-sizes.ts";
import { openDataLicence } from "./open-data-licence.ts";

const FILES = [
  "measures.csv",
  "roadmap.csv",
  "indicators.csv",
  "plan.json",
  "report.pdf",
  "plan.xlsx",
];

/** The part of a page between a period's heading and the next one. */
function sectionOf(body: string, asOf: string): string {
  const start = body.indexOf(`<section aria-labelledby="period-${asOf}">`);
  assert.ok(start >= 0, `a section for ${asOf}`);
  return body.slice(start, body.indexOf("</section>", start));
}

forEachStore("the open-data catalogue", (dialect) => {
  it("lists every plan on /data, each leading to its downloads, under CC BY 4.0 by default", async () => {
    const store = await freshStore(dialect);
    try {
      const app = createApp(store);
      const empty = await app.request("/data");
      assert.equal(empty.status, 200);
      assert.match(await empty.text(), /公開されている計画はまだありません/u);
      const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      const body = await (await app.request("/data")).text();
      assert.match(body, /<html lang="ja">/u);
      assert.match(body, /<h1>オープンデータ<\/h1>/u);
      assert.ok(
        body.includes(
          `<a class="catalogue-link" href="/plans/${planSlug}/downloads">挑戦元年アクションプラン（熊本市）のダウンロード一覧</a>`,
        ),
      );
      assert.match(
        body,
        /<a href="https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/deed\.ja" rel="license">CC BY 4\.0<\/a>/u,
      );
      const english = await (await app.request("/data?lang=en")).text();
      assert.match(english, /<h1>Open data<\/h1>/u);
    } finally {
      await store.dispose();
    }
  });

  it("lists every download of every published period with its format, encoding and the size it really has, newest first, without drafts", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
      const plan = await store.db
        .selectFrom("plan")
        .select("id")
        .where("slug", "=", planSlug)
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("reporting_period")
        .values({
          plan_id: plan.id,
          as_of: "2014-09-30",
          published_on: null,
          deadline: null,
          state: "open",
          created_at: new Date().toISOString(),
        })
        .execute();
      await store.db.transaction().execute((trx) => bumpRevision(trx));
      const app = createApp(store);
      const res = await app.request(`/plans/${planSlug}/downloads`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /<title>オープンデータ（ダウンロード）：挑戦元年アクションプラン｜/u);
      assert.ok(
        body.indexOf('id="period-2014-03-31"') < body.indexOf('id="period-2013-09-30"'),
        "newest first",
      );
      assert.ok(!body.includes("period-2014-09-30"), "an open period's drafts are not listed");
      assert.match(body, /平成26年3月31日（2014年3月31日）時点のデータ/u);
      assert.match(body, /rel="license">CC BY 4\.0<\/a>/u);
      assert.match(body, /出典（熊本市「挑戦元年アクションプラン」）/u);
      for (const header of ["データ", "形式", "文字コード", "ファイルサイズ", "ダウンロード"])
        assert.ok(body.includes(`>${header}</th>`), header);

      for (const asOf of ["2013-09-30", "2014-03-31"]) {
        const section = sectionOf(body, asOf);
        const rows = section.split("<tr>").slice(2);
        assert.equal(rows.length, FILES.length);
        for (const [i, name] of FILES.entries()) {
          const row = rows[i] ?? "";
          assert.match(row, /^<th scope="row">/u);
          const href = `/plans/${planSlug}/${name}?period=${asOf}`;
          assert.ok(row.includes(`href="${href}"`), `${asOf} ${name} is linked`);
          const file = new Uint8Array(await (await app.request(href)).arrayBuffer());
          const shown = /<td class="num">([^<]+)<\/td>/u.exec(row)?.[1] ?? "";
          assert.ok(
            shown.includes(`${file.byteLength.toLocaleString("ja-JP")} バイト`),
            `${asOf} ${name}: ${shown} for ${file.byteLength} bytes`,
          );
          if (name.endsWith(".csv")) {
            assert.match(row, /<td>CSV<\/td><td>UTF-8（BOM 付き）<\/td>/u);
            assert.ok(row.includes(`href="${href}&amp;bom=0"`), "a link without BOM");
            const plain = new Uint8Array(await (await app.request(`${href}&bom=0`)).arrayBuffer());
            assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
            assert.notEqual(plain[0], 0xef, "no BOM");
            assert.deepEqual(plain, file.subarray(3));
          }
        }
        assert.match(rows[4] ?? "", /<td>PDF<\/td><td>—（バイナリ）<\/td>/u);
      }
      const missing = await app.request("/plans/no-such-plan/downloads");
      assert.equal(missing.status, 404);
    } finally {
      await store.dispose();
    }
  });

  it("measures the sizes once per store revision, and again after a write", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
      const first = await downloadSizes(store, tree);
      assert.deepEqual(
        first.map((f) => f.name),
        FILES,
      );
      assert.equal(await downloadSizes(store, tree), first, "kept while the revision holds");
      await store.db.transaction().execute((trx) => bumpRevision(trx));
      const again = await downloadSizes(store, tree);
      assert.notEqual(again, first, "measured again after a write");
      assert.deepEqual(
        again.map((f) => f.bytes),
        first.map((f) => f.bytes),
      );
    } finally {
      await store.dispose();
    }
  });
});

describe("the open-data licence", () => {
  it("is CC BY 4.0 unless SHINCHOKU_LICENCE names another, and links only to a web address", () => {
    assert.deepEqual(openDataLicence({}), {
      name: "CC BY 4.0",
      url: "https://creativecommons.org/licenses/by/4.0/deed.ja",
    });
    assert.equal(
      openDataLicence({ SHINCHOKU_LICENCE: "PDL1.0" }).url?.includes("digital.go.jp"),
      true,
    );
    assert.deepEqual(
      openDataLicence({
        SHINCHOKU_LICENCE: "熊本市オープンデータ利用規約|https://example.jp/terms",
      }),
      { name: "熊本市オープンデータ利用規約", url: "https://example.jp/terms" },
    );
    assert.deepEqual(openDataLicence({ SHINCHOKU_LICENCE: "独自規約|javascript:alert(1)" }), {
      name: "独自規約",
      url: null,
    });
  });

  it("is shown on the catalogue as configured", async () => {
    const store = await freshStore("sqlite");
    const saved = process.env.SHINCHOKU_LICENCE;
    try {
      process.env.SHINCHOKU_LICENCE = "CC0 1.0";
      const body = await (await createApp(store).request("/data")).text();
      assert.match(body, /rel="license">CC0 1\.0<\/a>/u);
    } finally {
      if (saved === undefined) delete process.env.SHINCHOKU_LICENCE;
      else process.env.SHINCHOKU_LICENCE = saved;
      await store.dispose();
    }
  });
});
