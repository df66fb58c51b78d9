import assert from "node:assert/strict";
import { it } from "node:test";
import { untranslatedIn } from "../../../test/factories/english-page.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

const OPEN_AS_OF = "2014-03-31";

/** What the indicator forms have stored: indicators, their revisions and audit events. */
async function storedOf(store: Store) {
  const indicators = await store.db
    .selectFrom("indicator")
    .select(["code", "name", "unit", "kind", "direction", "retired"])
    .orderBy("code")
    .execute();
  const revisions = await store.db
    .selectFrom("indicator_revision")
    .select(["name", "retired"])
    .orderBy("id")
    .execute();
  const events = await store.db
    .selectFrom("audit_event")
    .select(["action", "entity_id"])
    .where("action", "like", "indicator.%")
    .orderBy("id")
    .execute();
  return { indicators, revisions, events };
}

const NOTHING = { indicators: [], revisions: [], events: [] };

/** A filled-in indicator form of measure 56's first measure. */
const nurseryForm = (owner: string, extra: Record<string, string> = {}) => ({
  owner,
  name: "保育所の定員",
  unit: "人",
  kind: "成果指標",
  direction: "increase",
  baselineYear: "平成23年度",
  baselineValue: "1,000",
  "target-2013": "１５００",
  finalYear: "2013",
  finalValue: "2000",
  source: "保育幼稚園課調べ",
  achievementForm: "auto",
  ...extra,
});

const inputOf = (page: string, id: string) =>
  new RegExp(`<input id="${id}"[^>]*>`, "u").exec(page)?.[0] ?? "";

