import type { Context, Hono } from "hono";
import { assignDepartment } from "../../commands/departments/department-assigner.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { formatItemNumbers, parseItemNumbers } from "../../domain/item-number-ranges.ts";
import { can } from "../../domain/staff-policy.ts";
import { departmentAssignments } from "../../store/queries/department-assignment-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { type AssignmentForm, departmentsPage } from "../views/staff/departments-page.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { staffText, staffTextWith } from "../views/staff/staff-text.ts";
import { accountTextWith } from "./account-text.ts";
import type { StaffEnv } from "./staff-env.ts";

type C = Context<StaffEnv>;

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === "string" ? (body[name] as string) : "";

/**
 * `/staff/plans/:slug/departments`: the planning division sees which department leads or
 * contributes to which items, and assigns items to an existing department (an unknown name is
 * refused: departments are created on `/staff/departments`). Only those
 * who may manage departments (planners, administrators) see the page or post the form: 403
 * otherwise, before anything about the plan is looked up.
 */
export function staffDepartmentRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const allowed = (c: C) => {
    const session = c.get("session");
    return session &&
      can(session.actor, "department.manage", { organizationId: session.actor.organizationId })
      ? session
      : null;
  };
  const forbidden = (c: C) => {
    const session = c.get("session");
    return session
      ? c.html(forbiddenPage(pageContext(c), session), 403)
      : c.text(staffText(pageContext(c).lang, "forbidden"), 403);
  };
  const render = async (c: C, values: AssignmentForm, errors: FieldErrors = {}) => {
    const session = allowed(c);
    if (!session) return forbidden(c);
    const lang = pageContext(c).lang;
    const assignments = await departmentAssignments(store.db, c.req.param("slug") ?? "");
    if (!assignments || assignments.plan.organizationId !== session.actor.organizationId)
      return c.text(staffText(lang, "notFound"), 404);
    // After a successful post (303 here): what the department holds now, read from the store.
    const assigned = assignments.departments.find((d) => String(d.id) === c.req.query("assigned"));
    const items = (numbers: number[]) => (numbers.length > 0 ? formatItemNumbers(numbers) : "—");
    const notice = assigned
      ? staffTextWith(lang, "assigned", {
          department: assigned.name,
          lead: items(assigned.leadItems),
          contributor: items(assigned.contributorItems),
        })
      : undefined;
    return c.html(
      departmentsPage(pageContext(c), {
        session,
        assignments,
        values,
        errors,
        ...(notice ? { notice } : {}),
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/plans/:slug/departments", (c) =>
    render(c, { department: "", items: "", role: "lead" }),
  );

  staff.post("/plans/:slug/departments", async (c) => {
    const session = allowed(c);
    if (!session) return forbidden(c);
    const lang = pageContext(c).lang;
    const slug = c.req.param("slug");
    const body = await c.req.parseBody();
    const values: AssignmentForm = {
      department: field(body, "department").slice(0, 200),
      items: field(body, "items").slice(0, 500),
      role: field(body, "role") === "contributor" ? "contributor" : "lead",
    };
    const errors: FieldErrors = {};
    const name = values.department.normalize("NFKC").trim();
    if (name === "" || name.length > 100) errors.department = staffText(lang, "departmentMissing");
    const numbers = parseItemNumbers(values.items);
    if (!numbers) errors.items = staffText(lang, "itemsInvalid");
    const assignments = await departmentAssignments(store.db, slug);
    if (!assignments || assignments.plan.organizationId !== session.actor.organizationId)
      return c.text(staffText(lang, "notFound"), 404);
    const known = new Set(assignments.itemNumbers);
    const unknown = (numbers ?? []).filter((n) => !known.has(n));
    if (unknown.length > 0)
      errors.items = staffTextWith(lang, "itemsUnknown", { items: formatItemNumbers(unknown) });
    if (Object.keys(errors).length > 0 || !numbers) return render(c, values, errors);
    try {
      const done = await assignDepartment(store, session.actor, {
        planSlug: slug,
        department: name,
        itemNumbers: numbers,
        role: values.role,
      });
      return c.redirect(
        `/staff/plans/${encodeURIComponent(slug)}/departments?assigned=${done.departmentId}`,
        303,
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden") return forbidden(c);
      // Departments are created on their own page: a mistyped name is refused, not created.
      if (
        error instanceof ShinchokuError &&
        error.id === "not_found" &&
        error.location.field === "department"
      )
        return render(c, values, {
          department: accountTextWith(lang, "departmentNotFound", { name }),
        });
      if (error instanceof ShinchokuError && error.id === "invalid_input")
        return render(c, values, { [error.location.field ?? "department"]: error.message });
      throw error;
    }
  });
}
