import type { Context, Hono } from "hono";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { createDepartment } from "../../commands/departments/department-creator.ts";
import { mergeDepartment } from "../../commands/departments/department-merger.ts";
import { renameDepartment } from "../../commands/departments/department-renamer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { can } from "../../domain/staff-policy.ts";
import { listDepartments } from "../../store/queries/department-list-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import { accountText, accountTextWith } from "./account-text.ts";
import { departmentListPage, departmentPage } from "./department-pages.ts";
import type { StaffEnv } from "./staff-env.ts";

type C = Context<StaffEnv>;

const field = (body: Record<string, unknown>, name: string, max: number) =>
  typeof body[name] === "string" ? (body[name] as string).slice(0, max) : "";

/**
 * `/staff/departments`: administrators create, rename and merge departments explicitly; nothing
 * else creates one unless told to. Everyone else gets 403 before anything is read.
 */
export function staffDepartmentAdminRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const admin = (c: C): StaffSession | null => {
    const session = c.get("session");
    return session &&
      can(session.actor, "department.define", { organizationId: session.actor.organizationId })
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
  /** A command's refusal of a name, in the reader's language. */
  const nameProblem = (c: C, error: unknown): FieldErrors | null => {
    if (!(error instanceof ShinchokuError)) return null;
    const lang = pageContext(c).lang;
    if (error.id === "conflict") return { name: accountText(lang, "nameTaken") };
    if (error.id === "invalid_input" && error.location.field === "name")
      return { name: accountText(lang, "nameMissing") };
    if (error.id === "invalid_input" && error.location.field === "intoId")
      return { intoId: accountText(lang, "mergeIntoMissing") };
    return null;
  };

  const renderList = async (
    c: C,
    session: StaffSession,
    name: string,
    errors: FieldErrors,
    notice?: string,
  ) =>
    c.html(
      departmentListPage(pageContext(c), {
        session,
        departments: await listDepartments(store.db, session.actor.organizationId),
        name,
        errors,
        ...(notice ? { notice } : {}),
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );

  staff.get("/departments", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const departments = await listDepartments(store.db, session.actor.organizationId);
    const created = departments.find((d) => String(d.id) === c.req.query("created"));
    const notice = created
      ? accountTextWith(pageContext(c).lang, "departmentCreated", { name: created.name })
      : undefined;
    return renderList(c, session, "", {}, notice);
  });

  staff.post("/departments", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const name = field(await c.req.parseBody(), "name", 300);
    try {
      const created = await createDepartment(store, session.actor, { name });
      return c.redirect(`/staff/departments?created=${created.id}`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      const problem = nameProblem(c, error);
      if (problem) return renderList(c, session, name, problem);
      throw error;
    }
  });

  const renderOne = async (
    c: C,
    session: StaffSession,
    id: number,
    values: { name: string; intoId: string } | null,
    errors: FieldErrors = {},
    notice?: string,
  ) => {
    const all = await listDepartments(store.db, session.actor.organizationId);
    const department = all.find((d) => d.id === id);
    if (!department) return notFound(c);
    return c.html(
      departmentPage(pageContext(c), {
        session,
        department,
        others: all.filter((d) => d.id !== id),
        values: values ?? { name: department.name, intoId: "" },
        errors,
        ...(notice ? { notice } : {}),
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/departments/:id", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const id = idOf(c);
    if (id === null) return notFound(c);
    const renamed = c.req.query("done") === "renamed";
    const all = await listDepartments(store.db, session.actor.organizationId);
    const name = all.find((d) => d.id === id)?.name ?? "";
    const notice = renamed ? accountTextWith(pageContext(c).lang, "renamed", { name }) : undefined;
    return renderOne(c, session, id, null, {}, notice);
  });

  staff.post("/departments/:id/rename", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const id = idOf(c);
    if (id === null) return notFound(c);
    const name = field(await c.req.parseBody(), "name", 300);
    try {
      await renameDepartment(store, session.actor, { departmentId: id, name });
      return c.redirect(`/staff/departments/${id}?done=renamed`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      if (error instanceof ShinchokuError && error.id === "not_found") return notFound(c);
      const problem = nameProblem(c, error);
      if (problem) return renderOne(c, session, id, { name, intoId: "" }, problem);
      throw error;
    }
  });

  staff.post("/departments/:id/merge", async (c) => {
    const session = admin(c);
    if (!session) return forbidden(c);
    const id = idOf(c);
    if (id === null) return notFound(c);
    const intoId = field(await c.req.parseBody(), "intoId", 20);
    const values = { name: "", intoId };
    const current = (await listDepartments(store.db, session.actor.organizationId)).find(
      (d) => d.id === id,
    );
    if (!current) return notFound(c);
    values.name = current.name;
    if (!/^\d{1,9}$/u.test(intoId))
      return renderOne(c, session, id, values, {
        intoId: accountText(pageContext(c).lang, "mergeIntoMissing"),
      });
    try {
      const done = await mergeDepartment(store, session.actor, {
        fromId: id,
        intoId: Number(intoId),
      });
      // Shown at once (not through a redirect's query, which anyone could write).
      return renderList(
        c,
        session,
        "",
        {},
        accountTextWith(pageContext(c).lang, "merged", {
          from: done.from,
          into: done.into,
          measures: done.moved.measures,
          accounts: done.moved.accounts,
          tokens: done.moved.apiTokens,
        }),
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      if (
        error instanceof ShinchokuError &&
        error.id === "not_found" &&
        error.location.field === "fromId"
      )
        return notFound(c);
      if (error instanceof ShinchokuError && error.id === "not_found")
        return renderOne(c, session, id, values, {
          intoId: accountText(pageContext(c).lang, "mergeIntoMissing"),
        });
      const problem = nameProblem(c, error);
      if (problem) return renderOne(c, session, id, values, problem);
      throw error;
    }
  });
}
