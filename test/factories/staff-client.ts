import assert from "node:assert/strict";
import type { createApp } from "../../src/web/app.ts";
import { PASSWORD } from "./staff.ts";

type App = ReturnType<typeof createApp>;

/** A browser-like client of the app for route tests: keeps cookies, posts forms. */
export function staffClient(app: App) {
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
    get: async (path: string, headers: Record<string, string> = {}) =>
      remember(await app.request(path, { headers: { ...headers, cookie: cookieHeader() } })),
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

export type StaffClient = ReturnType<typeof staffClient>;

/** The CSRF token of the first staff form in a page. */
export const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/u.exec(body)?.[1] ?? "";

/** A client signed in through the login form. */
export async function signedIn(app: App, login: string, password = PASSWORD) {
  const browser = staffClient(app);
  const form = await (await browser.get("/staff/login")).text();
  const res = await browser.post("/staff/login", {
    _csrf: csrfOf(form),
    login,
    password,
    next: "/staff",
  });
  assert.equal(res.status, 303, `${login} signs in`);
  return browser;
}
