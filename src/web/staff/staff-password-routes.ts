import type { Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { changePassword } from "../../commands/auth/password-changer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { type PasswordProblemCode, passwordProblem } from "../../domain/password-policy.ts";
import type { Store } from "../../store/store.ts";
import { clientAddress } from "../middleware/client-address.ts";
import { trustedProxies } from "../middleware/trusted-proxies.ts";
import { pageContext } from "../routes/page-context.ts";
import { passwordPage } from "../views/staff/password-page.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { type StaffTextKey, staffText } from "../views/staff/staff-text.ts";
import { SESSION_COOKIE, type StaffEnv } from "./staff-env.ts";

/** The page's words for each reason the password policy gives. */
const PROBLEM_TEXT: Record<PasswordProblemCode, StaffTextKey> = {
  tooShort: "passwordTooShort",
  tooLong: "passwordTooLong",
  oneCharacter: "passwordOneCharacter",
  personal: "passwordPersonal",
  common: "passwordCommon",
  guessable: "passwordGuessable",
};

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === "string" ? (body[name] as string) : "";

/**
 * `/staff/password`: every signed-in person changes their own password. On success every
 * session of the account ends and this browser gets a new session cookie (the old cookie, if
 * copied, opens nothing). The session guard of the staff app checks the session and the CSRF
 * token before these handlers run.
 */
export function staffPasswordRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const proxies = trustedProxies();
  const render = (c: Context<StaffEnv>, errors: FieldErrors, changed = false) => {
    const session = c.get("session");
    if (!session) return c.redirect("/staff/login?next=%2Fstaff%2Fpassword", 303);
    return c.html(
      passwordPage(pageContext(c), { session, errors, changed }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/password", (c) => render(c, {}, c.req.query("changed") === "1"));

  staff.post("/password", async (c) => {
    const session = c.get("session");
    if (!session) return c.text(staffText(pageContext(c).lang, "forbidden"), 401);
    const lang = pageContext(c).lang;
    const body = await c.req.parseBody();
    const change = {
      currentPassword: field(body, "currentPassword"),
      newPassword: field(body, "newPassword"),
      confirmation: field(body, "confirmation"),
      address: clientAddress(c, proxies).address,
    };
    // The rules are checked here too, to answer in the reader's language; the command checks them again.
    const errors: FieldErrors = {};
    if (change.currentPassword === "")
      errors.currentPassword = staffText(lang, "passwordCurrentMissing");
    const problem = await passwordProblem(change.newPassword, {
      login: session.login,
      displayName: session.displayName,
    });
    if (problem) errors.newPassword = staffText(lang, PROBLEM_TEXT[problem.code]);
    else if (change.newPassword === change.currentPassword)
      errors.newPassword = staffText(lang, "passwordSame");
    if (!errors.newPassword && change.confirmation !== change.newPassword)
      errors.confirmation = staffText(lang, "passwordMismatch");
    if (Object.keys(errors).length > 0) return render(c, errors);
    try {
      const { token } = await changePassword(store, session.actor, change);
      setCookie(c, SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: clientAddress(c, proxies).https,
        maxAge: 8 * 3600,
      });
      return c.redirect("/staff/password?changed=1", 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "throttled")
        return c.html(
          passwordPage(pageContext(c), {
            session,
            errors: { currentPassword: staffText(lang, "passwordThrottled") },
            changed: false,
          }),
          429,
        );
      if (error instanceof ShinchokuError && error.location.field === "currentPassword")
        return render(c, { currentPassword: staffText(lang, "passwordCurrentWrong") });
      if (error instanceof ShinchokuError && error.id === "invalid_input")
        return render(c, { [error.location.field ?? "currentPassword"]: error.message });
      throw error;
    }
  });
}
