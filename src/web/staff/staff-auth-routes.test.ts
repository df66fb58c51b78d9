import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { it } from "node:test";
import { PASSWORD, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn, staffClient } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { loginFormToken } from "../../commands/auth/login-form-token.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

type App = ReturnType<typeof createApp>;

/**
 * The app as @hono/node-server runs it for a connection from `peer`, with
 * `SHINCHOKU_TRUSTED_PROXIES` set to `setting` while the app is made (it is read then).
 */
function appFrom(store: Store, peer: string, setting = ""): App {
  const saved = process.env.SHINCHOKU_TRUSTED_PROXIES;
  process.env.SHINCHOKU_TRUSTED_PROXIES = setting;
  try {
    const app = createApp(store);
    const env = { incoming: { socket: { remoteAddress: peer } } };
    return { request: (path: string, init?: RequestInit) => app.request(path, init, env) } as App;
  } finally {
    if (saved === undefined) delete process.env.SHINCHOKU_TRUSTED_PROXIES;
    else process.env.SHINCHOKU_TRUSTED_PROXIES = saved;
  }
}

/** A login through the form, with extra headers on the post (what a proxy or a client adds). */
async function logInWith(
  app: App,
  login: string,
  password: string,
  headers: Record<string, string> = {},
  scheme = "http",
) {
  const url = `${scheme}://localhost/staff/login`;
  const form = await app.request(url, { headers });
  const csrf = csrfOf(await form.text());
  const cookie = (form.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const res = await app.request(url, {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, login, password, next: "/staff" }),
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
  });
  return { form, res };
}

const attemptsFrom = async (store: Store) =>
  (await store.db.selectFrom("login_attempt").select("address").where("success", "=", 0).execute())
    .map((r) => r.address)
    .sort();

