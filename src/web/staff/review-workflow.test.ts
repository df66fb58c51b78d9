import assert from "node:assert/strict";
import { it } from "node:test";
import {
  departmentMeasureCodes,
  measureCodeOf,
  type Staff,
  staffedPlan,
} from "../../../test/factories/staff.ts";
import { csrfOf, staffClient } from "../../../test/factories/staff-client.ts";
import { forEachStore, type StoreSeed, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { saveProgress } from "../../commands/cycle/progress-saver.ts";
import { workingDaysLeft } from "../../domain/working-days.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { todayInTokyo } from "./deadline-text.ts";
import { SESSION_COOKIE } from "./staff-env.ts";

const NEXT = "2014-03-31";
const DEADLINE = "2014-04-21";

/** The staffed model plan with period 2014-03-31 open (deadline 2014-04-21), copied per test. */
const openSeed: StoreSeed<{ planSlug: string; staff: Staff }> = {
  name: "review-workflow-open",
  build: async (store) => {
    const seeded = await staffedPlan(store);
    await openPeriod(store, seeded.staff.planner, {
      planSlug: seeded.planSlug,
      asOf: NEXT,
      deadline: DEADLINE,
    });
    return seeded;
  },
};

/** A client signed in with a seeded session (no login form: the seed's sessions hold). */
function as(app: ReturnType<typeof createApp>, staff: Staff, login: string) {
  const client = staffClient(app);
  client.jar.set(SESSION_COOKIE, staff.tokens[login] ?? "");
  return client;
}

async function stateOf(store: Store, code: string) {
  const row = await store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
    .select(["progress.review_state", "progress.version", "progress.review_comment"])
    .where("measure.code", "=", code)
    .where("p.as_of", "=", NEXT)
    .executeTakeFirstOrThrow();
  return row;
}

/** The `CODE@VERSION` value of a measure's checkbox in a page, or undefined when it has none. */
const pickOf = (page: string, code: string) =>
  new RegExp(`name="measure" value="(${code}@\\d+)"`, "u").exec(page)?.[1];

async function post(
  client: ReturnType<typeof staffClient>,
  path: string,
  pagePath: string,
  fields: Array<[string, string]>,
) {
  const csrf = csrfOf(await (await client.get(pagePath)).text());
  return client.post(
    path,
    Object.fromEntries([["_csrf", csrf], ...fields]) as Record<string, string>,
  );
}

/** A form post with repeated fields (checkboxes). */
async function postMany(
  app: ReturnType<typeof createApp>,
  client: ReturnType<typeof staffClient>,
  path: string,
  csrf: string,
  fields: Array<[string, string]>,
) {
  return app.request(path, {
    method: "POST",
    body: new URLSearchParams([["_csrf", csrf], ...fields]),
    headers: {
      cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
  });
}

forEachStore("the staff pages at scale", (dialect) => {
  it("saves a draft without submitting it, shows it as 下書き on my updates and not as waiting in the review list", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const code = await measureCodeOf(store, value.planSlug, 56);
      const editor = as(app, value.staff, "nursery");
      const url = `/staff/plans/${value.planSlug}/measures/${code}`;
      const form = await (await editor.get(url)).text();
      assert.match(form, /<button type="submit" name="intent" value="draft"/u);
      const saved = await editor.post(url, {
        _csrf: csrfOf(form),
        version: "1",
        narrative: "新設含む12ヶ所の保育所整備が完了",
        statusCode: "completed",
        intent: "draft",
      });
      assert.equal(saved.status, 303);
      assert.match(saved.headers.get("location") ?? "", /\?saved=draft$/u);
      assert.equal((await stateOf(store, code)).review_state, "draft");
      assert.match(
        await (await editor.get(saved.headers.get("location") ?? "")).text(),
        /下書きを保存しました/u,
      );
      const mine = await (await editor.get(`/staff/plans/${value.planSlug}/my`)).text();
      assert.match(
        mine,
        new RegExp(`${code}[^<]*">保育所整備による待機児童の解消</a></th><td>下書き</td>`, "u"),
      );
      const planner = as(app, value.staff, "planner");
      const waiting = await (
        await planner.get(`/staff/plans/${value.planSlug}/review?state=submitted`)
      ).text();
      assert.doesNotMatch(waiting, /保育所整備による待機児童の解消/u);
      assert.match(waiting, /<h2 id="results-title">0件/u);
    } finally {
      await store.dispose();
    }
  });

  it("shows a department editor their measures with the deadline in working days, returned ones first with the comment", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const [first, second] = await departmentMeasureCodes(store, "保育幼稚園課");
      const planner = as(app, value.staff, "planner");
      await saveProgress(store, value.staff.nursery, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: second ?? "",
        narrative: "書き直す前",
        statusCode: null,
        expectedVersion: 1,
      });
      const returned = await post(
        planner,
        `/staff/plans/${value.planSlug}/review/${second}`,
        `/staff/plans/${value.planSlug}/review/${second}`,
        [
          ["version", "2"],
          ["decision", "return"],
          ["comment", "開所の時期を書いてください"],
        ],
      );
      assert.equal(returned.status, 303);
      const page = await (
        await as(app, value.staff, "nursery").get(`/staff/plans/${value.planSlug}/my`)
      ).text();
      const left = workingDaysLeft(todayInTokyo(), DEADLINE);
      assert.match(
        page,
        new RegExp(`締切: 平成26年4月21日（${DEADLINE}）・締切を${-left}営業日過ぎています`, "u"),
      );
      const returnedAt = page.indexOf("差し戻された取組（1件）");
      assert.ok(returnedAt > 0 && returnedAt < page.indexOf("取組の一覧"), "returned ones first");
      assert.match(page, /企画課のコメント: <strong>開所の時期を書いてください<\/strong>/u);
      assert.ok(pickOf(page, first ?? ""), "an untouched measure can be ticked");
      assert.equal(
        pickOf(page, second ?? ""),
        undefined,
        "a returned one is fixed first, not ticked",
      );
      const transportCodes = await departmentMeasureCodes(store, "交通政策課");
      assert.ok(!page.includes(`/measures/${transportCodes[0]}"`), "only the department's own");
    } finally {
      await store.dispose();
    }
  });

  it("submits two ticked measures at once, each audited, in one transaction", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const [a, b, c] = await departmentMeasureCodes(store, "保育幼稚園課");
      const editor = as(app, value.staff, "nursery");
      const path = `/staff/plans/${value.planSlug}/my`;
      const page = await (await editor.get(path)).text();
      const res = await postMany(app, editor, `${path}/submit`, csrfOf(page), [
        ["measure", pickOf(page, a ?? "") ?? ""],
        ["measure", pickOf(page, b ?? "") ?? ""],
      ]);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), `${path}?submitted=2`);
      assert.equal((await stateOf(store, a ?? "")).review_state, "submitted");
      assert.equal((await stateOf(store, b ?? "")).review_state, "submitted");
      assert.equal(
        (await stateOf(store, c ?? "")).review_state,
        "carried",
        "not ticked: untouched",
      );
      const events = await store.db
        .selectFrom("audit_event")
        .select("entity_id")
        .where("action", "=", "progress.submit")
        .execute();
      assert.deepEqual(
        events.map((e) => e.entity_id).sort(),
        [`${a}@${NEXT}`, `${b}@${NEXT}`].sort(),
      );
    } finally {
      await store.dispose();
    }
  });

  it("refuses a bulk submit naming the measure changed since the list, submits none and keeps the ticks", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const [a, b] = await departmentMeasureCodes(store, "保育幼稚園課");
      const editor = as(app, value.staff, "nursery");
      const path = `/staff/plans/${value.planSlug}/my`;
      const page = await (await editor.get(path)).text();
      // Someone else saves b as a draft after the list was read.
      await saveProgress(store, value.staff.planner, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: b ?? "",
        narrative: "企画課が直した下書き",
        statusCode: null,
        expectedVersion: 1,
        submit: false,
      });
      const before = await store.db.selectFrom("audit_event").select("id").execute();
      const res = await postMany(app, editor, `${path}/submit`, csrfOf(page), [
        ["measure", pickOf(page, a ?? "") ?? ""],
        ["measure", pickOf(page, b ?? "") ?? ""],
      ]);
      assert.equal(res.status, 409);
      const body = await res.text();
      const title = await store.db
        .selectFrom("measure")
        .select("title")
        .where("code", "=", b ?? "")
        .executeTakeFirstOrThrow();
      assert.match(
        body,
        new RegExp(`「${title.title}」（${b}）は、一覧を開いた後に変更されました`, "u"),
      );
      assert.match(body, new RegExp(`value="${a}@1" checked`, "u"), "the ticks are kept");
      assert.equal((await stateOf(store, a ?? "")).review_state, "carried", "nothing submitted");
      assert.equal((await stateOf(store, b ?? "")).review_state, "draft", "the other save kept");
      assert.equal(
        (await store.db.selectFrom("audit_event").select("id").execute()).length,
        before.length,
      );
    } finally {
      await store.dispose();
    }
  });

  it("searches, filters and sorts the review list, and bulk-accepts with the filters kept", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const nursery = await departmentMeasureCodes(store, "保育幼稚園課");
      const transport = await departmentMeasureCodes(store, "交通政策課");
      for (const [actor, code] of [
        [value.staff.nursery, nursery[0]],
        [value.staff.nursery, nursery[1]],
        [value.staff.transport, transport[0]],
      ] as const)
        await saveProgress(store, actor, {
          planSlug: value.planSlug,
          asOf: NEXT,
          measureCode: code ?? "",
          narrative: `更新した ${code}`,
          statusCode: "in_progress",
          expectedVersion: 1,
        });
      const department = await store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", "保育幼稚園課")
        .executeTakeFirstOrThrow();
      const planner = as(app, value.staff, "planner");
      const query = `?department=${department.id}&state=submitted&changed=yes&sort=title`;
      const list = await (
        await planner.get(`/staff/plans/${value.planSlug}/review${query}`)
      ).text();
      assert.match(list, /<h2 id="results-title">2件/u);
      assert.ok(pickOf(list, nursery[0] ?? "") && pickOf(list, nursery[1] ?? ""));
      assert.ok(!list.includes(`/review/${transport[0]}?`), "another department filtered out");
      assert.match(
        list,
        /<option value="submitted" selected>確認待ち<\/option>/u,
        "the form keeps the filter",
      );
      const searched = await (
        await planner.get(
          `/staff/plans/${value.planSlug}/review?q=${encodeURIComponent(`更新した ${transport[0]}`)}`,
        )
      ).text();
      assert.match(searched, /<h2 id="results-title">1件/u);
      const unchanged = await (
        await planner.get(`/staff/plans/${value.planSlug}/review?changed=no`)
      ).text();
      assert.ok(
        !unchanged.includes(`/review/${nursery[0]}?`),
        "an updated measure is not unchanged",
      );

      const res = await postMany(
        app,
        planner,
        `/staff/plans/${value.planSlug}/review/accept${query}`,
        csrfOf(list),
        [
          ["measure", pickOf(list, nursery[0] ?? "") ?? ""],
          ["measure", pickOf(list, nursery[1] ?? "") ?? ""],
        ],
      );
      assert.equal(res.status, 303);
      assert.equal(
        res.headers.get("location"),
        `/staff/plans/${value.planSlug}/review${query}&accepted=2`,
      );
      assert.equal((await stateOf(store, nursery[0] ?? "")).review_state, "accepted");
      assert.equal((await stateOf(store, nursery[1] ?? "")).review_state, "accepted");
      assert.equal((await stateOf(store, transport[0] ?? "")).review_state, "submitted");
    } finally {
      await store.dispose();
    }
  });

  it("shows the review page's change word by word, the status change and figures, and leads on to the next measure with the filters", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const [a, b] = await departmentMeasureCodes(store, "保育幼稚園課");
      const first = await measureCodeOf(store, value.planSlug, 56);
      assert.equal(a, first);
      await saveProgress(store, value.staff.nursery, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: a ?? "",
        narrative: "新設含む12ヶ所の保育所整備が完了",
        statusCode: "completed",
        expectedVersion: 1,
        figures: [{ value: 12, total: null, unit: "ヶ所", qualifier: null, text: "12ヶ所" }],
      });
      await saveProgress(store, value.staff.nursery, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: b ?? "",
        narrative: "家庭的保育事業を6ヶ所で実施",
        statusCode: null,
        expectedVersion: 1,
      });
      const planner = as(app, value.staff, "planner");
      const query = "?state=submitted";
      const page = await (
        await planner.get(`/staff/plans/${value.planSlug}/review/${a}${query}`)
      ).text();
      assert.match(
        page,
        /<del><span class="visually-hidden">［削除：<\/span>10<span/u,
        "10 removed whole",
      );
      assert.match(
        page,
        /<ins><span class="visually-hidden">［追加：<\/span>12<span/u,
        "12 added whole",
      );
      assert.match(page, /<del><span class="visually-hidden">［削除：<\/span>を実施中<span/u);
      assert.match(
        page,
        /状況区分<span class="change-mark">（変更あり）<\/span><\/th><td>[^<]+<\/td><td>完了<\/td>/u,
      );
      assert.match(page, /<th scope="row">数値<\/th><td>なし<\/td><td>12 ヶ所<\/td>/u);
      assert.match(page, /絞り込んだ一覧の2件中1件目/u);
      assert.match(page, /<input type="hidden" name="state" value="submitted">/u);

      const decided = await planner.post(`/staff/plans/${value.planSlug}/review/${a}`, {
        _csrf: csrfOf(page),
        version: "2",
        decision: "accept",
        comment: "",
        state: "submitted",
      });
      assert.equal(decided.status, 303);
      assert.equal(
        decided.headers.get("location"),
        `/staff/plans/${value.planSlug}/review/${b}?state=submitted&decided=accept`,
      );
      const next = await (await planner.get(decided.headers.get("location") ?? "")).text();
      assert.match(next, /前の取組を確認済にしました。/u);

      const refused = await planner.post(`/staff/plans/${value.planSlug}/review/${b}`, {
        _csrf: csrfOf(next),
        version: "2",
        decision: "return",
        comment: "  ",
        state: "submitted",
      });
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /差し戻す理由を入力してください/u);
      const returned = await planner.post(`/staff/plans/${value.planSlug}/review/${b}`, {
        _csrf: csrfOf(next),
        version: "2",
        decision: "return",
        comment: "事業開始の時期を書いてください",
        state: "submitted",
      });
      assert.equal(
        returned.headers.get("location"),
        `/staff/plans/${value.planSlug}/review?state=submitted&decided=return`,
        "the last of the list leads back to the list",
      );
      assert.equal(
        (await stateOf(store, b ?? "")).review_comment,
        "事業開始の時期を書いてください",
      );
    } finally {
      await store.dispose();
    }
  });

  it("counts done, waiting and missing per department on the completion dashboard and in its CSV", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const nursery = await departmentMeasureCodes(store, "保育幼稚園課");
      await saveProgress(store, value.staff.nursery, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: nursery[0] ?? "",
        narrative: "更新",
        statusCode: null,
        expectedVersion: 1,
      });
      const editor = as(app, value.staff, "transport");
      const page = await (await editor.get(`/staff/plans/${value.planSlug}/completion`)).text();
      assert.match(
        page,
        new RegExp(
          `<th scope="row">保育幼稚園課</th><td class="num">${nursery.length}</td><td class="num">0</td><td class="num">1</td><td class="num">${nursery.length - 1}</td><td class="num">0</td><td class="num">0%</td><td>—</td>`,
          "u",
        ),
      );
      const csv = await (await editor.get(`/staff/plans/${value.planSlug}/completion.csv`)).text();
      const lines = csv
        .replace(/^\uFEFF/u, "")
        .trim()
        .split("\r\n");
      assert.equal(
        lines[0],
        "基準日,締切日,締切までの営業日数,担当課,取組数,確認済,確認待ち,未提出,うち差戻し,最終督促日時,督促先",
      );
      const left = workingDaysLeft(todayInTokyo(), DEADLINE);
      assert.ok(
        lines.includes(
          `${NEXT},${DEADLINE},${left},保育幼稚園課,${nursery.length},0,1,${nursery.length - 1},0,,`,
        ),
        csv,
      );
      assert.match(
        lines.at(-1) ?? "",
        new RegExp(`^${NEXT},${DEADLINE},${left},,\\d+,0,0,\\d+,0,,$`, "u"),
        "no department: blank, last",
      );
    } finally {
      await store.dispose();
    }
  });

  it("publishes only through the confirmation, which lists the unchanged measures and offers to mark them or to hold back", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const planner = as(app, value.staff, "planner");
      const base = `/staff/plans/${value.planSlug}`;
      const state = async () =>
        (
          await store.db
            .selectFrom("reporting_period")
            .select("state")
            .where("as_of", "=", NEXT)
            .executeTakeFirstOrThrow()
        ).state;
      const code = await measureCodeOf(store, value.planSlug, 56);
      const { version } = await saveProgress(store, value.staff.nursery, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: code,
        narrative: "新設含む12ヶ所の保育所整備が完了",
        statusCode: "completed",
        expectedVersion: 1,
      });
      const blocked = await (await planner.get(`${base}/publish`)).text();
      assert.match(blocked, /まだ公表できない取組（1件）/u);
      assert.doesNotMatch(blocked, /この内容で公表する/u, "no publish button while one waits");
      assert.equal(await state(), "open", "a GET publishes nothing");

      const list = await (await planner.get(`${base}/review`)).text();
      await postMany(app, planner, `${base}/review/accept`, csrfOf(list), [
        ["measure", `${code}@${version}`],
      ]);
      const page = await (await planner.get(`${base}/publish`)).text();
      const total = Number(/全(\d+)件の取組/u.exec(page)?.[1]);
      assert.match(page, /前回から更新され、確認済の取組: <strong>1件<\/strong>/u);
      assert.match(page, new RegExp(`前回の内容のままの取組（${total - 1}件）`, "u"));
      assert.match(
        page,
        /<li>No\.56 <a href="[^"]+">家庭的保育事業の実施<\/a>（保育幼稚園課・未更新）<\/li>/u,
      );
      const digest = /name="digest" value="([0-9a-f]+)"/u.exec(page)?.[1] ?? "";
      const form = { _csrf: csrfOf(page), asOf: NEXT, publishedOn: "2014-05-15" };

      const unconfirmed = await planner.post(`${base}/publish`, form);
      assert.equal(unconfirmed.status, 303);
      assert.equal(unconfirmed.headers.get("location"), `${base}/publish?publishedOn=2014-05-15`);
      assert.equal(await state(), "open", "no publish without the confirmation");

      const noChoice = await planner.post(`${base}/publish`, { ...form, digest });
      assert.equal(noChoice.status, 400);
      assert.match(await noChoice.text(), /前回から変更のない取組の扱いを選んでください/u);
      const held = await planner.post(`${base}/publish`, { ...form, digest, unchanged: "block" });
      assert.equal(held.status, 400);
      assert.match(await held.text(), /担当課が更新するまで公表しません/u);
      assert.equal(await state(), "open");

      // A department saves after the confirmation was shown: the digest no longer matches.
      const other = (await departmentMeasureCodes(store, "交通政策課"))[0] ?? "";
      await saveProgress(store, value.staff.transport, {
        planSlug: value.planSlug,
        asOf: NEXT,
        measureCode: other,
        narrative: "確認画面の後の下書き",
        statusCode: null,
        expectedVersion: 1,
        submit: false,
      });
      const stale = await planner.post(`${base}/publish`, { ...form, digest, unchanged: "mark" });
      assert.equal(stale.status, 400);
      assert.match(await stale.text(), /確認画面を開いた後に取組の内容や状態が変わりました/u);
      assert.equal(await state(), "open");
      const otherVersion = (await stateOf(store, other)).version;
      const mine = await (await as(app, value.staff, "transport").get(`${base}/my`)).text();
      await postMany(app, as(app, value.staff, "transport"), `${base}/my/submit`, csrfOf(mine), [
        ["measure", `${other}@${otherVersion}`],
      ]);
      const list2 = await (await planner.get(`${base}/review`)).text();
      await postMany(app, planner, `${base}/review/accept`, csrfOf(list2), [
        ["measure", `${other}@${otherVersion + 1}`],
      ]);

      const fresh = await (await planner.get(`${base}/publish`)).text();
      const published = await planner.post(`${base}/publish`, {
        ...form,
        digest: /name="digest" value="([0-9a-f]+)"/u.exec(fresh)?.[1] ?? "",
        unchanged: "mark",
      });
      assert.equal(published.status, 303);
      assert.equal(await state(), "published");
      const states = await store.db
        .selectFrom("progress")
        .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
        .select(["progress.review_state", (eb) => eb.fn.countAll<number>().as("n")])
        .where("p.as_of", "=", NEXT)
        .groupBy("progress.review_state")
        .execute();
      assert.deepEqual(Object.fromEntries(states.map((s) => [s.review_state, Number(s.n)])), {
        accepted: 2,
        unchanged: total - 2,
      });
    } finally {
      await store.dispose();
    }
  });

  it("keeps the review list, bulk accept and the publish confirmation from department editors and viewers", async () => {
    const { store, value } = await seededStore(dialect, openSeed);
    try {
      const app = createApp(store);
      const base = `/staff/plans/${value.planSlug}`;
      const code = await measureCodeOf(store, value.planSlug, 56);
      for (const login of ["nursery", "viewer"]) {
        const client = as(app, value.staff, login);
        for (const path of ["/review", `/review/${code}`, "/publish"])
          assert.equal((await client.get(`${base}${path}`)).status, 403, `${login} GET ${path}`);
        const csrf = csrfOf(await (await client.get(base)).text());
        const accept = await postMany(app, client, `${base}/review/accept`, csrf, [
          ["measure", `${code}@1`],
        ]);
        assert.equal(accept.status, 403, `${login} bulk accept`);
      }
      const viewer = as(app, value.staff, "viewer");
      const csrf = csrfOf(await (await viewer.get(base)).text());
      const submit = await postMany(app, viewer, `${base}/my/submit`, csrf, [
        ["measure", `${code}@1`],
      ]);
      assert.equal(submit.status, 403, "a viewer submits nothing");
      assert.equal((await stateOf(store, code)).review_state, "carried");
      const outsider = as(app, value.staff, "outsider");
      assert.equal((await outsider.get(`${base}/review`)).status, 404, "another city's plan");
    } finally {
      await store.dispose();
    }
  });
});
