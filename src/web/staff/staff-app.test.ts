import assert from "node:assert/strict";
import { it } from "node:test";
import { measureCodeOf, PASSWORD, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { createApp } from "../app.ts";

/** A browser-like client of the app: keeps cookies, posts forms. */
function client(app: ReturnType<typeof createApp>) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = (pair ?? "").split("=");
      if (!name) continue;
      if (value === "" || /Max-Age=0/iu.test(line)) jar.delete(name.trim());
      else jar.set(name.trim(), value ?? "");
    }
    return res;
  };
  return {
    jar,
    get: async (path: string) =>
      remember(await app.request(path, { headers: { cookie: cookieHeader() } })),
    post: async (path: string, form: Record<string, string>) =>
      remember(
        await app.request(path, {
          method: "POST",
          body: new URLSearchParams(form),
          headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        }),
      ),
  };
}

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/u.exec(body)?.[1] ?? "";

async function signedIn(app: ReturnType<typeof createApp>, login: string) {
  const browser = client(app);
  const form = await (await browser.get("/staff/login")).text();
  const res = await browser.post("/staff/login", {
    _csrf: csrfOf(form),
    login,
    password: PASSWORD,
    next: "/staff",
  });
  assert.equal(res.status, 303, `${login} signs in`);
  const session = browser.jar.get("shinchoku_session");
  assert.ok(session, "a session cookie");
  assert.match(
    res.headers.getSetCookie().join("\n"),
    /shinchoku_session=[^;]+;.*HttpOnly.*SameSite=Lax/u,
  );
  return browser;
}

