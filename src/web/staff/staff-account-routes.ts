import type { Context, Hono } from "hono";
import { editAccount } from "../../commands/accounts/account-editor.ts";
import { inviteAccount } from "../../commands/accounts/account-inviter.ts";
import { setAccountEnabled } from "../../commands/accounts/account-switch.ts";
import {
  issuePasswordSetLink,
  type PasswordSetLink,
} from "../../commands/accounts/password-set-link.ts";
import type { PasswordSetLinkSender } from "../../commands/accounts/password-set-link-sender.ts";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { isMailAddress, normalizeMailAddress } from "../../domain/mail-address.ts";
import { can, isStaffRole } from "../../domain/staff-policy.ts";
import { listAccounts } from "../../store/queries/account-list-query.ts";
import { listDepartments } from "../../store/queries/department-list-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import {
  type AccountForm,
  accountListPage,
  editAccountPage,
  newAccountPage,
  passwordLinkPage,
} from "./account-pages.ts";
import { type AccountTextKey, accountText, accountTextWith } from "./account-text.ts";
import type { StaffEnv } from "./staff-env.ts";

type C = Context<StaffEnv>;

const field = (body: Record<string, unknown>, name: string, max: number) =>
  typeof body[name] === "string" ? (body[name] as string).slice(0, max) : "";

/** The form's fields as typed, cut to a sane length (the commands check the real limits). */
async function accountForm(c: C): Promise<AccountForm> {
  const body = await c.req.parseBody();
  return {
    login: field(body, "login", 200),
    displayName: field(body, "displayName", 300),
    role: field(body, "role", 50),
    departmentId: field(body, "departmentId", 20),
    email: typeof body.email === "string" ? body.email.slice(0, 300) : null,
  };
}

/** The problems a page can say in the reader's language before the command is asked. */
function formErrors(c: C, values: AccountForm, creating: boolean): FieldErrors {
  const lang = pageContext(c).lang;
  const errors: FieldErrors = {};
  if (
    creating &&
    !/^[a-z0-9._@-]{3,64}$/u.test(values.login.normalize("NFKC").trim().toLowerCase())
  )
    errors.login = accountText(lang, "fieldLoginHint");
  if (values.displayName.normalize("NFKC").trim().length > 100)
    errors.displayName = accountText(lang, "fieldDisplayNameHint");
  if (!isStaffRole(values.role)) errors.role = accountText(lang, "roleUnknown");
  if (values.role === "departmentEditor" && values.departmentId === "")
    errors.departmentId = accountText(lang, "departmentRequired");
  const email = normalizeMailAddress(values.email ?? "");
  if (email !== "" && !isMailAddress(email)) errors.email = accountText(lang, "emailInvalid");
  return errors;
}

/** A command's refusal as a field error in the reader's language, or null when it is no form error. */
function refusalOf(c: C, error: unknown): FieldErrors | null {
  if (!(error instanceof ShinchokuError)) return null;
  const lang = pageContext(c).lang;
  const say = (key: AccountTextKey) => accountText(lang, key);
  if (error.id === "conflict" && error.location.field === "login")
    return { login: say("loginTaken") };
  if (error.id === "invalid_state" && error.location.field === "role")
    return { role: say("lastAdministrator") };
  if (error.id === "invalid_input" && error.location.field === "departmentId")
    return { departmentId: say("departmentUnknown") };
  if (error.id === "invalid_input" && error.location.field === "email")
    return { email: say("emailInvalid") };
  if (error.id === "invalid_input") return { [error.location.field ?? "login"]: error.message };
  return null;
}

const departmentIdOf = (values: AccountForm) =>
  values.role === "departmentEditor" && /^\d{1,9}$/u.test(values.departmentId)
    ? Number(values.departmentId)
    : null;

/**
 * `/staff/accounts`: administrators list, create and edit people's accounts (role, department,
 * display name), disable and enable them, and issue password-set links, shown once on the page
 * and, where mail is configured, also sent by `sender`. Everyone else gets 403 before anything
 * is read. The session guard has checked the session and the CSRF token of every post.
 */
