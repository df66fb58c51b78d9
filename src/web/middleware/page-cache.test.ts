import assert from "node:assert/strict";
import { it } from "node:test";
import { gunzipSync } from "node:zlib";
import type { KyselyPlugin } from "kysely";
import {
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
  modelReportSeed,
} from "../../../test/factories/model-report.ts";
import { forEachStore, seededStore, type TestStore } from "../../../test/store-targets.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { readDataRevision } from "../../store/queries/data-revision-query.ts";
import { openStore, type Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

/** The store with every query counted, to tell a rendered page from a kept one or a 304. */
function counted(store: Store) {
  let queries = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    // Called for every query run, compiled beforehand or not.
    transformResult: async (args) => {
      queries++;
      return args.result;
    },
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, queries: () => queries };
}

async function withPlan<T>(
  dialect: "sqlite" | "postgres",
  test: (store: TestStore, path: string) => Promise<T>,
): Promise<T> {
  const {
    store,
    value: { planSlug },
  } = await seededStore(dialect, modelReportSeed);
  try {
    return await test(store, `/plans/${planSlug}`);
  } finally {
    await store.dispose();
  }
}

forEachStore("the page cache", (dialect) => {
  it("sends a weak ETag, Last-Modified and a revalidating Cache-Control that stay the same while the data is unchanged", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const first = await app.request(path);
      assert.equal(first.status, 200);
      const etag = first.headers.get("etag") ?? "";
      assert.match(etag, /^W\/"[\w-]+"$/u);
      assert.equal(first.headers.get("cache-control"), "public, max-age=0, must-revalidate");
      assert.match(first.headers.get("vary") ?? "", /Cookie/u);
      assert.ok(Date.parse(first.headers.get("last-modified") ?? "") > 0);
      const second = await app.request(path);
      assert.equal(second.headers.get("etag"), etag);
      assert.equal(second.headers.get("last-modified"), first.headers.get("last-modified"));
      assert.equal(await second.text(), await first.text());
      assert.equal((await app.request("/")).headers.get("etag") === etag, false, "per URL");
    }));

  it("answers a matching If-None-Match with 304 after reading only the revision, and serves a kept page without rendering it again", () =>
    withPlan(dialect, async (store, path) => {
      const { store: countedStore, queries } = counted(store);
      const app = createApp(countedStore);
      const etag = (await app.request(path)).headers.get("etag") ?? "";
      const rendered = queries();
      assert.ok(rendered > 2, "the first request renders the page from the store");

      const notModified = await app.request(path, { headers: { "If-None-Match": etag } });
      assert.equal(notModified.status, 304);
      assert.equal(await notModified.text(), "");
      assert.equal(notModified.headers.get("etag"), etag);
      assert.equal(queries(), rendered + 1, "one query: the data revision");

      const other = await app.request(path, { headers: { "If-None-Match": 'W/"other"' } });
      assert.equal(other.status, 200);
      assert.equal(queries(), rendered + 2, "a kept page is not rendered again");
    }));

  it("answers If-Modified-Since at or after Last-Modified with 304, and an earlier date with the page", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const lastModified = (await app.request(path)).headers.get("last-modified") ?? "";
      const same = await app.request(path, { headers: { "If-Modified-Since": lastModified } });
      assert.equal(same.status, 304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      const changed = await app.request(path, { headers: { "If-Modified-Since": earlier } });
      assert.equal(changed.status, 200);
    }));

  it("gives a new ETag and the new page after a second import moves the revision", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const before = await app.request(path);
      const etag = before.headers.get("etag") ?? "";
      assert.doesNotMatch(await before.text(), /2014-03-31/u);

      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
      const after = await app.request(path, { headers: { "If-None-Match": etag } });
      assert.equal(after.status, 200, "the old ETag no longer holds");
      assert.notEqual(after.headers.get("etag"), etag);
      assert.ok(
        Date.parse(after.headers.get("last-modified") ?? "") >
          Date.parse(before.headers.get("last-modified") ?? ""),
        "Last-Modified moves on by at least a second",
      );
      assert.match(await after.text(), /2014-03-31/u, "the later report's as-of date");
    }));

  it("leaves the revision where it was when an import fails and rolls back", () =>
    withPlan(dialect, async (store) => {
      const before = await readDataRevision(store.db);
      await assert.rejects(
        importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO }),
        /取込済み/u,
      );
      assert.deepEqual(await readDataRevision(store.db), before);
    }));

  it("sends a kept page with the security headers it was rendered with", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const rendered = await app.request(path, { headers: { "Accept-Encoding": "gzip" } });
      const kept = await app.request(path, { headers: { "Accept-Encoding": "gzip" } });
      for (const res of [rendered, kept]) {
        assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'none'/u);
        assert.equal(res.headers.get("x-content-type-options"), "nosniff");
        assert.equal(res.headers.get("vary"), "Cookie, Accept-Encoding");
      }
    }));

  it("gives each language its own ETag, from the cookie or from ?lang=", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const ja = await app.request(path);
      const en = await app.request(path, { headers: { Cookie: "lang=en" } });
      assert.notEqual(en.headers.get("etag"), ja.headers.get("etag"));
      assert.match(await en.text(), /<html lang="en">/u);
      assert.match(await ja.text(), /<html lang="ja">/u);
      const enByQuery = await app.request(`${path}?lang=en`);
      assert.notEqual(enByQuery.headers.get("etag"), ja.headers.get("etag"));
      const jaWithEnTag = await app.request(path, {
        headers: { "If-None-Match": en.headers.get("etag") ?? "" },
      });
      assert.equal(jaWithEnTag.status, 200, "the English tag does not validate the Japanese page");
    }));

  it("sends the page gzipped when Accept-Encoding allows it: the same page, the same ETag, a 304 for either", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const plain = await app.request(path, { headers: { "Accept-Encoding": "identity" } });
      assert.equal(plain.headers.get("content-encoding"), null);
      const plainText = await plain.text();
      const gzipped = await app.request(path, { headers: { "Accept-Encoding": "gzip, br" } });
      assert.equal(gzipped.headers.get("content-encoding"), "gzip");
      assert.match(gzipped.headers.get("content-type") ?? "", /text\/html/u);
      assert.match(gzipped.headers.get("vary") ?? "", /Accept-Encoding/u);
      const bytes = new Uint8Array(await gzipped.arrayBuffer());
      assert.ok(bytes.byteLength < plainText.length / 4, "compressed");
      assert.equal(gunzipSync(bytes).toString("utf8"), plainText);
      assert.equal(gzipped.headers.get("etag"), plain.headers.get("etag"));
      const deflateOnly = await app.request(path, { headers: { "Accept-Encoding": "deflate" } });
      assert.equal(
        deflateOnly.headers.get("content-encoding"),
        null,
        "plain when gzip is not taken",
      );
      assert.equal(await deflateOnly.text(), plainText);
      const revalidated = await app.request(path, {
        headers: { "Accept-Encoding": "gzip", "If-None-Match": plain.headers.get("etag") ?? "" },
      });
      assert.equal(revalidated.status, 304);
      const csv = await app.request(`${path}/measures.csv`, {
        headers: { "Accept-Encoding": "gzip" },
      });
      assert.equal(csv.headers.get("content-encoding"), "gzip");
      assert.match(csv.headers.get("content-disposition") ?? "", /attachment/u);
    }));

  it("keeps the revision in the store: another app, on another connection, sees the same ETag and the other's import", () =>
    withPlan(dialect, async (store, path) => {
      const other = await openStore(store.url);
      try {
        const [one, two] = [createApp(store), createApp(other)];
        const etag = (await one.request(path)).headers.get("etag");
        assert.equal((await two.request(path)).headers.get("etag"), etag);
        assert.equal((await createApp(store).request(path)).headers.get("etag"), etag);

        await importReportBytes(other, new TextEncoder().encode(laterReportText()), "later.txt");
        const moved = await one.request(path);
        assert.notEqual(moved.headers.get("etag"), etag);
        assert.equal((await two.request(path)).headers.get("etag"), moved.headers.get("etag"));
        assert.match(await moved.text(), /2014-03-31/u);
      } finally {
        await other.close();
      }
    }));

  it("leaves alone what is not a public page: 404s, requests with a session cookie, the language switch", () =>
    withPlan(dialect, async (store, path) => {
      const app = createApp(store);
      const missing = await app.request("/plans/no-such-plan");
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get("etag"), null);
      const signedIn = await app.request(path, { headers: { Cookie: "lang=ja; session=abc" } });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.headers.get("etag"), null);
      const language = await app.request("/language?lang=en&next=%2F");
      assert.equal(language.status, 303);
      assert.equal(language.headers.get("etag"), null);
    }));
});