forEachStore("the indicator settings forms", (dialect) => {
  it("lets a planner add, edit and retire an indicator within the open period, each change audited", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      const app = createApp(store);
      const measure = await measureCodeOf(store, planSlug, 56);
      const owner = `measure:${measure}`;
      const planner = await signedIn(app, "planner");
      const base = `/staff/plans/${planSlug}/indicators`;
      const form = await (await planner.get(`${base}/new?owner=${owner}`)).text();
      assert.match(form, new RegExp(`<option value="${owner}" selected>`, "u"));
      assert.match(form, /<label for="target-2013">平成25年度（2013年度）の目標値<\/label>/u);
      const added = await planner.post(base, { _csrf: csrfOf(form), ...nurseryForm(owner) });
      assert.equal(added.status, 303);
      const [indicator] = (await storedOf(store)).indicators;
      assert.deepEqual(indicator, {
        code: "I0001",
        name: "保育所の定員",
        unit: "人",
        kind: "成果指標",
        direction: "increase",
        retired: 0,
      });
      const values = await store.db
        .selectFrom("indicator_value")
        .select(["kind", "fiscal_year", "final", "value"])
        .orderBy("kind")
        .orderBy("final")
        .execute();
      assert.deepEqual(values, [
        { kind: "baseline", fiscal_year: 2011, final: 0, value: "1000" },
        { kind: "target", fiscal_year: 2013, final: 0, value: "1500" },
        { kind: "target", fiscal_year: 2013, final: 1, value: "2000" },
      ]);

      const measurePage = `/staff/plans/${planSlug}/measures/${measure}`;
      assert.match(
        await (await planner.get(measurePage)).text(),
        /<li>保育所の定員（I0001） <a href="[^"]+\/indicators\/I0001\/edit">保育所の定員を編集<\/a><\/li>/u,
        "the measure's staff page lists it",
      );
      const list = await (await planner.get(`${base}?owner=${owner}`)).text();
      assert.match(list, /<th scope="row">保育所の定員<\/th>/u);
      assert.match(list, /（公表待ちの変更あり）/u);
      const edit = await (await planner.get(`${base}/I0001/edit`)).text();
      assert.match(
        inputOf(edit, "target-2013"),
        /value="1500"/u,
        "the edit form starts from what is stored",
      );
      const revised = await planner.post(`${base}/I0001`, {
        _csrf: csrfOf(edit),
        ...nurseryForm(owner, { name: "保育所の利用定員", "target-2013": "1600" }),
      });
      assert.equal(revised.status, 303);
      const confirm = await (await planner.get(`${base}/I0001/retire`)).text();
      assert.match(confirm, /<h1>指標「保育所の利用定員」を廃止する<\/h1>/u);
      assert.match(confirm, /廃止は取り消せません/u);
      const retired = await planner.post(`${base}/I0001/retire`, { _csrf: csrfOf(confirm) });
      assert.equal(retired.status, 303);
      assert.doesNotMatch(
        await (await planner.get(measurePage)).text(),
        /保育所の利用定員（I0001）/u,
      );

      const audit = await (await (await signedIn(app, "admin")).get("/staff/audit")).text();
      for (const action of ["指標の追加", "指標の変更", "指標の廃止"])
        assert.match(audit, new RegExp(action, "u"), `the audit trail names ${action}`);
      assert.match(audit, /保育所の定員 → 保育所の利用定員/u, "a revision's change is shown");
      assert.deepEqual(await storedOf(store), {
        indicators: [{ ...indicator, name: "保育所の利用定員", retired: 1 }],
        revisions: [{ name: "保育所の利用定員", retired: 1 }],
        events: [
          { action: "indicator.define", entity_id: "I0001" },
          { action: "indicator.revise", entity_id: "I0001" },
          { action: "indicator.retire", entity_id: "I0001" },
        ],
      });
    } finally {
      await store.dispose();
    }
  });

  it("refuses a department editor and another city's planner, storing nothing", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      const app = createApp(store);
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      const base = `/staff/plans/${planSlug}/indicators`;
      const editor = await signedIn(app, "nursery");
      const list = await editor.get(base);
      assert.equal(list.status, 200, "an editor may read the list");
      assert.doesNotMatch(await list.text(), /指標を追加する/u);
      assert.equal((await editor.get(`${base}/new`)).status, 403);
      const csrf = csrfOf(await (await editor.get("/staff/password")).text());
      const byEditor = await editor.post(base, { _csrf: csrf, ...nurseryForm(owner) });
      assert.equal(byEditor.status, 403);
      const outsider = await signedIn(app, "outsider");
      const outsiderCsrf = csrfOf(await (await outsider.get("/staff/password")).text());
      const byOutsider = await outsider.post(base, { _csrf: outsiderCsrf, ...nurseryForm(owner) });
      assert.equal(byOutsider.status, 404, "another city's plan is not even shown");
      assert.deepEqual(await storedOf(store), NOTHING);
    } finally {
      await store.dispose();
    }
  });

  it("shows a refused form again as typed, each problem beside its field, and stores nothing", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      const app = createApp(store);
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      const base = `/staff/plans/${planSlug}/indicators`;
      const planner = await signedIn(app, "planner");
      const csrf = csrfOf(await (await planner.get(`${base}/new`)).text());
      const refused = await planner.post(base, {
        _csrf: csrf,
        ...nurseryForm(owner, {
          baselineValue: "集計中",
          direction: "up",
          kind: "謎の指標",
          "target-2030": "3000",
        }),
      });
      assert.equal(refused.status, 400);
      const page = await refused.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(page, /<h2 id="error-summary-title">入力内容に問題があります<\/h2>/u);
      assert.match(
        page,
        /<a href="#baselineValue">基準値は数値で入力してください（「集計中」は数値ではありません）<\/a>/u,
      );
      assert.match(
        page,
        /<a href="#direction">方向は「増やす」「減らす」「維持」から選んでください<\/a>/u,
      );
      assert.match(page, /<a href="#kind">種類は計画の種類（/u);
      assert.match(page, /<a href="#target-2030">目標値の年度 2030年度は計画の期間（/u);
      assert.match(page, /<p class="field-error" id="target-2030-error">/u);
      assert.match(inputOf(page, "target-2030"), /value="3000"/u);
      assert.match(inputOf(page, "target-2030"), /aria-invalid="true"/u);
      assert.match(inputOf(page, "baselineValue"), /value="集計中"/u);
      assert.match(
        inputOf(page, "target-2013"),
        /value="１５００"/u,
        "a good field keeps what was typed",
      );
      assert.match(inputOf(page, "name"), /value="保育所の定員"/u);
      assert.deepEqual(await storedOf(store), NOTHING);

      assert.equal((await planner.post(base, { _csrf: csrf, ...nurseryForm(owner) })).status, 303);
      const twice = await planner.post(base, {
        _csrf: csrf,
        ...nurseryForm(owner, { unit: "か所" }),
      });
      assert.equal(twice.status, 400);
      const again = await twice.text();
      assert.match(
        again,
        /<a href="#name">同じ取組に指標「保育所の定員」（I0001）がすでにあります<\/a>/u,
      );
      assert.match(inputOf(again, "unit"), /value="か所"/u);
      assert.equal((await storedOf(store)).indicators.length, 1, "the duplicate is not stored");
    } finally {
      await store.dispose();
    }
  });

  it("refuses any change without an open period, like the roadmap", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      const base = `/staff/plans/${planSlug}/indicators`;
      const planner = await signedIn(app, "planner");
      const list = await (await planner.get(base)).text();
      assert.match(list, /受付中の報告期がないため、指標は変更できません/u);
      const refused = await planner.post(base, { _csrf: csrfOf(list), ...nurseryForm(owner) });
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /指標は受付中の報告期の中で設定します/u);
      assert.deepEqual(await storedOf(store), NOTHING);
    } finally {
      await store.dispose();
    }
  });
  it("shows the list, the forms and the retirement's confirmation in English, the plan's data marked lang=ja", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      const app = createApp(store);
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      const base = `/staff/plans/${planSlug}/indicators`;
      const planner = await signedIn(app, "planner");
      await planner.get(`/language?lang=en&next=${encodeURIComponent(base)}`);

      const form = await (await planner.get(`${base}/new?owner=${owner}`)).text();
      assert.match(form, /<html lang="en">/u);
      assert.match(form, /<h1>Add an indicator<\/h1>/u);
      assert.match(form, /<label for="target-2013">Target for FY2013 \(Heisei 25\)<\/label>/u);
      assert.match(form, /<legend>Baseline<\/legend>/u);
      assert.match(form, /<option value="increase">⇗ Increase<\/option>/u);
      assert.match(form, new RegExp(`<option value="${owner}" selected lang="ja">`, "u"));
      assert.match(form, /as of 31 March 2014 \(Heisei 26\)/u);
      assert.deepEqual(untranslatedIn(form), [], "no Japanese UI text on the English form");

      const refused = await planner.post(base, { _csrf: csrfOf(form), ...nurseryForm("") });
      assert.equal(refused.status, 400);
      const refusedPage = await refused.text();
      assert.match(refusedPage, /<title>Error: /u);
      assert.match(refusedPage, /<h2 id="error-summary-title">There is a problem<\/h2>/u);
      assert.match(
        refusedPage,
        /<a href="#owner">Choose the measure, item or group the indicator belongs to<\/a>/u,
      );
      assert.match(inputOf(refusedPage, "name"), /value="保育所の定員"[^>]* lang="ja"/u);
      assert.deepEqual(untranslatedIn(refusedPage), []);

      const added = await planner.post(base, { _csrf: csrfOf(form), ...nurseryForm(owner) });
      assert.equal(added.status, 303);
      const list = await (await planner.get(`${base}?saved=I0001`)).text();
      assert.match(list, /<h1>Indicator settings<\/h1>/u);
      assert.match(list, /Indicator I0001 has been saved/u);
      assert.match(list, /<th scope="col">Indicator name<\/th><th scope="col">Belongs to<\/th>/u);
      assert.match(list, /<th scope="row" lang="ja">保育所の定員<\/th>/u);
      assert.match(list, /<td lang="ja">成果指標<\/td>/u);
      assert.match(list, /Baseline FY2011 1000; Target FY2013 1500; Final target FY2013 2000/u);
      assert.match(list, /In use \(changes waiting for publication\)/u);
      assert.match(list, /Edit <span lang="ja">保育所の定員<\/span><\/a>/u);
      assert.deepEqual(untranslatedIn(list), [], "no Japanese UI text on the English list");

      const edit = await (await planner.get(`${base}/I0001/edit`)).text();
      assert.match(edit, /<h1>Edit indicator I0001<\/h1>/u);
      assert.match(edit, /<button type="submit">Save the changes<\/button>/u);
      assert.deepEqual(untranslatedIn(edit), []);

      const confirm = await (await planner.get(`${base}/I0001/retire`)).text();
      assert.match(
        confirm,
        /<h1>Retire the indicator “<span lang="ja">保育所の定員<\/span>”<\/h1>/u,
      );
      assert.match(confirm, /Retiring cannot be undone\./u);
      assert.match(confirm, />Go back without retiring<\/a>/u);
      assert.deepEqual(untranslatedIn(confirm), []);
    } finally {
      await store.dispose();
    }
  });
});