forEachStore("the staff pages", (dialect) => {
  it("lets a department editor update their measure through the form, and keeps the text typed when another saved first", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        deadline: "2014-04-20",
      });
      const app = createApp(store);
      const code = await measureCodeOf(store, planSlug, 56);
      const editor = await signedIn(app, "nursery");
      const planner = await signedIn(app, "planner");
      const url = `/staff/plans/${planSlug}/measures/${code}`;

      const editorForm = await (await editor.get(url)).text();
      const plannerForm = await (await planner.get(url)).text();
      assert.match(
        editorForm,
        /新設含む10ヶ所の保育所整備を実施中<\/textarea>/u,
        "the draft starts from the previous period's text",
      );
      const saved = await editor.post(url, {
        _csrf: csrfOf(editorForm),
        version: "1",
        narrative: "保育所整備が完了",
        statusCode: "completed",
      });
      assert.equal(saved.status, 303);

      const collided = await planner.post(url, {
        _csrf: csrfOf(plannerForm),
        version: "1",
        narrative: "企画課が書いた <b>文</b>",
        statusCode: "in_progress",
      });
      assert.equal(collided.status, 409);
      const page = await collided.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(page, /入力内容に問題があります/u);
      assert.match(page, /他の人が先に保存した内容/u);
      assert.match(page, /保育所整備が完了/u, "shows what the other person saved");
      assert.match(
        page,
        /企画課が書いた &lt;b&gt;文&lt;\/b&gt;<\/textarea>/u,
        "keeps what was typed, escaped",
      );
      assert.match(
        page,
        /name="version" value="2"/u,
        "the next save is made on top of what was seen",
      );
    } finally {
      await store.dispose();
    }
  });

  it("refuses a post without, or with a stale, CSRF token, another department's measure, a viewer's post and a logged-out cookie", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const nurseryUrl = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 56)}`;
      const transportUrl = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 29)}`;
      const editor = await signedIn(app, "nursery");
      const form = await (await editor.get(nurseryUrl)).text();
      const token = csrfOf(form);
      const edit = { version: "1", narrative: "変更", statusCode: "" };
      const progressRows = async () =>
        JSON.stringify(await store.db.selectFrom("progress").selectAll().orderBy("id").execute());
      const before = await progressRows();

      assert.equal((await editor.post(nurseryUrl, edit)).status, 403, "no CSRF token");
      assert.equal(
        (await editor.post(nurseryUrl, { ...edit, _csrf: "x".repeat(43) })).status,
        403,
        "a wrong CSRF token",
      );
      assert.equal(
        (await editor.post(transportUrl, { ...edit, _csrf: token })).status,
        403,
        "another department's measure",
      );
      const viewer = await signedIn(app, "viewer");
      const viewerForm = await (await viewer.get(nurseryUrl)).text();
      assert.ok(!viewerForm.includes('<textarea id="narrative"'), "a viewer gets no edit form");
      assert.equal(
        (await viewer.post(nurseryUrl, { ...edit, _csrf: csrfOf(viewerForm) })).status,
        403,
        "a viewer's post",
      );
      assert.equal(
        (await editor.post(nurseryUrl, { ...edit, narrative: "あ".repeat(10_000), _csrf: token }))
          .status,
        400,
        "10,000 characters",
      );

      assert.equal(
        (
          await editor.post(nurseryUrl, {
            ...edit,
            narrative: "x".repeat(300 * 1024),
            _csrf: token,
          })
        ).status,
        413,
        "an oversized body is refused early",
      );

      const stolen = editor.jar.get("shinchoku_session") ?? "";
      assert.equal((await editor.post("/staff/logout", { _csrf: token })).status, 303);
      const replay = await app.request(nurseryUrl, {
        method: "POST",
        body: new URLSearchParams({ ...edit, _csrf: token }),
        headers: {
          cookie: `shinchoku_session=${stolen}`,
          "content-type": "application/x-www-form-urlencoded",
        },
      });
      assert.equal(replay.status, 401, "a logged-out session's cookie is refused");
      assert.equal(
        (await app.request(nurseryUrl, { headers: { cookie: `shinchoku_session=${stolen}` } }))
          .status,
        303,
        "and sent to the login page",
      );
      assert.equal(await progressRows(), before, "nothing stored");
    } finally {
      await store.dispose();
    }
  });

  it("answers a wrong password on the login form with the error summary and the login kept", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const browser = client(app);
      const form = await (await browser.get("/staff/login?next=https://evil.example/")).text();
      assert.match(form, /name="next" value="\/staff"/u, "no redirect away from the site");
      const res = await browser.post("/staff/login", {
        _csrf: csrfOf(form),
        login: "planner",
        password: "wrong password!!",
        next: "/staff",
      });
      assert.equal(res.status, 401);
      const body = await res.text();
      assert.match(body, /<title>エラー：/u);
      assert.match(body, /<a href="#login">ログイン名またはパスワードが違います<\/a>/u);
      assert.match(
        body,
        /id="login" name="login" type="text" autocomplete="username" value="planner"/u,
      );
      assert.equal(
        (
          await browser.post("/staff/login", {
            login: "planner",
            password: PASSWORD,
            next: "/staff",
          })
        ).status,
        403,
        "the login form needs its token too",
      );
    } finally {
      await store.dispose();
    }
  });
  it("lets the planning division revise a roadmap year through the form, and nobody else", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 56)}`;
      const planner = await signedIn(app, "planner");
      const form = await (await planner.get(url)).text();
      assert.match(
        form,
        /<label for="roadmap-2014">平成26年度（2014年度）<\/label>/u,
        "the next fiscal year can be planned",
      );
      const res = await planner.post(`${url}/roadmap`, {
        _csrf: csrfOf(form),
        "roadmap-2012": "保育所整備",
        "roadmap-2013": "⇒",
        "roadmap-2014": "⇒ 小規模保育",
      });
      assert.equal(res.status, 303);
      const revisions = await store.db
        .selectFrom("roadmap_revision")
        .select(["fiscal_year", "text"])
        .where("created_by", "is not", null)
        .execute();
      assert.deepEqual(
        revisions,
        [{ fiscal_year: 2014, text: "⇒ 小規模保育" }],
        "only the changed year is a revision",
      );
      const editor = await signedIn(app, "nursery");
      const editorForm = await (await editor.get(url)).text();
      assert.ok(
        !editorForm.includes('id="roadmap-2014"'),
        "a department editor gets no roadmap form",
      );
      assert.equal(
        (await editor.post(`${url}/roadmap`, { _csrf: csrfOf(editorForm), "roadmap-2014": "—" }))
          .status,
        403,
      );
    } finally {
      await store.dispose();
    }
  });
  it("shows a refused return comment again as typed, and stores nothing of it", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 56)}`;
      const planner = await signedIn(app, "planner");
      const form = await (await planner.get(url)).text();
      const version = /name="version" value="(\d+)"/u.exec(form)?.[1] ?? "";
      const long = "理由".repeat(501);
      const res = await planner.post(`${url}/review`, {
        _csrf: csrfOf(form),
        version,
        decision: "return",
        comment: long,
      });
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.match(page, /<a href="#comment">コメントは1000文字以内にしてください<\/a>/u);
      assert.match(page, new RegExp(`<textarea id="comment"[^>]*>${long}</textarea>`, "u"));
      const returned = await store.db
        .selectFrom("audit_event")
        .select("id")
        .where("action", "like", "progress.%")
        .execute();
      assert.deepEqual(returned, [], "no review recorded");
    } finally {
      await store.dispose();
    }
  });
});
