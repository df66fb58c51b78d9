import assert from "node:assert/strict";
import { it } from "node:test";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import type { createApp } from "../../src/web/app.ts";
import { measureCodeOf, PASSWORD, staffedPlan } from "../factories/staff.ts";
import { csrfOf, staffClient } from "../factories/staff-client.ts";
import { type ServerProcess, startServerProcess } from "../server-process.ts";
import { forEachStore, freshStore } from "../store-targets.ts";

const NEXT = "2014-03-31";

/**
 * One browser (one cookie jar) whose requests go to whichever server `use` names last: what a
 * load balancer without sticky sessions does to a person.
 */
function roamingBrowser(servers: Record<"a" | "b", ServerProcess>) {
  let target = servers.a.base;
  const app = {
    request: (path: string, init: RequestInit = {}) =>
      fetch(`${target}${path}`, { ...init, redirect: "manual" }),
  } as unknown as ReturnType<typeof createApp>;
  const browser = staffClient(app);
  return {
    ...browser,
    use(name: "a" | "b") {
      target = servers[name].base;
      return browser;
    },
  };
}

forEachStore("two app servers on one store", (dialect) => {
  it("share sessions, throttling, drafts and publishing: nothing lives in one server's memory", async () => {
    const store = await freshStore(dialect);
    const started: ServerProcess[] = [];
    try {
      const { planSlug, staff } = await staffedPlan(store);
      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
      const code = await measureCodeOf(store, planSlug, 56);
      const a = await startServerProcess(store.url);
      started.push(a);
      const b = await startServerProcess(store.url);
      started.push(b);
      assert.notEqual(a.base, b.base);

      // Both servers render and keep the public item page before anything changes.
      const itemPath = `/plans/${planSlug}/items/56`;
      const before = await (await fetch(`${b.base}${itemPath}`)).text();
      assert.equal((await fetch(`${a.base}${itemPath}`)).status, 200);
      assert.ok(!before.includes("二台目から保存"), "the new narrative is not public yet");

      // The editor signs in on A; the session cookie is valid on B, where the draft is saved.
      const editor = roamingBrowser({ a, b });
      const loginForm = await (await editor.use("a").get("/staff/login")).text();
      const login = await editor.use("a").post("/staff/login", {
        _csrf: csrfOf(loginForm),
        login: "nursery",
        password: PASSWORD,
        next: "/staff",
      });
      assert.equal(login.status, 303, "signed in on A");
      const editPath = `/staff/plans/${planSlug}/measures/${code}`;
      const form = await editor.use("b").get(editPath);
      assert.equal(form.status, 200, "A's session is valid on B");
      const formHtml = await form.text();
      const version = /name="version" value="(\d+)"/u.exec(formHtml)?.[1] ?? "";
      const saved = await editor.use("b").post(editPath, {
        _csrf: csrfOf(formHtml),
        narrative: "二台目から保存した進捗：保育所の整備を実施中",
        statusCode: "in_progress",
        version,
      });
      assert.equal(saved.status, 303, "saved through B");

      // The planner signs in on B, accepts on A and publishes on B.
      const planner = roamingBrowser({ a, b });
      const plannerForm = await (await planner.use("b").get("/staff/login")).text();
      await planner.use("b").post("/staff/login", {
        _csrf: csrfOf(plannerForm),
        login: "planner",
        password: PASSWORD,
        next: "/staff",
      });
      const review = await (await planner.use("a").get(editPath)).text();
      const reviewVersion = [...review.matchAll(/name="version" value="(\d+)"/gu)].at(-1)?.[1];
      const accepted = await planner.use("a").post(`${editPath}/review`, {
        _csrf: csrfOf(review),
        decision: "accept",
        comment: "",
        version: reviewVersion ?? "",
      });
      assert.equal(accepted.status, 303, "accepted through A");
      const confirmation = await (
        await planner.use("b").get(`/staff/plans/${planSlug}/publish`)
      ).text();
      const published = await planner.use("b").post(`/staff/plans/${planSlug}/publish`, {
        _csrf: csrfOf(confirmation),
        asOf: NEXT,
        publishedOn: "2014-05-01",
        digest: /name="digest" value="([0-9a-f]+)"/u.exec(confirmation)?.[1] ?? "",
        unchanged: "mark",
      });
      assert.equal(published.status, 303, "published through B");

      // At once, both servers show the published period: neither serves its kept old page.
      for (const server of [a, b]) {
        const page = await (await fetch(`${server.base}${itemPath}`)).text();
        assert.ok(page.includes("二台目から保存した進捗"), `${server.base} shows the new period`);
      }

      // Signing out on A ends the session on B too.
      const dashboard = await (await editor.use("a").get("/staff")).text();
      const out = await editor.use("a").post("/staff/logout", { _csrf: csrfOf(dashboard) });
      assert.equal(out.status, 303);
      const afterLogout = await editor.use("b").get(editPath);
      assert.equal(afterLogout.status, 303, "B sends a signed-out person to the login page");
      assert.match(afterLogout.headers.get("location") ?? "", /\/staff\/login/u);

      // Failed logins counted by A and B together: the 21st failure is throttled wherever it lands.
      const guesser = roamingBrowser({ a, b });
      let last = 0;
      for (let i = 0; i < 21; i++) {
        const side = i % 2 === 0 ? "a" : "b";
        const page = await (await guesser.use(side).get("/staff/login")).text();
        last = (
          await guesser.use(side).post("/staff/login", {
            _csrf: csrfOf(page),
            login: "transport",
            password: `wrong password ${i}`,
            next: "/staff",
          })
        ).status;
      }
      assert.equal(last, 429, "failures on both servers add up");
    } finally {
      for (const server of started) {
        server.child.kill("SIGTERM");
        await new Promise((resolve) => server.child.once("exit", resolve));
      }
      await store.dispose();
    }
  });
});
