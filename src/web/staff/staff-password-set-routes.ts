import type { Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import {
  passwordSetLinkHolder,
  setPasswordByLink,
} from "../../commands/accounts/password-set-link.ts";
import { isLoginFormToken, loginFormToken } from "../../commands/auth/login-form-token.ts";
import { serverSecret } from "../../commands/auth/server-secret.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { type PasswordProblemCode, passwordProblem } from "../../domain/password-policy.ts";
import type { Store } from "../../store/store.ts";
import { clientAddress } from "../middleware/client-address.ts";
import { trustedProxies } from "../middleware/trusted-proxies.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { type StaffTextKey, staffText } from "../views/staff/staff-text.ts";
import { accountText } from "./account-text.ts";
import { linkRefusedPage, passwordSetDonePage, passwordSetPage } from "./password-set-page.ts";
import type { StaffEnv } from "./staff-env.ts";

/** The double-submit cookie of the password-set form, which has no session to carry a token. */
const SET_PASSWORD_CSRF_COOKIE = "shinchoku_set_password_csrf";

/** The page's words for each reason the password policy gives (as on the password page). */
const PROBLEM_TEXT: Record<PasswordProblemCode, StaffTextKey> = {
  tooShort: "passwordTooShort",
  tooLong: "passwordTooLong",
  oneCharacter: "passwordOneCharacter",
  personal: "passwordPersonal",
  common: "passwordCommon",
  guessable: "passwordGuessable",
};

/**
 * `/staff/set-password?token=…`: the page a password-set link opens, before any session (these
 * routes are registered ahead of the session guard). The token is checked on the page and again
 * in the command's transaction, which uses it up: an expired, used or replaced link shows one
 * refusal page (410). The form is guarded by a signed double-submit cookie, like the login form;
 * the password policy applies with the person's login and name as known words.
 */
export function staffPasswordSetRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const proxies = trustedProxies();
  const secret = () => serverSecret(store, "login-form");
  const issueCsrf = async (c: Context<StaffEnv>) => {
    const csrf = loginFormToken(await secret());
    setCookie(c, SET_PASSWORD_CSRF_COOKIE, csrf, {
      path: "/staff",
      httpOnly: true,
      sameSite: "Strict",
      secure: clientAddress(c, proxies).https,
    });
    return csrf;
  };
  const refused = (c: Context<StaffEnv>) => c.html(linkRefusedPage(pageContext(c)), 410);

  const render = async (c: Context<StaffEnv>, token: string, errors: FieldErrors) => {
    const holder = await passwordSetLinkHolder(store, token);
    if (!holder) return refused(c);
    return c.html(
      passwordSetPage(pageContext(c), {
        token,
        csrf: await issueCsrf(c),
        login: holder.login,
        displayName: holder.displayName,
        expiresAt: holder.expiresAt,
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/set-password", (c) => render(c, c.req.query("token") ?? "", {}));

  staff.post("/set-password", async (c) => {
    const body = await c.req.parseBody();
    const text = (name: string) =>
      typeof body[name] === "string" ? (body[name] as string).slice(0, 1000) : "";
    const token = text("token");
    const lang = pageContext(c).lang;
    if (!isLoginFormToken(await secret(), getCookie(c, SET_PASSWORD_CSRF_COOKIE), text("_csrf")))
      return render(c, token, { password: accountText(lang, "staleForm") });
    const holder = await passwordSetLinkHolder(store, token);
    if (!holder) return refused(c);
    const password = text("password");
    const errors: FieldErrors = {};
    // Checked here to answer in the reader's language; the command checks again.
    if (password === "") errors.password = accountText(lang, "setPasswordMissing");
    else {
      const problem = await passwordProblem(password, {
        login: holder.login,
        displayName: holder.displayName,
      });
      if (problem) errors.password = staffText(lang, PROBLEM_TEXT[problem.code]);
      else if (text("confirmation") !== password)
        errors.confirmation = accountText(lang, "setPasswordMismatch");
    }
    if (Object.keys(errors).length > 0) return render(c, token, errors);
    try {
      await setPasswordByLink(store, { token, password });
    } catch (error) {
      if (error instanceof ShinchokuError && error.location.field === "token") return refused(c);
      if (error instanceof ShinchokuError && error.id === "invalid_input")
        return render(c, token, { password: error.message });
      throw error;
    }
    return c.html(passwordSetDonePage(pageContext(c)));
  });
}
