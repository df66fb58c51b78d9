import assert from "node:assert/strict";
import { it } from "node:test";
import { untranslatedIn } from "../../../test/factories/english-page.ts";
import { staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

/** What the structure forms may have stored: rows of the plan tables and their audit events. */
async function snapshot(store: Store) {
  const count = async (table: "plan" | "plan_group" | "item" | "measure" | "title_revision") =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = await store.db
    .selectFrom("audit_event")
    .select("action")
    .where((eb) => eb.or([eb("action", "like", "structure.%"), eb("action", "=", "plan.create")]))
    .orderBy("id")
    .execute();
  return {
    plans: await count("plan"),
    groups: await count("plan_group"),
    items: await count("item"),
    measures: await count("measure"),
    titles: await count("title_revision"),
    events: events.map((e) => e.action),
  };
}

const inputOf = (page: string, id: string) =>
  new RegExp(`<(?:input|textarea|select) id="${id}"[^>]*>`, "u").exec(page)?.[0] ?? "";

const NEW_PLAN = {
  title: "窓口改革計画",
  slug: "madoguchi",
  levels: "柱\n項目",
  measureLevel: "取組",
  firstFiscalYear: "令和6年度",
  lastFiscalYear: "２０２７",
  statusPreset: "abcd",
  statusLines: "",
  firstAsOf: "",
};

forEachStore("the plan's structure in the browser", (dialect) => {
  it("creates a plan from the form for a planner, refuses a bad form with what was typed, and refuses an editor and a request without its token", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const before = await snapshot(store);
      const nursery = await signedIn(app, "nursery");
      assert.equal((await nursery.get("/staff/new-plan")).status, 403);
      const editorCsrf = csrfOf(await (await nursery.get("/staff")).text());
      const byEditor = await nursery.post("/staff/new-plan", { _csrf: editorCsrf, ...NEW_PLAN });
      assert.equal(byEditor.status, 403);

      const planner = await signedIn(app, "planner");
      const form = await (await planner.get("/staff/new-plan")).text();
      assert.match(form, /<h1>計画を作成<\/h1>/u);
      assert.match(form, /<legend>階層<\/legend>/u);
      const csrf = csrfOf(form);
      assert.equal((await planner.post("/staff/new-plan", { ...NEW_PLAN })).status, 403);

      const sevenLevels = "政策\n施策\n基本事業\n事業群\n事業\n細事業\n小事業";
      const refused = await planner.post("/staff/new-plan", {
        _csrf: csrf,
        ...NEW_PLAN,
        levels: sevenLevels,
      });
      assert.equal(refused.status, 400);
      const page = await refused.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(page, /<h2 id="error-summary-title">入力内容に問題があります<\/h2>/u);
      assert.match(
        page,
        /<a href="#levels">階層の名前を1行に1つ、1から6まで入力してください（今は7）<\/a>/u,
      );
      assert.match(page, /<p class="field-error" id="levels-error">/u);
      assert.match(inputOf(page, "levels"), /aria-invalid="true"/u);
      assert.match(page, new RegExp(`>${sevenLevels}</textarea>`, "u"), "the levels as typed");
      assert.match(inputOf(page, "title"), /value="窓口改革計画"/u);
      assert.match(inputOf(page, "firstFiscalYear"), /value="令和6年度"/u);
      assert.match(page, /id="statusPreset-abcd" name="statusPreset" value="abcd" checked/u);

      const badYear = await planner.post("/staff/new-plan", {
        _csrf: csrf,
        ...NEW_PLAN,
        lastFiscalYear: "2020",
      });
      assert.equal(badYear.status, 400);
      assert.match(await badYear.text(), /<p class="field-error" id="lastFiscalYear-error">/u);
      assert.deepEqual(await snapshot(store), before, "nothing stored by a refused form");

      const created = await planner.post("/staff/new-plan", { _csrf: csrf, ...NEW_PLAN });
      assert.equal(created.status, 303);
      assert.equal(
        created.headers.get("location"),
        "/staff/plans/madoguchi/structure?done=created",
      );
      const plan = await store.db
        .selectFrom("plan")
        .selectAll()
        .where("slug", "=", "madoguchi")
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [plan.title, plan.first_fiscal_year, plan.last_fiscal_year],
        ["窓口改革計画", 2024, 2027],
      );
      const levels = await store.db
        .selectFrom("plan_level")
        .select(["key", "name"])
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .execute();
      assert.deepEqual(levels, [
        { key: "pillar", name: "柱" },
        { key: "item", name: "項目" },
        { key: "measure", name: "取組" },
      ]);
      const statuses = await store.db
        .selectFrom("status_definition")
        .select("name")
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .execute();
      assert.deepEqual(
        statuses.map((s) => s.name),
        ["A", "B", "C", "D"],
      );
      assert.deepEqual((await snapshot(store)).events, ["plan.create"]);
      const structure = await (await planner.get("/staff/plans/madoguchi/structure")).text();
      assert.match(structure, /<h1>窓口改革計画の構成<\/h1>/u);
      assert.match(structure, /すぐに公開サイトに反映されます/u);
    } finally {
      await store.dispose();
    }
  });

  it("opens the first period when its asOf is given, and refuses a slug another plan uses beside the field", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const admin = await signedIn(app, "admin");
      const csrf = csrfOf(await (await admin.get("/staff/new-plan")).text());
      const taken = await admin.post("/staff/new-plan", {
        _csrf: csrf,
        ...NEW_PLAN,
        slug: value.planSlug,
      });
      assert.equal(taken.status, 400);
      const page = await taken.text();
      assert.match(
        page,
        new RegExp(`<a href="#slug">識別子「${value.planSlug}」は別の計画が使っています</a>`, "u"),
      );
      assert.match(inputOf(page, "slug"), new RegExp(`value="${value.planSlug}"`, "u"));
      const created = await admin.post("/staff/new-plan", {
        _csrf: csrf,
        ...NEW_PLAN,
        slug: "",
        statusPreset: "lines",
        statusLines: "順調\n遅れ\n\n中止",
        firstAsOf: "２０２４-０９-３０",
      });
      assert.equal(created.status, 303);
      const slug = /\/staff\/plans\/([^/]+)\/structure/u.exec(
        created.headers.get("location") ?? "",
      )?.[1];
      assert.equal(slug, "431001-2", "the organization's code and the next number");
      const periods = await store.db
        .selectFrom("reporting_period as p")
        .innerJoin("plan", "plan.id", "p.plan_id")
        .select(["p.as_of", "p.state"])
        .where("plan.slug", "=", slug ?? "")
        .execute();
      assert.deepEqual(periods, [{ as_of: "2024-09-30", state: "open" }]);
      const statuses = await store.db
        .selectFrom("status_definition as s")
        .innerJoin("plan", "plan.id", "s.plan_id")
        .select(["s.code", "s.name"])
        .where("plan.slug", "=", slug ?? "")
        .orderBy("s.position")
        .execute();
      assert.deepEqual(
        statuses.map((s) => s.name),
        ["順調", "遅れ", "中止"],
      );
      const structure = await (await admin.get(`/staff/plans/${slug}/structure`)).text();
      assert.match(structure, /の報告期が受付中です/u);
    } finally {
      await store.dispose();
    }
  });

  it("adds groups, items and measures to a plan without periods, with the department chosen from the organization's, and refuses others with nothing stored", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const planner = await signedIn(app, "planner");
      const csrf = csrfOf(await (await planner.get("/staff/new-plan")).text());
      await planner.post("/staff/new-plan", { _csrf: csrf, ...NEW_PLAN });
      const base = "/staff/plans/madoguchi/structure";

      const group = await planner.post(`${base}/groups`, {
        _csrf: csrf,
        "group-parentId": "",
        "group-number": "１",
        "group-label": "I",
        "group-title": "窓口を変える",
      });
      assert.equal(group.status, 303);
      const groupId = (
        await store.db
          .selectFrom("plan_group")
          .select("id")
          .where("title", "=", "窓口を変える")
          .executeTakeFirstOrThrow()
      ).id;
      const nested = await planner.post(`${base}/groups`, {
        _csrf: csrf,
        "group-parentId": String(groupId),
        "group-number": "1",
        "group-label": "",
        "group-title": "柱の下の柱",
      });
      assert.equal(nested.status, 400, "a plan of one group level takes items under its groups");
      assert.match(await nested.text(), /<p class="field-error" id="group-parentId-error">/u);

      const item = await planner.post(`${base}/items`, {
        _csrf: csrf,
        "item-groupId": String(groupId),
        "item-number": "1",
        "item-label": "ア",
        "item-title": "窓口の予約",
      });
      assert.equal(item.status, 303);
      const itemId = (
        await store.db
          .selectFrom("item")
          .select("id")
          .where("title", "=", "窓口の予約")
          .executeTakeFirstOrThrow()
      ).id;
      const before = await snapshot(store);

      const noDepartment = await planner.post(`${base}/measures`, {
        _csrf: csrf,
        "measure-itemId": String(itemId),
        "measure-code": "",
        "measure-title": "オンライン予約を始める",
        "measure-departmentId": "",
      });
      assert.equal(noDepartment.status, 400);
      const page = await noDepartment.text();
      assert.match(page, /<a href="#measure-departmentId">担当課を一覧から選んでください/u);
      assert.match(inputOf(page, "measure-title"), /value="オンライン予約を始める"/u);
      assert.match(inputOf(page, "measure-departmentId"), /aria-invalid="true"/u);
      const otherCity = await store.db
        .insertInto("department")
        .values({
          organization_id: (
            await store.db
              .selectFrom("organization")
              .select("id")
              .where("code", "=", "130001")
              .executeTakeFirstOrThrow()
          ).id,
          name: "東京の課",
          created_at: new Date().toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const foreign = await planner.post(`${base}/measures`, {
        _csrf: csrf,
        "measure-itemId": String(itemId),
        "measure-code": "",
        "measure-title": "オンライン予約を始める",
        "measure-departmentId": String(otherCity.id),
      });
      assert.equal(foreign.status, 400, "another organization's department is not offered");
      const departments = await store.db.selectFrom("department").select("id").execute();

      const measureForm = {
        "measure-itemId": String(itemId),
        "measure-code": "",
        "measure-title": "オンライン予約を始める",
        "measure-departmentId": "",
      };
      const nursery = await signedIn(app, "nursery");
      const nurseryCsrf = csrfOf(await (await nursery.get("/staff")).text());
      const outsider = await signedIn(app, "outsider");
      const outsiderCsrf = csrfOf(await (await outsider.get("/staff")).text());
      const ownDepartment = await store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", "保育幼稚園課")
        .executeTakeFirstOrThrow();
      measureForm["measure-departmentId"] = String(ownDepartment.id);
      assert.equal(
        (await nursery.post(`${base}/measures`, { _csrf: nurseryCsrf, ...measureForm })).status,
        403,
      );
      assert.equal(
        (await outsider.post(`${base}/measures`, { _csrf: outsiderCsrf, ...measureForm })).status,
        403,
      );
      assert.equal((await outsider.get(base)).status, 403);
      assert.deepEqual(await snapshot(store), before, "nothing stored by a refused post");
      assert.equal(
        (await store.db.selectFrom("department").select("id").execute()).length,
        departments.length,
        "no department created",
      );

      const added = await planner.post(`${base}/measures`, { _csrf: csrf, ...measureForm });
      assert.equal(added.status, 303);
      const measure = await store.db
        .selectFrom("measure")
        .innerJoin("measure_department as md", "md.measure_id", "measure.id")
        .select(["measure.code", "measure.introduced_period_id", "md.department_id", "md.role"])
        .where("measure.title", "=", "オンライン予約を始める")
        .executeTakeFirstOrThrow();
      assert.deepEqual(measure, {
        code: "M0001",
        introduced_period_id: null,
        department_id: ownDepartment.id,
        role: "lead",
      });
      assert.deepEqual((await snapshot(store)).events, [
        "plan.create",
        "structure.group_add",
        "structure.item_add",
        "structure.measure_add",
      ]);
      const publicPage = await (await app.request("/plans/madoguchi/report")).text();
      assert.match(publicPage, /窓口の予約/u, "a plan without periods shows its structure at once");
    } finally {
      await store.dispose();
    }
  });

  it("keeps a change made in the open period off the public site until it is published, and the earlier period as it was published", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const planner = await signedIn(app, "planner");
      const base = `/staff/plans/${planSlug}/structure`;
      const csrf = csrfOf(await (await planner.get("/staff")).text());
      const item56 = await store.db
        .selectFrom("item")
        .select(["id", "title", "group_id"])
        .where("number", "=", 56)
        .executeTakeFirstOrThrow();

      const closed = await planner.post(`${base}/items/${item56.id}/title`, {
        _csrf: csrf,
        title: "保育の新しい名前",
      });
      assert.equal(closed.status, 400, "no open period: the published period is protected");
      assert.match(await closed.text(), /<a href="#period">公表済みの報告期がある計画の構成は/u);
      assert.equal((await snapshot(store)).titles, 0);

      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const renamed = await planner.post(`${base}/items/${item56.id}/title`, {
        _csrf: csrf,
        title: "保育の新しい名前",
      });
      assert.equal(renamed.status, 303);
      const item = await planner.post(`${base}/items`, {
        _csrf: csrf,
        "item-groupId": String(item56.group_id),
        "item-number": "901",
        "item-label": "",
        "item-title": "新しい項目",
      });
      assert.equal(item.status, 303);
      const newItem = await store.db
        .selectFrom("item")
        .select("id")
        .where("number", "=", 901)
        .executeTakeFirstOrThrow();
      const department = await store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", "保育幼稚園課")
        .executeTakeFirstOrThrow();
      const measure = await planner.post(`${base}/measures`, {
        _csrf: csrf,
        "measure-itemId": String(newItem.id),
        "measure-code": "N-1",
        "measure-title": "新しい取組",
        "measure-departmentId": String(department.id),
      });
      assert.equal(measure.status, 303);
      const span = async () =>
        (
          await store.db
            .selectFrom("plan")
            .select("last_fiscal_year")
            .where("slug", "=", planSlug)
            .executeTakeFirstOrThrow()
        ).last_fiscal_year;
      const lastYear = await span();
      assert.equal((await planner.post(`${base}/span`, { _csrf: csrf })).status, 303);
      assert.equal(await span(), lastYear, "the span grows only at publication");

      const staffView = await (await planner.get(base)).text();
      assert.match(staffView, /保育の新しい名前/u);
      assert.match(staffView, /N-1 新しい取組（保育幼稚園課）/u);
      assert.match(staffView, /基準日 2014-03-31 の報告期で追加/u);

      const publicPage = async (path: string) => {
        const res = await app.request(path);
        return { status: res.status, body: await res.text() };
      };
      const before = await publicPage(`/plans/${planSlug}/report`);
      assert.doesNotMatch(before.body, /保育の新しい名前|新しい取組/u, "not public before publish");
      assert.match(before.body, new RegExp(item56.title, "u"));
      assert.equal((await publicPage(`/plans/${planSlug}/items/901`)).status, 404);

      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        publishedOn: "2014-05-01",
      });
      const after = await publicPage(`/plans/${planSlug}/report`);
      assert.match(after.body, /保育の新しい名前/u);
      assert.match(after.body, /新しい取組/u);
      const newItemPage = await publicPage(`/plans/${planSlug}/items/901`);
      assert.equal(newItemPage.status, 200);
      assert.match(newItemPage.body, /新しい取組/u);

      const earlier = await publicPage(`/plans/${planSlug}/report?period=2013-09-30`);
      assert.equal(earlier.status, 200);
      assert.match(earlier.body, new RegExp(item56.title, "u"), "the earlier period's title");
      assert.doesNotMatch(earlier.body, /保育の新しい名前|新しい取組/u);
      assert.equal(
        (await publicPage(`/plans/${planSlug}/items/901?period=2013-09-30`)).status,
        404,
      );
      assert.equal(await span(), lastYear + 1, "the added year joins the span at publication");
      assert.deepEqual((await snapshot(store)).events, [
        "structure.title",
        "structure.item_add",
        "structure.measure_add",
        "structure.span",
      ]);
    } finally {
      await store.dispose();
    }
  });

  it("moves, renumbers, re-lists and retires as changes of the open period, refused for others with nothing stored, and each period's pages show the structure it published", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const base = `/staff/plans/${planSlug}/structure`;
      const planner = await signedIn(app, "planner");
      const csrf = csrfOf(await (await planner.get("/staff")).text());
      const itemId = async (number: number) =>
        (
          await store.db
            .selectFrom("item")
            .select("id")
            .where("number", "=", number)
            .executeTakeFirstOrThrow()
        ).id;
      /** The first original measure of an item that nothing re-lists. */
      const plainMeasure = async (number: number) => {
        const rows = await store.db
          .selectFrom("measure as m")
          .innerJoin("item as i", "i.id", "m.item_id")
          .select(["m.id", "m.code"])
          .where("i.number", "=", number)
          .where("m.relisting_of_measure_id", "is", null)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("measure as r")
                  .select("r.id")
                  .whereRef("r.relisting_of_measure_id", "=", "m.id"),
              ),
            ),
          )
          .orderBy("m.position")
          .execute();
        return rows[0] ?? assert.fail(`a plain measure in item ${number}`);
      };
      const moved = await plainMeasure(56);
      const relisted = await plainMeasure(25);
      const original = await plainMeasure(26);
      const retired = await plainMeasure(30);
      const placements = async () =>
        Number(
          (
            await store.db
              .selectFrom("placement_revision")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await snapshot(store);

      const nursery = await signedIn(app, "nursery");
      const nurseryCsrf = csrfOf(await (await nursery.get("/staff")).text());
      const outsider = await signedIn(app, "outsider");
      const outsiderCsrf = csrfOf(await (await outsider.get("/staff")).text());
      const moveForm = { parentId: String(await itemId(57)) };
      for (const [client, token] of [
        [nursery, nurseryCsrf],
        [outsider, outsiderCsrf],
      ] as const) {
        assert.equal(
          (await client.post(`${base}/measures/${moved.id}/move`, { _csrf: token, ...moveForm }))
            .status,
          403,
        );
        assert.equal(
          (await client.post(`${base}/measures/${retired.id}/retire`, { _csrf: token })).status,
          403,
        );
      }
      assert.equal(
        (await planner.post(`${base}/measures/${moved.id}/move`, moveForm)).status,
        403,
        "no CSRF token",
      );

      const clash = await planner.post(`${base}/items/${await itemId(57)}/renumber`, {
        _csrf: csrf,
        number: "５６",
        label: "ク",
      });
      assert.equal(clash.status, 400);
      const clashPage = await clash.text();
      assert.match(clashPage, /<a href="#number">番号 56 はもう使われています<\/a>/u);
      assert.match(inputOf(clashPage, "number"), /value="５６"/u, "the number as typed");
      const unknown = await planner.post(`${base}/measures/${relisted.id}/relisting`, {
        _csrf: csrf,
        originalCode: "ZZ-404",
      });
      assert.equal(unknown.status, 400);
      const unknownPage = await unknown.text();
      assert.match(unknownPage, /<p class="field-error" id="originalCode-error">/u);
      assert.match(inputOf(unknownPage, "originalCode"), /value="ZZ-404"/u);
      assert.deepEqual(await snapshot(store), before, "nothing stored by a refused post");
      assert.equal(await placements(), 0);

      const done = async (path: string, form: Record<string, string> = {}) =>
        assert.equal((await planner.post(path, { _csrf: csrf, ...form })).status, 303, path);
      await done(`${base}/measures/${moved.id}/move`, moveForm);
      await done(`${base}/items/${await itemId(58)}/renumber`, { number: "958", label: "ケ" });
      await done(`${base}/measures/${relisted.id}/relisting`, { originalCode: original.code });
      await done(`${base}/measures/${retired.id}/retire`);
      const groupOf = async (number: number) =>
        store.db
          .selectFrom("plan_group as g")
          .innerJoin("item as i", "i.group_id", "g.id")
          .select(["g.id", "g.title"])
          .where("i.number", "=", number)
          .executeTakeFirstOrThrow();
      const from = await groupOf(57);
      const to = await groupOf(25);
      await done(`${base}/items/${await itemId(57)}/move`, { parentId: String(to.id) });
      const topGroup = await store.db
        .selectFrom("plan_group")
        .select(["id", "number"])
        .where("parent_id", "is", null)
        .orderBy("number", "desc")
        .executeTakeFirstOrThrow();
      await done(`${base}/groups/${topGroup.id}/renumber`, { number: "9", label: "IX" });
      const again = await planner.post(`${base}/measures/${retired.id}/retire`, { _csrf: csrf });
      assert.equal(again.status, 400, "a measure is retired once");

      const page = async (path: string) => {
        const res = await app.request(path);
        return { status: res.status, body: await res.text() };
      };
      const has = (body: string, code: string) => body.includes(`id="measure-${code}"`);
      const beforePublish = await page(`/plans/${planSlug}/items/56`);
      assert.ok(has(beforePublish.body, moved.code), "not moved on the public site yet");
      assert.equal((await page(`/plans/${planSlug}/items/958`)).status, 404);
      assert.ok(has((await page(`/plans/${planSlug}/items/30`)).body, retired.code));

      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        publishedOn: "2014-05-01",
      });
      assert.ok(!has((await page(`/plans/${planSlug}/items/56`)).body, moved.code));
      assert.ok(has((await page(`/plans/${planSlug}/items/57`)).body, moved.code));
      assert.equal((await page(`/plans/${planSlug}/items/958`)).status, 200);
      assert.equal((await page(`/plans/${planSlug}/items/58`)).status, 404);
      const item25 = (await page(`/plans/${planSlug}/items/25`)).body;
      assert.match(
        (item25.split(`id="measure-${relisted.code}"`)[1] ?? "").split("</section>")[0] ?? "",
        /class="relisting-note"/u,
        "shown as a re-listing",
      );
      assert.ok(!has((await page(`/plans/${planSlug}/items/30`)).body, retired.code));
      const crumbs = (body: string) =>
        body.split('class="breadcrumbs"')[1]?.split("</ol>")[0] ?? "";
      assert.match(
        crumbs((await page(`/plans/${planSlug}/items/57`)).body),
        new RegExp(to.title, "u"),
      );
      assert.equal((await page(`/plans/${planSlug}/pillars/9`)).status, 200);
      assert.equal((await page(`/plans/${planSlug}/pillars/${topGroup.number}`)).status, 404);

      const earlier = (path: string) => page(`/plans/${planSlug}${path}?period=2013-09-30`);
      assert.ok(has((await earlier("/items/56")).body, moved.code), "where it stood then");
      assert.ok(!has((await earlier("/items/57")).body, moved.code));
      assert.equal((await earlier("/items/58")).status, 200);
      assert.equal((await earlier("/items/958")).status, 404);
      assert.ok(has((await earlier("/items/30")).body, retired.code), "kept in its periods");
      assert.match(crumbs((await earlier("/items/57")).body), new RegExp(from.title, "u"));
      assert.equal((await earlier(`/pillars/${topGroup.number}`)).status, 200);
      assert.equal((await earlier("/pillars/9")).status, 404);
      const then25 = (await earlier("/items/25")).body;
      assert.doesNotMatch(
        (then25.split(`id="measure-${relisted.code}"`)[1] ?? "").split("</section>")[0] ?? "",
        /class="relisting-note"/u,
      );

      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-09-30", deadline: null });
      const drafts = await store.db
        .selectFrom("progress")
        .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
        .select("progress.id")
        .where("progress.measure_id", "=", retired.id)
        .where("p.as_of", "=", "2014-09-30")
        .execute();
      assert.deepEqual(drafts, [], "no draft for a retired measure in a later period");
      assert.deepEqual((await snapshot(store)).events, [
        "structure.move",
        "structure.renumber",
        "structure.relist",
        "structure.retire",
        "structure.move",
        "structure.renumber",
      ]);
      const audit = await (await (await signedIn(app, "admin")).get("/staff/audit")).text();
      for (const name of ["構成の移動", "番号の変更", "再掲の設定", "取組の廃止"])
        assert.match(audit, new RegExp(name, "u"), `the audit trail names ${name}`);
    } finally {
      await store.dispose();
    }
  });
  it("shows the new-plan form, the structure and a part's page in English, the plan's titles and names marked lang=ja, a command's refusal marked lang=ja", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const planner = await signedIn(app, "planner");
      await planner.get("/language?lang=en&next=/staff");
      const base = `/staff/plans/${planSlug}/structure`;

      const newPlan = await (await planner.get("/staff/new-plan")).text();
      assert.match(newPlan, /<html lang="en">/u);
      assert.match(newPlan, /<h1>Create a plan<\/h1>/u);
      assert.match(newPlan, /<legend>Levels<\/legend>/u);
      assert.match(newPlan, /<textarea id="levels" name="levels" rows="6"[^>]* lang="ja">/u);
      assert.match(newPlan, /<label for="statusPreset-default">Standard \(<span lang="ja">/u);
      assert.match(newPlan, /<button type="submit">Create the plan<\/button>/u);
      assert.deepEqual(untranslatedIn(newPlan), [], "no Japanese UI text on the English form");
      const csrf = csrfOf(newPlan);

      const item56 = await store.db
        .selectFrom("item")
        .select(["id", "group_id"])
        .where("number", "=", 56)
        .executeTakeFirstOrThrow();
      const department = await store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", "保育幼稚園課")
        .executeTakeFirstOrThrow();
      const added = await planner.post(`${base}/measures`, {
        _csrf: csrf,
        "measure-itemId": String(item56.id),
        "measure-code": "N-1",
        "measure-title": "新しい取組",
        "measure-departmentId": String(department.id),
      });
      assert.equal(added.headers.get("location"), `${base}?done=measure`);
      const plan = await store.db
        .selectFrom("plan")
        .select("title")
        .where("slug", "=", planSlug)
        .executeTakeFirstOrThrow();
      const structure = await (await planner.get(`${base}?done=measure`)).text();
      assert.match(structure, /<html lang="en">/u);
      assert.match(
        structure,
        new RegExp(`<h1>Structure of <span lang="ja">${plan.title}</span></h1>`, "u"),
      );
      assert.match(structure, /<p class="notice" role="status">Added\.<\/p>/u);
      assert.match(structure, /The reporting period as of 31 March 2014 \(Heisei 26\) is open\./u);
      assert.match(structure, /<dd>FY\d{4} \(Heisei \d+\) to FY\d{4} \(Heisei \d+\)<\/dd>/u);
      assert.match(
        structure,
        /N-1 <span lang="ja">新しい取組<\/span> \(<span lang="ja">保育幼稚園課<\/span>\) <span class="badge">Added in the period as of 31 March 2014 \(Heisei 26\)<\/span>/u,
      );
      assert.match(
        structure,
        /<h2 id="item-form-title">Add an item \(<span lang="ja">[^<]+<\/span>\)<\/h2>/u,
      );
      assert.match(
        structure,
        new RegExp(`<option value="${department.id}" lang="ja">保育幼稚園課</option>`, "u"),
      );
      assert.match(
        structure,
        /<h2 id="span-form-title">Add the next fiscal year to the roadmap<\/h2>/u,
      );
      assert.deepEqual(
        untranslatedIn(structure),
        [],
        "no Japanese UI text on the English structure",
      );

      const measure = await store.db
        .selectFrom("measure")
        .select("id")
        .where("code", "=", "N-1")
        .executeTakeFirstOrThrow();
      const measurePage = await (await planner.get(`${base}/measures/${measure.id}`)).text();
      assert.match(measurePage, /<h1>Change “<span lang="ja">N-1 新しい取組<\/span>”<\/h1>/u);
      assert.match(measurePage, /<h2 id="relisting-title">Relisting<\/h2>/u);
      assert.match(
        measurePage,
        /<button type="submit" class="button-secondary">Retire this measure<\/button>/u,
      );
      assert.deepEqual(untranslatedIn(measurePage), []);

      const group = await (await planner.get(`${base}/groups/${item56.group_id}`)).text();
      assert.match(group, /<label for="label">Number as shown<\/label>/u);
      assert.deepEqual(untranslatedIn(group), []);

      const item57 = await store.db
        .selectFrom("item")
        .select("id")
        .where("number", "=", 57)
        .executeTakeFirstOrThrow();
      const clash = await planner.post(`${base}/items/${item57.id}/renumber`, {
        _csrf: csrf,
        number: "56",
        label: "",
      });
      assert.equal(clash.status, 400);
      const clashPage = await clash.text();
      assert.match(clashPage, /<title>Error: /u);
      assert.match(clashPage, /<h2 id="error-summary-title">There is a problem<\/h2>/u);
      assert.match(clashPage, /<h2 id="renumber-title">Renumber<\/h2>/u);
      assert.match(
        clashPage,
        /<a href="#number"><span lang="ja">番号 56 はもう使われています<\/span><\/a>/u,
        "the command's refusal in Japanese, marked as such on the English page",
      );
      assert.match(
        clashPage,
        /<span class="visually-hidden">Error: <\/span><span lang="ja">番号 56 はもう使われています<\/span><\/p>/u,
      );
    } finally {
      await store.dispose();
    }
  });
});
