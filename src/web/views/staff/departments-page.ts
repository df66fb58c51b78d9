import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { formatItemNumbers } from "../../../domain/item-number-ranges.ts";
import type { departmentAssignments } from "../../../store/queries/department-assignment-query.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { csrfField, type FieldErrors } from "./staff-form.ts";
import { errorSummaryIn, fieldErrorIn, fieldState, staffFrame } from "./staff-frame.ts";
import { staffText, staffTextWith } from "./staff-text.ts";

type Assignments = NonNullable<Awaited<ReturnType<typeof departmentAssignments>>>;

/** What the assignment form holds: as typed, or the defaults. */
export interface AssignmentForm {
  department: string;
  items: string;
  role: "lead" | "contributor";
}

/**
 * The departments of a plan for the planning division: who leads or contributes to which items,
 * the items still without a lead, and the form that assigns items to a department.
 */
export function departmentsPage(
  page: PageContext,
  input: {
    session: StaffSession;
    assignments: Assignments;
    values: AssignmentForm;
    errors: FieldErrors;
    notice?: string;
  },
) {
  const { lang } = page;
  const { assignments, values, errors } = input;
  const { plan } = assignments;
  const base = `/staff/plans/${encodeURIComponent(plan.slug)}`;
  const items = (numbers: number[]) => (numbers.length > 0 ? formatItemNumbers(numbers) : "—");
  const option = (role: "lead" | "contributor", key: "roleLead" | "roleContributor") =>
    html`<option value="${role}"${values.role === role ? " selected" : ""}>${staffText(lang, key)}</option>`;
  return staffFrame(page, {
    session: input.session,
    title: staffText(lang, "departmentsTitle"),
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: base, label: staffText(lang, "cycle") },
    ],
    body: html`<h1>${staffText(lang, "departmentsTitle")}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummaryIn(lang, errors)}
<p>${staffText(lang, "departmentsIntro")}</p>
${
  assignments.departments.length === 0
    ? html`<p>${staffText(lang, "noDepartments")}</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="departments-caption"><table class="report">
<caption id="departments-caption">${staffTextWith(lang, "departmentsCaption", { plan: plan.title })}</caption>
<thead><tr><th scope="col">${staffText(lang, "colDepartment")}</th><th scope="col">${staffText(lang, "colLeadItems")}</th><th scope="col">${staffText(lang, "colContributorItems")}</th><th scope="col">${staffText(lang, "colMeasureCount")}</th></tr></thead>
<tbody>${assignments.departments.map(
        (d) =>
          html`<tr><th scope="row">${d.name}</th><td>${items(d.leadItems)}</td><td>${items(d.contributorItems)}</td><td>${String(d.measureCount)}</td></tr>`,
      )}</tbody></table></div>`
}
<p>${
      assignments.itemsWithoutLead.length > 0
        ? staffTextWith(lang, "withoutLead", {
            items: formatItemNumbers(assignments.itemsWithoutLead),
          })
        : staffText(lang, "allLed")
    }</p>
<section aria-labelledby="assign-title"><h2 id="assign-title">${staffText(lang, "assignTitle")}</h2>
<form method="post" action="${base}/departments" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<div class="field${errors.department ? " field-has-error" : ""}"><label for="department">${staffText(lang, "assignDepartment")}</label>
<p class="hint" id="department-hint">${staffText(lang, "assignDepartmentHint")}</p>${fieldErrorIn(lang, errors, "department")}
<input id="department" name="department" type="text" list="department-names" maxlength="100" autocomplete="off" value="${values.department}"${fieldState(errors, "department", "department-hint")}>
<datalist id="department-names">${assignments.departments.map((d) => html`<option value="${d.name}"></option>`)}</datalist></div>
<div class="field${errors.items ? " field-has-error" : ""}"><label for="items">${staffText(lang, "assignItems")}</label>
<p class="hint" id="items-hint">${staffText(lang, "assignItemsHint")}</p>${fieldErrorIn(lang, errors, "items")}
<input id="items" name="items" type="text" inputmode="numeric" autocomplete="off" value="${values.items}"${fieldState(errors, "items", "items-hint")}></div>
<div class="field"><label for="role">${staffText(lang, "assignRole")}</label>
<select id="role" name="role">${option("lead", "roleLead")}${option("contributor", "roleContributor")}</select></div>
<button type="submit">${staffText(lang, "assignSubmit")}</button>
</form></section>`,
  });
}