export function staffAccountRoutes(
  staff: Hono<StaffEnv>,
  store: Store,
  sender?: PasswordSetLinkSender,
): void {
  const admin = (c: C): StaffSession | null => {
    const session = c.get("session");
    return session &&
      can(session.actor, "account.manage", { organizationId: session.actor.organizationId })
      ? session
      : null;
  };
  const forbidden = (c: C) => {
    const session = c.get("session");
    return session
      ? c.html(forbiddenPage(pageContext(c), session), 403)
      : c.text(staffText(pageContext(c).lang, "forbidden"), 403);
  };
  const notFound = (c: C) => c.text(staffText(pageContext(c).lang, "notFound"), 404);
  const idOf = (c: C) => {
    const raw = c.req.param("id") ?? "";
    return /^\d{1,9}$/u.test(raw) ? Number(raw) : null;
  };
  const accountOf = async (session: StaffSession, id: number) =>
    (await listAccounts(store.db, session.actor.organizationId, { accountId: id }))[0];

  /** The link's page: its URL from this request's origin, mailed too where a mailer is set. */
  const showLink = async (
    c: C,
    session: StaffSession,
    account: { id: number; login: string; displayName: string },
    link: PasswordSetLink,
    created: boolean,
  ) => {
    const url = new URL(
      `/staff/set-password?token=${encodeURIComponent(link.token)}`,
      c.req.url,
    ).toString();
    let mailed: boolean | null = null;
    if (sender) {
      // The page shows the link either way: a mail server that is down costs the e-mail only.
      mailed = await sender
        .sendPasswordSetLink({
          accountId: account.id,
          login: account.login,
          displayName: account.displayName,
          url,
          expiresAt: link.expiresAt,
        })
        .catch(() => false);
    }
    return c.html(
      passwordLinkPage(pageContext(c), {
        session,
        accountId: account.id,
        login: account.login,
        url,
        expiresAt: link.expiresAt,
        created,
        mailed,
      }),
      created ? 201 : 200,
    );
  };

  staff.get("/accounts", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const accounts = await listAccounts(store.db, session.actor.organizationId);
    return c.html(accountListPage(pageContext(c), { session, accounts }));
  });

  const renderNew = async (c: C, session: StaffSession, values: AccountForm, errors: FieldErrors) =>
    c.html(
      newAccountPage(pageContext(c), {
        session,
        values,
        errors,
        departments: await listDepartments(store.db, session.actor.organizationId),
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );

  staff.get("/accounts/new", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    return renderNew(
      c,
      session,
      { login: "", displayName: "", role: "departmentEditor", departmentId: "", email: "" },
      {},
    );
  });

  staff.post("/accounts/new", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const values = await accountForm(c);
    const errors = formErrors(c, values, true);
    if (Object.keys(errors).length > 0) return renderNew(c, session, values, errors);
    try {
      const created = await inviteAccount(store, session.actor, {
        login: values.login,
        displayName: values.displayName,
        role: values.role,
        departmentId: departmentIdOf(values),
        email: values.email,
      });
      const account = await accountOf(session, created.id);
      if (!account) return notFound(c);
      return showLink(c, session, account, created.link, true);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      const refusal = refusalOf(c, error);
      if (refusal) return renderNew(c, session, values, refusal);
      throw error;
    }
  });

  const renderEdit = async (
    c: C,
    session: StaffSession,
    id: number,
    form: AccountForm | null,
    errors: FieldErrors = {},
    notice?: string,
  ) => {
    const account = await accountOf(session, id);
    if (!account) return notFound(c);
    const values = form ?? {
      login: account.login,
      displayName: account.displayName,
      role: account.role,
      departmentId: account.departmentId === null ? "" : String(account.departmentId),
      email: account.email ?? "",
    };
    return c.html(
      editAccountPage(pageContext(c), {
        session,
        account,
        values,
        errors,
        departments: await listDepartments(store.db, session.actor.organizationId),
        ...(notice ? { notice } : {}),
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  const NOTICES: Record<string, AccountTextKey> = {
    updated: "updated",
    unchanged: "unchanged",
    disabled: "disabled",
    enabled: "enabled",
  };

  staff.get("/accounts/:id", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const id = idOf(c);
    if (id === null) return notFound(c);
    const done = NOTICES[c.req.query("done") ?? ""];
    const account = await accountOf(session, id);
    if (!account) return notFound(c);
    const notice = done
      ? accountTextWith(pageContext(c).lang, done, { login: account.login })
      : undefined;
    return renderEdit(c, session, id, null, {}, notice);
  });

  staff.post("/accounts/:id", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const id = idOf(c);
    if (id === null) return notFound(c);
    const values = await accountForm(c);
    const errors = formErrors(c, values, false);
    if (Object.keys(errors).length > 0) return renderEdit(c, session, id, values, errors);
    try {
      const done = await editAccount(store, session.actor, {
        accountId: id,
        role: values.role,
        departmentId: departmentIdOf(values),
        displayName: values.displayName,
        email: values.email,
      });
      return c.redirect(
        `/staff/accounts/${id}?done=${done.changed ? "updated" : "unchanged"}`,
        303,
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      if (error instanceof ShinchokuError && error.id === "not_found") return notFound(c);
      const refusal = refusalOf(c, error);
      if (refusal) return renderEdit(c, session, id, values, refusal);
      throw error;
    }
  });

  for (const action of ["disable", "enable"] as const) {
    staff.post(`/accounts/:id/${action}`, async (c) => {
      const session = admin(c);
      if (!session) return forbidden(c);
      const id = idOf(c);
      if (id === null) return notFound(c);
      try {
        await setAccountEnabled(store, session.actor, {
          accountId: id,
          enabled: action === "enable",
        });
        return c.redirect(`/staff/accounts/${id}?done=${action}d`, 303);
      } catch (error) {
        if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
        if (error instanceof ShinchokuError && error.id === "not_found") return notFound(c);
        if (error instanceof ShinchokuError && error.id === "invalid_state") {
          const lang = pageContext(c).lang;
          const message =
            error.location.field === "role"
              ? accountText(lang, "lastAdministrator")
              : id === session.actor.accountId
                ? accountText(lang, "selfDisable")
                : error.message;
          // Shown at the top of the account's page; the role field is where the reason lies.
          return renderEdit(c, session, id, null, { role: message });
        }
        throw error;
      }
    });
  }

  staff.post("/accounts/:id/password-link", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const id = idOf(c);
    if (id === null) return notFound(c);
    try {
      const link = await issuePasswordSetLink(store, session.actor, { accountId: id });
      const account = await accountOf(session, id);
      if (!account) return notFound(c);
      return showLink(c, session, account, link, false);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      if (error instanceof ShinchokuError && error.id === "not_found") return notFound(c);
      if (error instanceof ShinchokuError && error.id === "invalid_state")
        return renderEdit(c, session, id, null, { role: error.message });
      throw error;
    }
  });
}
