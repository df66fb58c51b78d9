import type { Context, Hono } from "hono";
import { issueApiToken, revokeApiToken } from "../../commands/api/api-token-issuer.ts";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { can } from "../../domain/staff-policy.ts";
import { listApiTokens } from "../../store/queries/api-token-list-query.ts";
import { listDepartments } from "../../store/queries/department-list-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import { accountText, accountTextWith } from "./account-text.ts";
import type { StaffEnv } from "./staff-env.ts";
import { type TokenForm, tokenListPage } from "./token-pages.ts";

type C = Context<StaffEnv>;

const field = (body: Record<string, unknown>, name: string, max: number) =>
  typeof body[name] === "string" ? (body[name] as string).slice(0, max) : "";

/**
 * `/staff/tokens`: administrators issue API tokens to departments (the token shown once, on the
 * answer to the post), list them and revoke them, under the same rules as `shinchoku token`.
 * Everyone else — a planner included — gets 403 before anything is read.
 */
export function staffTokenRoutes(staff: Hono<StaffEnv>, store: Store): void {
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
  const render = async (
    c: C,
    session: StaffSession,
    values: TokenForm,
    errors: FieldErrors,
    extra: { notice?: string; issued?: { name: string; department: string; token: string } } = {},
  ) =>
    c.html(
      tokenListPage(pageContext(c), {
        session,
        tokens: await listApiTokens(store.db, session.actor.organizationId),
        departments: await listDepartments(store.db, session.actor.organizationId),
        values,
        errors,
        ...extra,
      }),
      Object.keys(errors).length > 0 ? 400 : extra.issued ? 201 : 200,
    );

  staff.get("/tokens", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const tokens = await listApiTokens(store.db, session.actor.organizationId);
    const revoked = tokens.find((t) => String(t.id) === c.req.query("revoked"));
    return render(
      c,
      session,
      { departmentId: "", name: "" },
      {},
      {
        ...(revoked
          ? { notice: accountTextWith(pageContext(c).lang, "revoked", { name: revoked.name }) }
          : {}),
      },
    );
  });

  staff.post("/tokens", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const lang = pageContext(c).lang;
    const body = await c.req.parseBody();
    const values = {
      departmentId: field(body, "departmentId", 20),
      name: field(body, "name", 300),
    };
    const departments = await listDepartments(store.db, session.actor.organizationId);
    const department = departments.find((d) => String(d.id) === values.departmentId);
    const errors: FieldErrors = {};
    if (!department) errors.departmentId = accountText(lang, "departmentUnknown");
    const name = values.name.trim();
    if (name === "" || name.length > 100) errors.name = accountText(lang, "tokenNameMissing");
    if (!department || Object.keys(errors).length > 0) return render(c, session, values, errors);
    try {
      const issued = await issueApiToken(store, session.actor, {
        department: department.name,
        name,
      });
      return render(
        c,
        session,
        { departmentId: "", name: "" },
        {},
        {
          issued: { name: issued.name, department: issued.department, token: issued.token },
        },
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      if (error instanceof ShinchokuError && error.id === "not_found")
        return render(c, session, values, { departmentId: accountText(lang, "departmentUnknown") });
      if (error instanceof ShinchokuError && error.id === "invalid_input")
        return render(c, session, values, { name: accountText(lang, "tokenNameMissing") });
      throw error;
    }
  });

  staff.post("/tokens/:id/revoke", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const raw = c.req.param("id");
    const lang = pageContext(c).lang;
    // Another organization's token is as unknown as one that never was.
    const mine = (await listApiTokens(store.db, session.actor.organizationId)).find(
      (t) => String(t.id) === raw,
    );
    if (!mine) return c.text(staffText(lang, "notFound"), 404);
    try {
      await revokeApiToken(store, session.actor, { id: mine.id });
      return c.redirect(`/staff/tokens?revoked=${mine.id}`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      if (error instanceof ShinchokuError && error.id === "invalid_state")
        return render(
          c,
          session,
          { departmentId: "", name: "" },
          {},
          {
            notice: accountText(lang, "alreadyRevoked"),
          },
        );
      throw error;
    }
  });
}
