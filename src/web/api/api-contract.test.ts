import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiContract, documentedResponses, validateDocument } from "../../../test/api-contract.ts";
import {
  apiFixture,
  bearer,
  foreignToken,
  OPEN_AS_OF,
} from "../../../test/factories/api-tokens.ts";
import { addSampleIndicators } from "../../../test/factories/indicators.ts";
import { modelReportSeed } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { revokeApiToken } from "../../commands/api/api-token-issuer.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { createApp } from "../app.ts";
import { OPENAPI_DOCUMENT } from "./openapi.ts";

/** Every response these tests see is checked against the document, and counted. */
const contract = new ApiContract();

forEachStore("the API as its OpenAPI document describes it", (dialect) => {
  it("answers every read endpoint with a valid body, an ETag, and 304 when the ETag still holds", async () => {
    const {
      store,
      value: { planSlug: p },
    } = await seededStore(dialect, modelReportSeed);
    try {
      await addSampleIndicators(store, p);
      const app = createApp(store);
      const reads = [
        "/api/openapi.json",
        "/api/v1/organizations",
        "/api/v1/plans",
        `/api/v1/plans/${p}`,
        `/api/v1/plans/${p}/tree`,
        `/api/v1/plans/${p}/periods`,
        `/api/v1/plans/${p}/measures?relistings=true&per_page=100&page=2`,
        `/api/v1/plans/${p}/measures/M0001`,
        `/api/v1/plans/${p}/measures/M0001/progress`,
        `/api/v1/plans/${p}/search?q=保育`,
        `/api/v1/plans/${p}/indicators`,
        `/api/v1/plans/${p}/indicators?kind=KPI&measure=M0001&per_page=1`,
        `/api/v1/plans/${p}/indicators/I0001`,
        `/api/v1/plans/${p}/indicators/I0003`,
        `/api/v1/plans/${p}/indicators/I0004`,
        `/api/v1/indicators?q=${encodeURIComponent("待機児童")}&prefecture=43&per_page=5`,
        `/api/v1/indicators?q=${encodeURIComponent("率".repeat(1000))}`,
      ];
      for (const url of reads) {
        const res = await app.request(url);
        assert.equal(res.status, 200, url);
        const etag = res.headers.get("ETag") ?? "";
        assert.match(etag, /^"[0-9a-f]{64}"$/u, url);
        assert.equal(res.headers.get("Access-Control-Allow-Origin"), "*", url);
        const body = await contract.check("GET", url, res);
        if (url === "/api/openapi.json") assert.deepEqual(body, OPENAPI_DOCUMENT);
        const again = await app.request(url, { headers: { "If-None-Match": etag } });
        assert.equal(again.status, 304, url);
        assert.equal(again.headers.get("ETag"), etag);
        await contract.check("GET", url, again);
      }
    } finally {
      await store.dispose();
    }
  });

  it("answers malformed reads with 400 and unknown plans, periods and measures with 404, as problem+json", async () => {
    const {
      store,
      value: { planSlug: p },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const app = createApp(store);
      const cases: Array<[string, number, string]> = [
        ["/api/v1/plans?per_page=0", 400, "per_page"],
        [`/api/v1/plans/${p}/tree?period=2013-9-30`, 400, "period"],
        [`/api/v1/plans/${p}/measures?status=done`, 400, "status"],
        [`/api/v1/plans/${p}/measures/M0001?period=yesterday`, 400, "period"],
        [`/api/v1/plans/${p}/search`, 400, "q"],
        ["/api/v1/plans/000000-9", 404, "plan"],
        [`/api/v1/plans/${p}/tree?period=2014-03-31`, 404, "period"],
        ["/api/v1/plans/000000-9/periods", 404, "plan"],
        ["/api/v1/plans/000000-9/measures", 404, "plan"],
        [`/api/v1/plans/${p}/measures/M9999`, 404, "measure"],
        [`/api/v1/plans/${p}/measures/M9999/progress`, 404, "measure"],
        ["/api/v1/plans/000000-9/search?q=保育", 404, "plan"],
        [`/api/v1/plans/${p}/indicators?kind=満足度`, 400, "kind"],
        [`/api/v1/plans/${p}/indicators/I0001?period=2013`, 400, "period"],
        ["/api/v1/plans/000000-9/indicators", 404, "plan"],
        [`/api/v1/plans/${p}/indicators/I9999`, 404, "indicator"],
        ["/api/v1/indicators", 400, "q"],
        [`/api/v1/indicators?q=${"率".repeat(1001)}`, 400, "q"],
        ["/api/v1/indicators?q=率&prefecture=99", 400, "prefecture"],
      ];
      for (const [url, status, field] of cases) {
        const res = await app.request(url);
        assert.equal(res.status, status, url);
        assert.match(res.headers.get("Content-Type") ?? "", /^application\/problem\+json/u);
        const body = (await contract.check("GET", url, res)) as Record<string, unknown>;
        assert.equal(body.status, status);
        assert.equal(body.field, field, url);
        assert.equal(
          body.type,
          status === 400
            ? "urn:shinchoku:problem:invalid_input"
            : "urn:shinchoku:problem:not_found",
        );
        assert.equal(
          body.instance,
          new URL(url, "http://x").pathname + new URL(url, "http://x").search,
        );
      }
      const nowhere = await app.request("/api/v2/plans");
      assert.equal(nowhere.status, 404);
      assert.match(nowhere.headers.get("Content-Type") ?? "", /^application\/problem\+json/u);
    } finally {
      await store.dispose();
    }
  });

  it("answers the draft endpoints with every documented status", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const url = `/api/v1/plans/${f.planSlug}/measures/${f.codes.nursery}/draft`;
      const call = async (path: string, init: RequestInit, status: number) => {
        const res = await app.request(path, init);
        assert.equal(res.status, status, `${init.method ?? "GET"} ${path}`);
        return (await contract.check(init.method ?? "GET", path, res)) as Record<string, unknown>;
      };
      const res = await app.request(url, bearer(f.tokens.nursery));
      const draft = (await contract.check("GET", url, res)) as { version: number };
      assert.equal(res.status, 200);
      await call(
        url,
        {
          headers: {
            ...bearer(f.tokens.nursery).headers,
            "If-None-Match": res.headers.get("ETag") ?? "",
          },
        },
        304,
      );
      const body = { narrative: "新設含む12ヶ所の保育所整備が完了", statusCode: "completed" };
      const saved = await call(
        url,
        bearer(f.tokens.nursery, "PUT", { ...body, expectedVersion: draft.version }),
        200,
      );
      assert.equal(saved.version, draft.version + 1);
      await call(
        url,
        bearer(f.tokens.nursery, "PUT", { ...body, expectedVersion: draft.version }),
        409,
      );
      await call(
        url,
        bearer(f.tokens.nursery, "PUT", { ...body, status: "completed", expectedVersion: 2 }),
        400,
      );
      await call(url, bearer(f.tokens.transport, "PUT", { ...body, expectedVersion: 2 }), 403);
      await call(url, bearer("shk_unknown", "PUT", { ...body, expectedVersion: 2 }), 401);
      await call(url, { method: "GET" }, 401);
      // A token of another organization sees nothing of this plan's drafts.
      await call(url, bearer(await foreignToken(store)), 403);
      await call(`/api/v1/plans/${f.planSlug}/measures/M9999/draft`, bearer(f.tokens.nursery), 404);
      await call(
        `/api/v1/plans/${f.planSlug}/measures/M9999/draft`,
        bearer(f.tokens.nursery, "PUT", { ...body, expectedVersion: 0 }),
        404,
      );
      const huge = { ...body, narrative: "あ".repeat(70_000), expectedVersion: 2 };
      await call(url, bearer(f.tokens.nursery, "PUT", huge), 413);
      const relisting = await store.db
        .selectFrom("measure")
        .select("code")
        .where("relisting_of_measure_id", "is not", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await call(
        `/api/v1/plans/${f.planSlug}/measures/${relisting.code}/draft`,
        bearer(f.tokens.nursery),
        400,
      );
      const outsider = await revokeApiToken(store, f.staff.admin, { id: f.tokenIds.transport });
      assert.equal(outsider.id, f.tokenIds.transport);
      await call(url, bearer(f.tokens.transport), 401);
      await call(url, bearer(f.tokens.transport, "PUT", { ...body, expectedVersion: 2 }), 401);
      // Once the period is published there is no open period to write to.
      await reviewProgress(store, f.staff.planner, {
        planSlug: f.planSlug,
        asOf: OPEN_AS_OF,
        measureCode: f.codes.nursery,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(store, f.staff.planner, {
        planSlug: f.planSlug,
        asOf: OPEN_AS_OF,
        publishedOn: "2014-05-15",
      });
      const closed = await call(url, bearer(f.tokens.nursery), 409);
      assert.equal(closed.type, "urn:shinchoku:problem:invalid_state");
      await call(url, bearer(f.tokens.nursery, "PUT", { ...body, expectedVersion: 3 }), 409);
    } finally {
      await store.dispose();
    }
  });
});

describe("the OpenAPI document", () => {
  it("validates as an OpenAPI 3.1 document", async () => {
    const result = await validateDocument();
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it("is refused by the validator when broken, so the check above can fail", async () => {
    const broken = structuredClone(OPENAPI_DOCUMENT) as unknown as {
      paths: Record<string, unknown>;
    };
    broken.paths["/v1/organizations"] = { get: { responses: "none" } };
    assert.equal((await validateDocument(broken)).valid, false);
  });

  it("refuses a response that the document does not describe, so the checks above can fail", async () => {
    const strict = new ApiContract();
    const headers = {
      "Content-Type": "application/json",
      ETag: '"x"',
      "Cache-Control": "no-store",
      "Access-Control-Allow-Origin": "*",
    };
    const organization = { code: "431001", name: "熊本市", planCount: 1, links: { plans: "/x" } };
    const respond = (body: unknown, status = 200, h: Record<string, string> = headers) =>
      new Response(JSON.stringify(body), { status, headers: h });
    await strict.check(
      "GET",
      "/api/v1/organizations",
      respond({ total: 1, items: [organization] }),
    );
    await assert.rejects(
      strict.check(
        "GET",
        "/api/v1/organizations",
        respond({ total: 1, items: [{ ...organization, extra: 1 }] }),
      ),
      /additional properties/u,
    );
    await assert.rejects(
      strict.check(
        "GET",
        "/api/v1/organizations",
        respond({ total: 1, items: [organization] }, 418),
      ),
      /does not document status 418/u,
    );
    await assert.rejects(
      strict.check(
        "GET",
        "/api/v1/organizations",
        respond({ total: 1, items: [] }, 200, { "Content-Type": "application/json" }),
      ),
      /header ETag missing/u,
    );
    await assert.rejects(
      strict.check("GET", "/api/v1/elsewhere", respond({})),
      /not a documented path/u,
    );
  });

  it("has every documented path, method and status exercised by a test request above", () => {
    const missing = documentedResponses().filter((r) => !contract.exercised.has(r));
    assert.deepEqual(missing, []);
  });
});
