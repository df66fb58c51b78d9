import assert from "node:assert/strict";
import { it } from "node:test";
import { ApiContract } from "../../../test/api-contract.ts";
import {
  apiFixture,
  bearer,
  foreignToken,
  OPEN_AS_OF,
} from "../../../test/factories/api-tokens.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { revokeApiToken } from "../../commands/api/api-token-issuer.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

const contract = new ApiContract();
const NARRATIVE = "新設含む12ヶ所の保育所整備が完了し、待機児童ゼロを達成";

/** Everything a refused write must leave as it was. */
async function snapshot(store: Store) {
  const rows = async (table: "progress" | "audit_event" | "data_revision") =>
    (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return {
    progress: await rows("progress"),
    audit: await rows("audit_event"),
    revision: await rows("data_revision"),
  };
}

async function send(
  app: ReturnType<typeof createApp>,
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await app.request(url, init);
  const headers = res.headers;
  const body = (await contract.check(init.method ?? "GET", url, res)) as Record<string, unknown>;
  return { status: res.status, body, headers };
}

forEachStore("progress drafts through the API", (dialect) => {
  it("lets a department's token save its own measure's draft, recorded under the token's name", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const url = `/api/v1/plans/${f.planSlug}/measures/${f.codes.nursery}/draft`;
      const before = await send(app, url, bearer(f.tokens.nursery));
      assert.equal(before.status, 200);
      assert.equal(before.body.reviewState, "carried");
      assert.equal(before.headers.get("Cache-Control"), "no-store");
      assert.equal(before.headers.get("Access-Control-Allow-Origin"), null);
      const saved = await send(
        app,
        url,
        bearer(f.tokens.nursery, "PUT", {
          narrative: NARRATIVE,
          statusCode: "completed",
          expectedVersion: before.body.version,
        }),
      );
      assert.equal(saved.status, 200);
      assert.equal(saved.body.version, Number(before.body.version) + 1);
      assert.equal(saved.body.narrative, NARRATIVE);
      assert.equal(saved.body.statusCode, "completed");
      assert.equal(saved.body.reviewState, "submitted");
      assert.equal(saved.body.updatedBy, "APIトークン「保育システム連携」");
      const audit = await store.db
        .selectFrom("audit_event")
        .innerJoin("account", "account.id", "audit_event.account_id")
        .select(["account.display_name", "audit_event.entity_id"])
        .where("audit_event.action", "=", "progress.save")
        .execute();
      assert.deepEqual(audit, [
        {
          display_name: "APIトークン「保育システム連携」",
          entity_id: `${f.codes.nursery}@${OPEN_AS_OF}`,
        },
      ]);
      // The transport department's token writes its own measure just the same.
      const other = `/api/v1/plans/${f.planSlug}/measures/${f.codes.transport}/draft`;
      const own = await send(
        app,
        other,
        bearer(f.tokens.transport, "PUT", {
          narrative: "運行中",
          statusCode: null,
          expectedVersion: 1,
        }),
      );
      assert.equal(own.status, 200);
    } finally {
      await store.dispose();
    }
  });

  it("refuses department A's token on department B's measure, and another city's token, with 403 and nothing stored", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const foreign = await foreignToken(store);
      const before = await snapshot(store);
      const put = { narrative: NARRATIVE, statusCode: "completed", expectedVersion: 1 };
      for (const [token, code] of [
        [f.tokens.nursery, f.codes.transport],
        [f.tokens.transport, f.codes.nursery],
        [foreign, f.codes.nursery],
      ] as const) {
        const url = `/api/v1/plans/${f.planSlug}/measures/${code}/draft`;
        const res = await send(app, url, bearer(token, "PUT", put));
        assert.equal(res.status, 403, url);
        assert.equal(res.body.type, "urn:shinchoku:problem:forbidden");
      }
      assert.deepEqual(await snapshot(store), before);
    } finally {
      await store.dispose();
    }
  });

  it("refuses a revoked, unknown, malformed or missing token with 401, and a session cookie is no token", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const url = `/api/v1/plans/${f.planSlug}/measures/${f.codes.nursery}/draft`;
      const put = { narrative: NARRATIVE, statusCode: null, expectedVersion: 1 };
      await revokeApiToken(store, f.staff.admin, { id: f.tokenIds.nursery });
      const before = await snapshot(store);
      const json = { "Content-Type": "application/json" };
      const attempts: RequestInit[] = [
        bearer(f.tokens.nursery, "PUT", put),
        bearer("shk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "PUT", put),
        {
          method: "PUT",
          headers: { ...json, Authorization: `Basic ${btoa("nursery:x")}` },
          body: JSON.stringify(put),
        },
        { method: "PUT", headers: json, body: JSON.stringify(put) },
        {
          method: "PUT",
          headers: { ...json, Cookie: `shinchoku_session=${f.staff.tokens.nursery}` },
          body: JSON.stringify(put),
        },
      ];
      for (const init of attempts) {
        const res = await send(app, url, init);
        assert.equal(res.status, 401);
        assert.equal(res.body.type, "urn:shinchoku:problem:unauthenticated");
        assert.match(res.headers.get("WWW-Authenticate") ?? "", /^Bearer realm="shinchoku"/u);
      }
      assert.deepEqual(await snapshot(store), before);
      // The other department's token still works: revoking one token revokes only that one.
      const other = `/api/v1/plans/${f.planSlug}/measures/${f.codes.transport}/draft`;
      assert.equal((await send(app, other, bearer(f.tokens.transport))).status, 200);
    } finally {
      await store.dispose();
    }
  });

  it("answers a save based on an old version with 409 and what is stored, leaving the store unchanged", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const url = `/api/v1/plans/${f.planSlug}/measures/${f.codes.nursery}/draft`;
      const first = await send(
        app,
        url,
        bearer(f.tokens.nursery, "PUT", {
          narrative: NARRATIVE,
          statusCode: "completed",
          expectedVersion: 1,
        }),
      );
      assert.equal(first.status, 200);
      const before = await snapshot(store);
      const stale = await send(
        app,
        url,
        bearer(f.tokens.nursery, "PUT", {
          narrative: "別の内容",
          statusCode: null,
          expectedVersion: 1,
        }),
      );
      assert.equal(stale.status, 409);
      assert.equal(stale.body.type, "urn:shinchoku:problem:conflict");
      assert.deepEqual(
        { ...(stale.body.current as Record<string, unknown>), updatedAt: "" },
        {
          narrative: NARRATIVE,
          statusCode: "completed",
          version: 2,
          updatedBy: "APIトークン「保育システム連携」",
          updatedAt: "",
          figures: [],
        },
      );
      assert.deepEqual(await snapshot(store), before);
    } finally {
      await store.dispose();
    }
  });

  it("refuses bodies it cannot use with 400 naming the field, and stores nothing", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const url = `/api/v1/plans/${f.planSlug}/measures/${f.codes.nursery}/draft`;
      const before = await snapshot(store);
      const token = f.tokens.nursery;
      const cases: Array<[RequestInit, string | undefined]> = [
        [bearer(token, "PUT", { narrative: NARRATIVE, statusCode: null }), "expectedVersion"],
        [
          bearer(token, "PUT", { narrative: NARRATIVE, statusCode: "done", expectedVersion: 1 }),
          "statusCode",
        ],
        [
          bearer(token, "PUT", { narrative: "  ", statusCode: null, expectedVersion: 1 }),
          "narrative",
        ],
        [bearer(token, "PUT", { narrative: 1, statusCode: null, expectedVersion: 1 }), "narrative"],
        [bearer(token, "PUT", [NARRATIVE]), undefined],
        [{ ...bearer(token, "PUT", {}), body: "{narrative:" }, undefined],
        [
          {
            method: "PUT",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
            body: "x",
          },
          undefined,
        ],
      ];
      for (const [init, field] of cases) {
        const res = await send(app, url, init);
        assert.equal(res.status, 400, String(init.body));
        assert.equal(res.body.type, "urn:shinchoku:problem:invalid_input");
        assert.equal(res.body.field, field, String(init.body));
      }
      assert.deepEqual(await snapshot(store), before);
    } finally {
      await store.dispose();
    }
  });

  it("saves the confirmed figures sent with a draft, keeps them when figures are left out, and refuses a bad one naming the field", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const url = `/api/v1/plans/${f.planSlug}/measures/${f.codes.nursery}/draft`;
      const token = f.tokens.nursery;
      const version = Number((await send(app, url, bearer(token))).body.version);
      const figures = [
        { value: 12, unit: "ヶ所", text: "12ヶ所" },
        { value: "６，４４１", total: "10,000", unit: "人", qualifier: "以上", text: null },
      ];
      const stored = [
        { value: 12, total: null, unit: "ヶ所", qualifier: null, text: "12ヶ所" },
        { value: 6441, total: 10000, unit: "人", qualifier: "以上", text: "" },
      ];
      const saved = await send(
        app,
        url,
        bearer(token, "PUT", {
          narrative: NARRATIVE,
          statusCode: null,
          expectedVersion: version,
          figures,
        }),
      );
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body.figures, stored);
      const kept = await send(
        app,
        url,
        bearer(token, "PUT", {
          narrative: NARRATIVE,
          statusCode: null,
          expectedVersion: version + 1,
        }),
      );
      assert.deepEqual(kept.body.figures, stored, "left out: the stored figures stay");

      const before = await snapshot(store);
      const figureRows = async () =>
        (await store.db.selectFrom("progress_figure").selectAll().execute()).length;
      const cases: Array<[unknown, string]> = [
        [[{ value: 1 }, { value: 1, total: 0 }], "figures.1.total"],
        [[{ value: "たくさん" }], "figures.0.value"],
        [[{ value: true }], "figures.0.value"],
        [[{ value: 1, qualifier: "くらい" }], "figures.0.qualifier"],
        [[{ value: 1, colour: "red" }], "figures.0"],
        [Array.from({ length: 31 }, () => ({ value: 1 })), "figures"],
      ];
      for (const [bad, field] of cases) {
        const res = await send(
          app,
          url,
          bearer(token, "PUT", {
            narrative: "変えた本文",
            statusCode: null,
            expectedVersion: version + 2,
            figures: bad,
          }),
        );
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.equal(res.body.field, field, JSON.stringify(bad));
      }
      assert.deepEqual(await snapshot(store), before);
      assert.equal(await figureRows(), 2);

      const cleared = await send(
        app,
        url,
        bearer(token, "PUT", {
          narrative: NARRATIVE,
          statusCode: null,
          expectedVersion: version + 2,
          figures: [],
        }),
      );
      assert.deepEqual(cleared.body.figures, []);
      assert.equal(await figureRows(), 0);
    } finally {
      await store.dispose();
    }
  });

  it("keeps a draft saved through the API off the read API until its period is published", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store);
      const app = createApp(store);
      const p = f.planSlug;
      const read = async (url: string) => send(app, url, { method: "GET" });
      const treeBefore = await read(`/api/v1/plans/${p}/tree`);
      // Completed as suggested from the published narratives (本文から自動判定), before the draft.
      const completedBefore = Number(
        (await read(`/api/v1/plans/${p}/measures?status=completed`)).body.total,
      );
      await send(
        app,
        `/api/v1/plans/${p}/measures/${f.codes.nursery}/draft`,
        bearer(f.tokens.nursery, "PUT", {
          narrative: NARRATIVE,
          statusCode: "completed",
          expectedVersion: 1,
        }),
      );
      const unpublished = {
        tree: await read(`/api/v1/plans/${p}/tree`),
        period: await read(`/api/v1/plans/${p}/tree?period=${OPEN_AS_OF}`),
        periods: await read(`/api/v1/plans/${p}/periods`),
        measure: await read(`/api/v1/plans/${p}/measures/${f.codes.nursery}`),
        history: await read(`/api/v1/plans/${p}/measures/${f.codes.nursery}/progress`),
        search: await read(
          `/api/v1/plans/${p}/search?q=${encodeURIComponent("待機児童ゼロを達成")}`,
        ),
        list: await read(`/api/v1/plans/${p}/measures?status=completed`),
      };
      assert.ok(!JSON.stringify(unpublished).includes(NARRATIVE), "the draft is visible");
      assert.equal(unpublished.tree.headers.get("ETag"), treeBefore.headers.get("ETag"));
      assert.equal(unpublished.period.status, 404);
      assert.equal(unpublished.periods.body.total, 1);
      assert.equal((unpublished.history.body.items as unknown[]).length, 1);
      assert.equal(unpublished.search.body.total, 0);
      assert.equal(
        unpublished.list.body.total,
        completedBefore,
        "the draft's status is not counted",
      );

      await reviewProgress(store, f.staff.planner, {
        planSlug: p,
        asOf: OPEN_AS_OF,
        measureCode: f.codes.nursery,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(store, f.staff.planner, {
        planSlug: p,
        asOf: OPEN_AS_OF,
        publishedOn: "2014-05-15",
      });

      const tree = await read(`/api/v1/plans/${p}/tree`);
      assert.notEqual(tree.headers.get("ETag"), treeBefore.headers.get("ETag"));
      assert.ok(JSON.stringify(tree.body).includes(NARRATIVE));
      const notModified = await app.request(`/api/v1/plans/${p}/tree`, {
        headers: { "If-None-Match": treeBefore.headers.get("ETag") ?? "" },
      });
      assert.equal(notModified.status, 200, "an old ETag no longer matches");
      assert.equal((await read(`/api/v1/plans/${p}/periods`)).body.total, 2);
      const history = await read(`/api/v1/plans/${p}/measures/${f.codes.nursery}/progress`);
      assert.deepEqual(
        (history.body.items as Array<{ asOf: string; narrative: string }>).map((h) => h.asOf),
        ["2013-09-30", OPEN_AS_OF],
      );
      const search = await read(
        `/api/v1/plans/${p}/search?q=${encodeURIComponent("待機児童ゼロを達成")}`,
      );
      assert.equal(search.body.total, 1);
      // The nursery measure's suggestion (実施中) is now the city's 完了, the others carried on.
      assert.equal(
        (await read(`/api/v1/plans/${p}/measures?status=completed`)).body.total,
        completedBefore + 1,
      );
    } finally {
      await store.dispose();
    }
  });
});
