import type { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { logIn } from "../../commands/auth/login-authenticator.ts";
import { isLoginFormToken, loginFormToken } from "../../commands/auth/login-form-token.ts";
import { serverSecret } from "../../commands/auth/server-secret.ts";
import { endSession } from "../../commands/auth/session-store.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { clientAddress } from "../middleware/client-address.ts";
import { trustedProxies } from "../middleware/trusted-proxies.ts";
import { safeNextPath } from "../safe-next-path.ts";
import { loginPage } from "../views/staff/login-page.ts";
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, type StaffEnv } from "./staff-env.ts";
import { requireSession } from "./staff-guard.ts";

/**
 * Login (a double-submit cookie guards the login form, which has no session yet: a nonce signed
 * with the store's secret, so a cookie planted by a sibling subdomain is refused), logout.
 * The session cookie is HttpOnly, SameSite=Lax, Secure behind HTTPS, and new at every login.
 * The throttled address and HTTPS come from the socket, or from a trusted proxy's headers
 * (`SHINCHOKU_TRUSTED_PROXIES`, read here once: a wrong setting stops the server at start).
 */
export function staffAuthRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const proxies = trustedProxies();
  const loginSecret = () => serverSecret(store, "login-form");
  staff.get("/login", async (c) => {
    if (c.get("session")) return c.redirect(safeNextPath(c.req.query("next"), "/staff"), 303);
    const csrf = loginFormToken(await loginSecret());
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
      path: "/staff",
      httpOnly: true,
      sameSite: "Strict",
      secure: clientAddress(c, proxies).https,
    });
    return c.html(
      loginPage({
        path: "/staff/login",
        next: safeNextPath(c.req.query("next"), "/staff"),
        login: "",
        csrf,
        errors: {},
      }),
    );
  });

  staff.post("/login", async (c) => {
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const next = safeNextPath(text("next"), "/staff");
    const secret = await loginSecret();
    const again = (errors: Record<string, string>, status: 400 | 401 | 403 | 429) => {
      const csrf = loginFormToken(secret);
      setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
        path: "/staff",
        httpOnly: true,
        sameSite: "Strict",
        secure: clientAddress(c, proxies).https,
      });
      return c.html(
        loginPage({ path: "/staff/login", next, login: text("login").slice(0, 64), csrf, errors }),
        status,
      );
    };
    if (!isLoginFormToken(secret, getCookie(c, LOGIN_CSRF_COOKIE), text("_csrf"))) {
      return again({ login: "フォームの有効期限が切れました。もう一度ログインしてください" }, 403);
    }
    const errors: Record<string, string> = {};
    if (text("login").trim() === "") errors.login = "ログイン名を入力してください";
    if (text("password") === "") errors.password = "パスワードを入力してください";
    if (Object.keys(errors).length > 0) return again(errors, 400);
    try {
      const { token } = await logIn(store, {
        login: text("login"),
        password: text("password"),
        address: clientAddress(c, proxies).address,
      });
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/staff" });
      setCookie(c, SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: clientAddress(c, proxies).https,
        maxAge: 8 * 3600,
      });
      return c.redirect(next, 303);
    } catch (error) {
      if (
        error instanceof ShinchokuError &&
        (error.id === "unauthenticated" || error.id === "throttled")
      ) {
        return again({ login: error.message }, error.id === "throttled" ? 429 : 401);
      }
      throw error;
    }
  });

  staff.post("/logout", requireSession(), async (c) => {
    await endSession(store, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/staff/login", 303);
  });
}
