import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiFixture, apiFixture } from "../../test/factories/api-tokens.ts";
import { freshStore } from "../../test/store-targets.ts";
import { createApp } from "./app.ts";

// Pure parsing: the bodies are refused before any route reads the store, so SQLite alone.

const MULTIPART = "multipart/form-data; boundary=----shinchoku";
const malformed: Array<{ what: string; type?: string; body: string | Uint8Array; status: number }> =
  [
    {
      what: "multipart garbage",
      type: MULTIPART,
      body: "\x00\xffgarbage, not a form",
      status: 400,
    },
    { what: "multipart without a boundary", type: "multipart/form-data", body: "a=b", status: 400 },
    {
      what: "multipart cut off before its end",
      type: MULTIPART,
      body: '------shinchoku\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx',
      status: 400,
    },
    {
      what: "multipart with a part without headers",
      type: MULTIPART,
      body: "------shinchoku\r\n\r\n\r\n------shinchoku--\r\n",
      status: 400,
    },
    { what: "JSON", type: "application/json", body: '{"_csrf":"x"}', status: 400 },
    { what: "plain text", type: "text/plain", body: "_csrf=x", status: 400 },
    { what: "no Content-Type", body: new TextEncoder().encode("_csrf=x"), status: 400 },
    {
      what: "an oversized form",
      type: "application/x-www-form-urlencoded",
      body: `narrative=${"あ".repeat(100_000)}`,
      status: 413,
    },
  ];

const TITLES: Record<number, RegExp> = {
  400: /<title>リクエストを処理できません｜/u,
  413: /<title>送信された内容が大きすぎます｜/u,
};

describe("malformed bodies on every staff form post and API write", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let fixture: ApiFixture;
  const audited = async () =>
    Number(
      (
        await store.db
          .selectFrom("audit_event")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  before(async () => {
    store = await freshStore("sqlite");
    fixture = await apiFixture(store);
    app = createApp(store);
  });
  after(() => store?.dispose());

  /** Every route of the app for `method` under `prefix`, with its parameters filled in. */
  const routesOf = (method: string, prefix: string) =>
    [
      ...new Set(
        app.routes
          .filter((r) => r.method === method && r.path.startsWith(prefix))
          .map((r) => r.path),
      ),
    ].map((path) =>
      path
        .replace(/:slug|:plan/u, fixture.planSlug)
        .replace(/:code|:measure/u, fixture.codes.nursery),
    );

  it("walks every staff POST route, signed in and signed out, and answers 400 or 413 with a page, never a 500, storing nothing", async () => {
    const posts = routesOf("POST", "/staff");
    assert.ok(posts.length >= 8, `found the staff POST routes: ${posts.join(", ")}`);
    const before = await audited();
    for (const cookie of [`shinchoku_session=${fixture.staff.tokens.admin}`, ""]) {
      for (const path of posts) {
        for (const { what, type, body, status } of malformed) {
          const headers: Record<string, string> = { cookie };
          if (type) headers["content-type"] = type;
          const res = await app.request(path, { method: "POST", body, headers });
          const where = `${path} ${what}${cookie ? "" : " (signed out)"}`;
          assert.equal(res.status, status, where);
          assert.match(await res.text(), TITLES[status] as RegExp, where);
        }
      }
    }
    assert.equal(await audited(), before, "nothing stored");
  });

  it("answers the API's writes with a problem (400 or 413), never a 500", async () => {
    const writes = ["PUT", "POST", "PATCH", "DELETE"].flatMap((m) =>
      routesOf(m, "/api").map((path) => [m, path] as const),
    );
    assert.ok(writes.length >= 1);
    for (const [method, path] of writes) {
      for (const { what, type, body, status } of malformed) {
        const headers: Record<string, string> = {
          authorization: `Bearer ${fixture.tokens.nursery}`,
        };
        if (type) headers["content-type"] = type;
        const res = await app.request(path, { method, body, headers });
        assert.equal(res.status, status, `${method} ${path} ${what}`);
        assert.match(res.headers.get("content-type") ?? "", /application\/problem\+json/u);
      }
    }
  });
});
