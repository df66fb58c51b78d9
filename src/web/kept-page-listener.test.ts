import assert from "node:assert/strict";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { it } from "node:test";
import { gunzipSync } from "node:zlib";
import { getRequestListener } from "@hono/node-server";
import { modelReportSeed } from "../../test/factories/model-report.ts";
import { forEachStore, seededStore } from "../../test/store-targets.ts";
import { createSite } from "./app.ts";
import { keptPageListener } from "./kept-page-listener.ts";
import { jsonLogger } from "./logging/json-logger.ts";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A server on the site with the listener, counting what reached the app, and its log lines. */
async function withServer(
  dialect: "sqlite" | "postgres",
  test: (server: {
    get: (path: string, headers?: Record<string, string>, method?: string) => Promise<Answer>;
    reachedApp: () => number;
    log: string[];
    plan: string;
  }) => Promise<void>,
): Promise<void> {
  const {
    store,
    value: { planSlug },
  } = await seededStore(dialect, modelReportSeed);
  const log: string[] = [];
  const logger = jsonLogger("info", (line) => log.push(line));
  const { app, pages } = createSite(store, { logger });
  const hono = getRequestListener(app.fetch);
  let reached = 0;
  const counting = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    reached++;
    return hono(incoming, outgoing);
  };
  const server = createServer(keptPageListener(pages, counting, logger));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.once("error", reject);
      req.end();
    });
  try {
    await test({ get, reachedApp: () => reached, log, plan: `/plans/${planSlug}` });
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await store.dispose();
  }
}

/** The headers that must be the same whichever way a page was answered (not Date, Connection). */
function pageHeaders(answer: Answer): Record<string, unknown> {
  const {
    date: _date,
    connection: _connection,
    "keep-alive": _keepAlive,
    ...rest
  } = answer.headers;
  return rest;
}

forEachStore("the kept-page listener", (dialect) => {
  it("answers a kept page itself with the bytes and headers the app answered it with", () =>
    withServer(dialect, async ({ get, reachedApp, plan }) => {
      const gzip = { "Accept-Encoding": "gzip" };
      const rendered = await get(plan, gzip);
      assert.equal(rendered.status, 200);
      assert.equal(reachedApp(), 1, "the first request is rendered by the app");
      const kept = await get(plan, gzip);
      assert.equal(reachedApp(), 1, "the second is answered before the app");
      assert.equal(kept.status, 200);
      assert.deepEqual(pageHeaders(kept), pageHeaders(rendered));
      assert.equal(kept.headers["content-encoding"], "gzip");
      assert.ok(kept.body.equals(rendered.body));
      assert.match(gunzipSync(kept.body).toString(), /挑戦元年アクションプラン/u);
      assert.match(String(kept.headers["content-security-policy"]), /script-src 'none'/u);

      const plain = await get(plan);
      assert.equal(reachedApp(), 1, "a client without gzip gets the kept plain bytes");
      assert.equal(plain.headers["content-encoding"], undefined);
      assert.ok(plain.body.equals(gunzipSync(kept.body)));
    }));

  it("answers 304 to a client that holds the page, and logs every request it answers", () =>
    withServer(dialect, async ({ get, reachedApp, log, plan }) => {
      const etag = String((await get(plan)).headers.etag);
      const notModified = await get(plan, { "If-None-Match": etag });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.body.length, 0);
      assert.equal(notModified.headers.etag, etag);
      assert.equal(reachedApp(), 1);
      const lines = log.map((line) => JSON.parse(line) as Record<string, unknown>);
      const requests = lines.filter((line) => line.msg === "request");
      assert.deepEqual(
        requests.map((line) => [line.method, line.path, line.status]),
        [
          ["GET", plan, 200],
          ["GET", plan, 304],
        ],
      );
      assert.equal(typeof requests[1]?.ms, "number");
    }));

  it("leaves to the app a page in another language, a personal cookie, HEAD and other paths", () =>
    withServer(dialect, async ({ get, reachedApp, plan }) => {
      const japanese = await get(plan);
      assert.match(japanese.body.toString(), /<html lang="ja"/u);
      const english = await get(plan, { Cookie: "lang=en" });
      assert.equal(reachedApp(), 2, "the English page is not kept yet: the app renders it");
      assert.match(english.body.toString(), /<html lang="en"/u);
      assert.match((await get(plan, { Cookie: "lang=en" })).body.toString(), /<html lang="en"/u);
      assert.match((await get(`${plan}?lang=en`)).body.toString(), /<html lang="en"/u);
      assert.equal(reachedApp(), 3, "?lang=en is its own page, kept once rendered");
      assert.match((await get(plan)).body.toString(), /<html lang="ja"/u);
      assert.equal(reachedApp(), 3);

      await get(plan, { Cookie: "shinchoku_session=x" });
      assert.equal(reachedApp(), 4, "a signed-in person may see more: the app answers");
      await get(plan, { Cookie: 'lang="en"' });
      assert.equal(reachedApp(), 5, "a cookie this reading is not sure of goes to the app");
      await get(plan, {}, "HEAD");
      assert.equal(reachedApp(), 6);
      await get("/staff/login");
      await get("/staff/login");
      assert.equal(reachedApp(), 8, "staff pages are never kept");
    }));
});
