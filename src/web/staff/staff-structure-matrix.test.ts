import assert from "node:assert/strict";
import { it } from "node:test";
import { plainMeasures } from "../../../test/factories/plain-measures.ts";
import { staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, type StaffClient, signedIn } from "../../../test/factories/staff-client.ts";
import { storeSnapshot } from "../../../test/factories/store-snapshot.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { changeIndicator } from "../../commands/cycle/indicator-definer.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { createApp } from "../app.ts";

const ROLES = ["admin", "planner", "nursery", "transport", "viewer", "outsider"] as const;
type Role = (typeof ROLES)[number];

/** What the pages answer: the allowed get the page (200) or are sent on (303). */
const ALLOWED = new Set<Role>(["admin", "planner"]);

/** A filled-in indicator form (valid, so that only who posts it decides). */
const indicatorForm = (owner: string, name: string) => ({
  owner,
  name,
  unit: "人",
  kind: "成果指標",
  direction: "increase",
  baselineYear: "平成23年度",
  baselineValue: "1000",
  "target-2013": "1500",
  finalYear: "",
  finalValue: "",
  source: "",
  achievementForm: "auto",
});

forEachStore("the structure and indicator pages", (dialect) => {
  it("answer administrators and the planning division, refuse editors, the viewer and another city's planner (403, or 404 for a plan they cannot see) and store nothing of a refused post (role × route matrix)", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const item = async (number: number) =>
        store.db
          .selectFrom("item")
          .select(["id", "group_id"])
          .where("number", "=", number)
          .executeTakeFirstOrThrow();
      const item56 = await item(56);
      const item57 = await item(57);
      const nurseryId = (
        await store.db
          .selectFrom("department")
          .select("id")
          .where("name", "=", "保育幼稚園課")
          .where("organization_id", "=", staff.admin.organizationId)
          .executeTakeFirstOrThrow()
      ).id;
      const [moved] = await plainMeasures(store, 56);
      const [relisted] = await plainMeasures(store, 25);
      const [original] = await plainMeasures(store, 26);
      const retired = [...(await plainMeasures(store, 30)), ...(await plainMeasures(store, 28))];
      assert.ok(moved && relisted && original && retired.length >= 2, "measures to change");
      const indicators: string[] = [];
      for (const name of ["管理者の指標", "企画課の指標"])
        indicators.push(
          (
            await changeIndicator(store, staff.admin, planSlug, {
              action: "define",
              owner: `measure:${moved.code}`,
              form: {
                name,
                unit: "人",
                kind: "成果指標",
                direction: "increase",
                source: "",
                achievementForm: "auto",
                baselineYear: "2011",
                baselineValue: "1000",
                targets: { 2013: "1500" },
                finalYear: "",
                finalValue: "",
              },
            })
          ).code,
        );

      const clients = new Map<Role, { client: StaffClient; csrf: string }>();
      for (const role of ROLES) {
        const client = await signedIn(app, role);
        clients.set(role, {
          client,
          csrf: csrfOf(await (await client.get("/staff/password")).text()),
        });
      }
      const structure = `/staff/plans/${planSlug}/structure`;
      const indicatorBase = `/staff/plans/${planSlug}/indicators`;
      /** The value an allowed role posts (the administrator's, then the planner's). */
      const per = <T>(role: Role, admin: T, planner: T) => (role === "planner" ? planner : admin);

      const PAGES: Array<{ path: string; outsider?: number }> = [
        { path: "/staff/new-plan", outsider: 200 },
        { path: structure },
        { path: `${structure}/items/${item56.id}` },
        { path: `${structure}/measures/${moved.id}` },
        { path: `${indicatorBase}/new`, outsider: 404 },
        { path: `${indicatorBase}/${indicators[0]}/edit`, outsider: 404 },
      ];
      const POSTS: Array<{
        name: string;
        path: (role: Role) => string;
        form: (role: Role, n: number) => Record<string, string>;
        outsider?: number;
      }> = [
        {
          name: "create a plan",
          path: () => "/staff/new-plan",
          form: (_r, n) => ({
            title: `窓口改革計画${n}`,
            slug: "",
            levels: "柱\n項目",
            measureLevel: "取組",
            firstFiscalYear: "2024",
            lastFiscalYear: "2027",
            statusPreset: "default",
            statusLines: "",
            firstAsOf: "",
          }),
          // It names no plan: another city's planner makes one in their own city.
          outsider: 303,
        },
        {
          name: "add a group",
          path: () => `${structure}/groups`,
          form: (_r, n) => ({
            "group-parentId": "",
            "group-number": String(100 + n),
            "group-label": "",
            "group-title": `新しい柱${n}`,
          }),
        },
        {
          name: "add an item",
          path: () => `${structure}/items`,
          form: (_r, n) => ({
            "item-groupId": String(item56.group_id),
            "item-number": String(9000 + n),
            "item-label": "",
            "item-title": `新しい項目${n}`,
          }),
        },
        {
          name: "add a measure",
          path: () => `${structure}/measures`,
          form: (_r, n) => ({
            "measure-itemId": String(item56.id),
            "measure-code": "",
            "measure-title": `新しい取組${n}`,
            "measure-departmentId": String(nurseryId),
          }),
        },
        {
          name: "rename an item",
          path: () => `${structure}/items/${item56.id}/title`,
          form: (_r, n) => ({ title: `保育の受け皿${n}` }),
        },
        {
          name: "move a measure",
          path: () => `${structure}/measures/${moved.id}/move`,
          form: (r) => ({ parentId: String(per(r, item57.id, item56.id)) }),
        },
        {
          name: "renumber a group",
          path: () => `${structure}/groups/${item56.group_id}/renumber`,
          form: (_r, n) => ({ number: String(200 + n), label: "" }),
        },
        {
          name: "re-list a measure, and make it an original again",
          path: () => `${structure}/measures/${relisted.id}/relisting`,
          form: (r) => ({ originalCode: per(r, original.code, "") }),
        },
        {
          name: "add a year to the roadmap",
          path: () => `${structure}/span`,
          form: () => ({}),
        },
        {
          name: "retire a measure",
          path: (r) => `${structure}/measures/${per(r, retired[0]?.id, retired[1]?.id)}/retire`,
          form: () => ({}),
        },
        {
          name: "define an indicator",
          path: () => indicatorBase,
          form: (_r, n) => indicatorForm(`item:${item56.id}`, `保育所の定員${n}`),
          outsider: 404,
        },
        {
          name: "revise an indicator",
          path: (r) => `${indicatorBase}/${per(r, indicators[0], indicators[1])}`,
          form: (_r, n) => indicatorForm(`measure:${moved.code}`, `保育所の利用定員${n}`),
          outsider: 404,
        },
        {
          name: "retire an indicator",
          path: (r) => `${indicatorBase}/${per(r, indicators[0], indicators[1])}/retire`,
          form: () => ({}),
          outsider: 404,
        },
      ];

      const results: string[] = [];
      for (const page of PAGES)
        for (const role of ROLES) {
          const { client } = clients.get(role) as { client: StaffClient };
          const expected = ALLOWED.has(role)
            ? 200
            : role === "outsider"
              ? (page.outsider ?? 403)
              : 403;
          const status = (await client.get(page.path)).status;
          results.push(`GET ${page.path} / ${role}: ${status}`);
          assert.equal(status, expected, `GET ${page.path} / ${role}`);
        }
      let n = 0;
      for (const post of POSTS)
        for (const role of ROLES) {
          n++;
          const { client, csrf } = clients.get(role) as { client: StaffClient; csrf: string };
          const expected = ALLOWED.has(role)
            ? 303
            : role === "outsider"
              ? (post.outsider ?? 403)
              : 403;
          const before = expected === 303 ? null : await storeSnapshot(store);
          const res = await client.post(post.path(role), { _csrf: csrf, ...post.form(role, n) });
          results.push(`POST ${post.name} / ${role}: ${res.status}`);
          assert.equal(res.status, expected, `${post.name} / ${role}: ${await res.text()}`);
          if (before)
            assert.deepEqual(
              await storeSnapshot(store),
              before,
              `${post.name} / ${role} changed the store`,
            );
        }
      console.log(
        `structure and indicator routes (${dialect}): ${results.length} cases\n  ${results.join("\n  ")}`,
      );
    } finally {
      await store.dispose();
    }
  });
});
