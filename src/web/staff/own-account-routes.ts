import type { Context, Hono } from "hono";
import { updateAccountSettings } from "../../commands/auth/account-settings-updater.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { isMailAddress, normalizeMailAddress } from "../../domain/mail-address.ts";
import { accountSettings } from "../../store/queries/account-settings-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { accountPage } from "../views/staff/account-page.ts";
import { accountText } from "../views/staff/account-text.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import type { StaffEnv } from "./staff-env.ts";

/**
 * `/staff/account`: every signed-in person sets their own e-mail address and turns their
 * reminders on or off. The staff app's guard checks the session and the CSRF token first.
 */
export function ownAccountRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const render = (
    c: Context<StaffEnv>,
    values: { email: string; remindersOn: boolean },
    errors: FieldErrors,
    saved = false,
  ) => {
    const session = c.get("session");
    if (!session) return c.redirect("/staff/login?next=%2Fstaff%2Faccount", 303);
    return c.html(
      accountPage(pageContext(c), { session, values, errors, saved }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/account", async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/staff/login?next=%2Fstaff%2Faccount", 303);
    const stored = await accountSettings(store.db, session.actor.accountId);
    return render(
      c,
      { email: stored.email ?? "", remindersOn: stored.remindersOn },
      {},
      c.req.query("saved") === "1",
    );
  });

  staff.post("/account", async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/staff/login?next=%2Fstaff%2Faccount", 303);
    const body = await c.req.parseBody();
    const values = {
      email: typeof body.email === "string" ? body.email : "",
      remindersOn: body.remindersOn === "1",
    };
    // Checked here too, to answer in the reader's language; the command checks again.
    const email = normalizeMailAddress(values.email);
    if (email !== "" && !isMailAddress(email))
      return render(c, values, { email: accountText(pageContext(c).lang, "emailInvalid") });
    try {
      await updateAccountSettings(store, session.actor, values);
      return c.redirect("/staff/account?saved=1", 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "invalid_input")
        return render(c, values, { [error.location.field ?? "email"]: error.message });
      throw error;
    }
  });
}