forEachStore("the client address behind proxies", (dialect) => {
  it("counts failed logins under the socket's address when a client sends its own X-Forwarded-For, and refuses that address after 20", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = appFrom(store, "::ffff:203.0.113.7");
      for (let i = 0; i < 20; i++) {
        // A new name and a new forged address every time: neither the name lock nor a spoofed
        // address lets the client go on.
        const { res } = await logInWith(app, `guess${i}`, "wrong password!!", {
          "x-forwarded-for": `198.51.100.${i}`,
        });
        assert.equal(res.status, 401, `attempt ${i + 1}`);
      }
      const { res } = await logInWith(app, "planner", PASSWORD, {
        "x-forwarded-for": "192.0.2.200",
      });
      assert.equal(res.status, 429, "the real address is refused, the right password too");
      assert.deepEqual(new Set(await attemptsFrom(store)), new Set(["203.0.113.7"]));
    } finally {
      await store.dispose();
    }
  });

  it("believes a trusted proxy's X-Forwarded-For, taking the right-most address that is not a proxy", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = appFrom(store, "127.0.0.1", "127.0.0.1,10.0.0.0/8");
      const { res } = await logInWith(app, "planner", "wrong password!!", {
        "x-forwarded-for": "192.0.2.1, 198.51.100.23, 10.1.1.1",
      });
      assert.equal(res.status, 401);
      assert.deepEqual(await attemptsFrom(store), ["198.51.100.23"]);
    } finally {
      await store.dispose();
    }
  });

  it("marks the cookies Secure only over HTTPS itself or behind a trusted proxy that says HTTPS", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const https = { "x-forwarded-proto": "https" };
      const cases: Array<[string, App, string, boolean]> = [
        ["a client claiming HTTPS", appFrom(store, "203.0.113.7"), "http", false],
        ["an untrusted proxy", appFrom(store, "10.0.0.2", "127.0.0.1"), "http", false],
        ["a trusted proxy", appFrom(store, "10.0.0.2", "10.0.0.0/8"), "http", true],
        ["HTTPS itself", appFrom(store, "203.0.113.7"), "https", true],
      ];
      for (const [name, app, scheme, secure] of cases) {
        const { form, res } = await logInWith(app, "planner", PASSWORD, https, scheme);
        assert.equal(res.status, 303, name);
        const flag = (response: Response, cookie: string) =>
          response.headers
            .getSetCookie()
            .filter((c) => c.startsWith(`${cookie}=`) && !/Max-Age=0/iu.test(c))
            .map((c) => /;\s*Secure/iu.test(c));
        assert.deepEqual(flag(form, "shinchoku_login_csrf"), [secure], `${name}: login form`);
        assert.deepEqual(flag(res, "shinchoku_session"), [secure], `${name}: session`);
      }
    } finally {
      await store.dispose();
    }
  });

  it("issues the new session cookie of a password change Secure behind a trusted HTTPS proxy", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const behind = staffClient(appFrom(store, "10.0.0.2", "10.0.0.0/8"));
      const https = { "x-forwarded-proto": "https" };
      const form = await behind.get("/staff/login", https);
      await behind.post("/staff/login", {
        _csrf: csrfOf(await form.text()),
        login: "nursery",
        password: PASSWORD,
        next: "/staff",
      });
      const page = await (await behind.get("/staff/password", https)).text();
      const NEW = "a new and longer passphrase";
      const proxied = appFrom(store, "10.0.0.2", "10.0.0.0/8");
      const done = await proxied.request("/staff/password", {
        method: "POST",
        body: new URLSearchParams({
          _csrf: csrfOf(page),
          currentPassword: PASSWORD,
          newPassword: NEW,
          confirmation: NEW,
        }),
        headers: {
          ...https,
          cookie: [...behind.jar].map(([k, v]) => `${k}=${v}`).join("; "),
          "content-type": "application/x-www-form-urlencoded",
        },
      });
      assert.equal(done.status, 303);
      assert.match(done.headers.getSetCookie().join("\n"), /shinchoku_session=[^;]+;.*Secure/iu);
    } finally {
      await store.dispose();
    }
  });

  it("sends a signed-in person, and one signing in, only to a page of this site whatever the next hides", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const browser = await signedIn(app, "planner");
      for (const next of ["%2F%09%2Fevil.example%2F", "/%09%5Cevil.example", "/%5Cevil.example"]) {
        const again = await browser.get(`/staff/login?next=${next}`);
        assert.equal(again.status, 303, next);
        assert.equal(again.headers.get("location"), "/staff", next);
      }
      assert.equal(
        (await browser.get("/staff/login?next=%2Fstaff%2Fpassword")).headers.get("location"),
        "/staff/password",
      );
      const stranger = staffClient(app);
      const form = await (await stranger.get("/staff/login?next=%2F%09%2Fevil.example%2F")).text();
      assert.match(form, /name="next" value="\/staff"/u);
      const res = await stranger.post("/staff/login", {
        _csrf: csrfOf(form),
        login: "planner",
        password: PASSWORD,
        next: "/\t/evil.example/",
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), "/staff");
    } finally {
      await store.dispose();
    }
  });

  it("refuses a login form token this store did not sign, even with a matching field, and accepts its own on another app server", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const post = (app: App, token: string) =>
        app.request("/staff/login", {
          method: "POST",
          body: new URLSearchParams({ _csrf: token, login: "planner", password: PASSWORD }),
          headers: {
            cookie: `shinchoku_login_csrf=${token}`,
            "content-type": "application/x-www-form-urlencoded",
          },
        });
      const app = createApp(store);
      const genuine = csrfOf(await (await app.request("/staff/login")).text());
      const [nonce] = genuine.split(".");
      for (const planted of [
        "planted-by-a-sibling-subdomain",
        `${nonce}.forged`,
        `${nonce}.${genuine.split(".")[1]}.extra`,
        loginFormToken(randomBytes(32)), // signed, but with another store's secret
      ]) {
        const res = await post(app, planted);
        assert.equal(res.status, 403, planted);
        assert.ok(
          !res.headers.getSetCookie().some((l) => l.startsWith("shinchoku_session=")),
          `no session for ${planted}`,
        );
      }
      // App servers sharing the store sign with the same secret.
      const res = await post(createApp(store), genuine);
      assert.equal(res.status, 303);
      assert.ok(res.headers.getSetCookie().some((l) => l.startsWith("shinchoku_session=")));
    } finally {
      await store.dispose();
    }
  });
});

forEachStore("signing in with a name nobody has", (dialect) => {
  it("answers seven wrong passwords for an unknown name exactly as for a known one, locked after five", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const answers = async (login: string, peer: string) => {
        const app = appFrom(store, peer);
        const seen: Array<[number, string]> = [];
        for (let i = 0; i < 7; i++) {
          const { res } = await logInWith(app, login, "wrong password!!");
          const body = (await res.text())
            .replaceAll(/name="_csrf" value="[^"]+"/gu, 'name="_csrf" value="…"')
            .replaceAll(`value="${login}"`, 'value="…"');
          seen.push([res.status, body]);
        }
        return seen;
      };
      const known = await answers("planner", "203.0.113.10");
      const unknown = await answers("plannerx", "203.0.113.11");
      assert.deepEqual(
        known.map(([status]) => status),
        [401, 401, 401, 401, 401, 429, 429],
      );
      assert.match(known[5]?.[1] ?? "", /このアカウントはしばらく使えません/u);
      assert.deepEqual(unknown, known, "the same statuses and pages, try by try");
      const { res } = await logInWith(appFrom(store, "203.0.113.12"), "planner", PASSWORD);
      assert.equal(res.status, 429, "the known name is locked even for its right password");
    } finally {
      await store.dispose();
    }
  });
});
