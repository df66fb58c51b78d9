import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { formatWarekiWithGregorian } from "../../domain/era.ts";
import type {
  PlanStructure,
  StructureGroup,
  StructureItem,
} from "../../store/queries/plan-structure-query.ts";
import { dateText, fiscalYearWithGregorianText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { fillJa, ja, jaAttrFor, jaRuns } from "../views/lang-ja.ts";
import { csrfField, describedBy, type FieldErrors } from "../views/staff/staff-form.ts";
import { errorSummaryIn, fieldErrorIn, staffFrame } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import { type StructureTextKey, structureText } from "./structure-text.ts";

/** The values of the structure page's forms, keyed by field id (`group-title`, `measure-code`). */
export type StructureForm = Record<string, string>;

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const state = (errors: FieldErrors, field: string, hint?: string) => {
  const by = describedBy(errors, field, hint);
  return html`${errors[field] ? html` aria-invalid="true"` : ""}${by ? html` aria-describedby="${by}"` : ""}`;
};
const cls = (errors: FieldErrors, field: string) =>
  errors[field] ? "field field-has-error" : "field";

/** The base URL of a plan's structure pages. */
export const structureBase = (slug: string) => `/staff/plans/${encodeURIComponent(slug)}/structure`;

/** The name a group goes by on the staff pages: its level, label and title. */
export function groupName(s: PlanStructure, g: StructureGroup): string {
  const level = s.groupLevels[g.depth]?.name ?? "";
  return `${level} ${g.label} ${g.title}`.replace(/\s+/gu, " ").trim();
}

export function itemName(s: PlanStructure, i: StructureItem): string {
  const level = s.levels.find((l) => l.key === "item")?.name ?? "項目";
  return `${level} ${i.number === null ? "" : `No.${i.number}`} ${i.label} ${i.title}`
    .replace(/\s+/gu, " ")
    .trim();
}

/** An asOf as the structure pages show it: as stored in Japanese, a full date in English. */
const asOfText = (lang: Lang, isoDate: string) =>
  lang === "ja" ? isoDate : dateText(lang, isoDate, "full");

/** An asOf in a sentence: 和暦 with 西暦 in Japanese, a full date in English. */
const asOfLong = (lang: Lang, isoDate: string) =>
  lang === "ja" ? formatWarekiWithGregorian(isoDate) : dateText(lang, isoDate, "full");

/**
 * A plan's structure for the planning division: where changes go (the open period, or at once
 * for a plan without periods), the tree with a link to rename each part, and the forms that add
 * groups, items and measures and the roadmap's next year. Every form works without script.
 * Titles, level and department names are the plan's data: marked `lang="ja"` on English pages.
 */
export function structurePage(
  page: PageContext,
  input: {
    session: StaffSession;
    structure: PlanStructure;
    values: StructureForm;
    errors: FieldErrors;
    notice?: string;
  },
) {
  const { lang } = page;
  const { structure: s, values, errors } = input;
  const t = (key: StructureTextKey) => structureText(lang, key);
  const fill = (key: StructureTextKey, data: Record<string, string>, japanese: string[] = []) =>
    fillJa(lang, t(key), data, japanese);
  const fieldError = (field: string) => fieldErrorIn(lang, errors, field);
  const base = structureBase(s.plan.slug);
  const csrf = csrfField(input.session.csrfToken);
  const v = (field: string) => values[field] ?? "";
  const itemLevel = s.levels.find((l) => l.key === "item")?.name ?? "項目";
  const measureLevel = s.levels.find((l) => l.key === "measure")?.name ?? "取組";
  const firstLevel = s.groupLevels[0]?.name ?? "";
  const added = (row: { addedIn: string | null }) =>
    row.addedIn
      ? html`<span class="badge">${fill("addedIn", { asOf: asOfText(lang, row.addedIn) })}</span>`
      : "";
  const change = (href: string, name: string) =>
    html`<a href="${href}">${t("change")}<span class="visually-hidden">${fill("changeOf", { name }, ["name"])}</span></a>`;
  const measuresOf = (itemId: number) => s.measures.filter((m) => m.itemId === itemId);
  const itemList = (groupId: number): Html => {
    const items = s.items.filter((i) => i.groupId === groupId);
    if (items.length === 0) return html``;
    return html`<ul>${items.map(
      (
        i,
      ) => html`<li>${ja(lang, itemName(s, i))} ${added(i)} ${change(`${base}/items/${i.id}`, itemName(s, i))}
${
  measuresOf(i.id).length === 0
    ? ""
    : html`<ul>${measuresOf(i.id).map(
        (m) =>
          html`<li>${m.code} ${ja(lang, m.title)}${m.department ? fill("department", { department: m.department }, ["department"]) : ""}${m.relistingOf ? fill("relistingOf", { code: m.relistingOf }) : ""} ${added(m)}${m.retiredIn ? html`<span class="badge">${fill("retiredFrom", { asOf: asOfText(lang, m.retiredIn) })}</span>` : ""} ${change(`${base}/measures/${m.id}`, m.code)}</li>`,
      )}</ul>`
}</li>`,
    )}</ul>`;
  };
  const groupList = (parentId: number | null): Html => {
    const groups = s.groups.filter((g) => g.parentId === parentId);
    if (groups.length === 0) return html``;
    return html`<ul>${groups.map(
      (g) =>
        html`<li>${ja(lang, groupName(s, g))} ${added(g)} ${change(`${base}/groups/${g.id}`, groupName(s, g))}${groupList(g.id)}${itemList(g.id)}</li>`,
    )}</ul>`;
  };
  const parents = s.groups.filter((g) => g.depth < s.groupLevels.length - 1);
  const option = (value: string, label: string, field: string, data = true) =>
    html`<option value="${value}"${v(field) === value ? " selected" : ""}${data ? jaAttrFor(lang, label) : ""}>${label}</option>`;
  const choose = (field: string) => option("", t("choose"), field, false);
  const periodNote = s.open
    ? fill("periodOpen", { asOf: asOfLong(lang, s.open.as_of) })
    : t(s.periods.length === 0 ? "periodNone" : "periodClosed");
  const title = structureText(lang, "structureTitle").replace("{plan}", () => s.plan.title);
  const level = (name: string) => ({ level: name });
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: `/staff/plans/${encodeURIComponent(s.plan.slug)}`, label: staffText(lang, "cycle") },
    ],
    body: html`<h1>${fill("structureTitle", { plan: s.plan.title }, ["plan"])}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummaryIn(lang, errors)}
<section aria-labelledby="about-title"><h2 id="about-title">${t("aboutTitle")}</h2>
<dl>
<dt>${t("aboutLevels")}</dt><dd>${ja(lang, s.levels.map((l) => l.name).join(" › "))}</dd>
<dt>${t("aboutSpan")}</dt><dd>${fill("spanFromTo", { first: fiscalYearWithGregorianText(lang, s.plan.first_fiscal_year), last: fiscalYearWithGregorianText(lang, s.lastFiscalYear) })}</dd>
</dl>
<p id="period"${errors.period ? html` class="field-error"` : ""}>${periodNote}${s.open || s.periods.length === 0 ? "" : html` <a href="/staff/plans/${encodeURIComponent(s.plan.slug)}">${t("openPeriod")}</a>`}</p>
</section>
<section aria-labelledby="tree-title"><h2 id="tree-title">${t("treeTitle")}</h2>
${s.groups.length === 0 ? html`<p>${fill("treeEmpty", level(firstLevel), ["level"])}</p>` : groupList(null)}
</section>
<section aria-labelledby="group-form-title"><h2 id="group-form-title">${fill("addGroups", { levels: s.groupLevels.map((l) => l.name).join(t("levelsJoin")) }, ["levels"])}</h2>
<form method="post" action="${base}/groups" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "group-parentId")}"><label for="group-parentId">${t("parent")}</label>${fieldError("group-parentId")}
<select id="group-parentId" name="group-parentId"${state(errors, "group-parentId")}>${option(
      "",
      structureText(lang, "parentNone").replace("{level}", () => firstLevel),
      "group-parentId",
      false,
    )}${parents.map((g) => option(String(g.id), groupName(s, g), "group-parentId"))}</select></div>
<div class="${cls(errors, "group-number")}"><label for="group-number">${t("number")}</label>
<p class="hint" id="group-number-hint">${t("groupNumberHint")}</p>${fieldError("group-number")}
<input id="group-number" name="group-number" type="text" inputmode="numeric" maxlength="9" autocomplete="off" value="${v("group-number")}"${state(errors, "group-number", "group-number-hint")}></div>
<div class="${cls(errors, "group-label")}"><label for="group-label">${t("groupLabel")}</label>
<p class="hint" id="group-label-hint">${t("groupLabelHint")}</p>${fieldError("group-label")}
<input id="group-label" name="group-label" type="text" maxlength="10" autocomplete="off" value="${v("group-label")}"${state(errors, "group-label", "group-label-hint")}></div>
<div class="${cls(errors, "group-title")}"><label for="group-title">${t("title")}</label>${fieldError("group-title")}
<input id="group-title" name="group-title" type="text" maxlength="300" autocomplete="off" value="${v("group-title")}"${state(errors, "group-title")}${jaAttrFor(lang, v("group-title"))}></div>
<button type="submit">${t("addSubmit")}</button>
</form></section>
<section aria-labelledby="item-form-title"><h2 id="item-form-title">${fill("addItems", level(itemLevel), ["level"])}</h2>
${
  s.groups.length === 0
    ? html`<p>${fill("addFirst", level(firstLevel), ["level"])}</p>`
    : html`<form method="post" action="${base}/items" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "item-groupId")}"><label for="item-groupId">${t("place")}</label>${fieldError("item-groupId")}
<select id="item-groupId" name="item-groupId"${state(errors, "item-groupId")}>${choose("item-groupId")}${s.groups.map((g) => option(String(g.id), groupName(s, g), "item-groupId"))}</select></div>
<div class="${cls(errors, "item-number")}"><label for="item-number">${t("number")}</label>
<p class="hint" id="item-number-hint">${t("itemNumberHint")}</p>${fieldError("item-number")}
<input id="item-number" name="item-number" type="text" inputmode="numeric" maxlength="9" autocomplete="off" value="${v("item-number")}"${state(errors, "item-number", "item-number-hint")}></div>
<div class="${cls(errors, "item-label")}"><label for="item-label">${t("itemLabel")}</label>
<p class="hint" id="item-label-hint">${jaRuns(lang, t("itemLabelHint"))}</p>${fieldError("item-label")}
<input id="item-label" name="item-label" type="text" maxlength="10" autocomplete="off" value="${v("item-label")}"${state(errors, "item-label", "item-label-hint")}${jaAttrFor(lang, v("item-label"))}></div>
<div class="${cls(errors, "item-title")}"><label for="item-title">${t("title")}</label>${fieldError("item-title")}
<input id="item-title" name="item-title" type="text" maxlength="300" autocomplete="off" value="${v("item-title")}"${state(errors, "item-title")}${jaAttrFor(lang, v("item-title"))}></div>
<button type="submit">${t("addSubmit")}</button>
</form>`
}</section>
<section aria-labelledby="measure-form-title"><h2 id="measure-form-title">${fill("addMeasures", level(measureLevel), ["level"])}</h2>
${
  s.items.length === 0
    ? html`<p>${fill("addFirst", level(itemLevel), ["level"])}</p>`
    : s.departments.length === 0
      ? html`<p>${t("noDepartmentsBefore")}<a href="/staff/departments">${t("noDepartmentsLink")}</a>${t("noDepartmentsAfter")}</p>`
      : html`<form method="post" action="${base}/measures" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "measure-itemId")}"><label for="measure-itemId">${ja(lang, itemLevel)}</label>${fieldError("measure-itemId")}
<select id="measure-itemId" name="measure-itemId"${state(errors, "measure-itemId")}>${choose("measure-itemId")}${s.items.map((i) => option(String(i.id), itemName(s, i), "measure-itemId"))}</select></div>
<div class="${cls(errors, "measure-code")}"><label for="measure-code">${t("measureCode")}</label>
<p class="hint" id="measure-code-hint">${t("measureCodeHint")}</p>${fieldError("measure-code")}
<input id="measure-code" name="measure-code" type="text" maxlength="32" autocomplete="off" spellcheck="false" value="${v("measure-code")}"${state(errors, "measure-code", "measure-code-hint")}></div>
<div class="${cls(errors, "measure-title")}"><label for="measure-title">${t("title")}</label>${fieldError("measure-title")}
<input id="measure-title" name="measure-title" type="text" maxlength="500" autocomplete="off" value="${v("measure-title")}"${state(errors, "measure-title")}${jaAttrFor(lang, v("measure-title"))}></div>
<div class="${cls(errors, "measure-departmentId")}"><label for="measure-departmentId">${t("measureDepartment")}</label>
<p class="hint" id="measure-departmentId-hint">${t("measureDepartmentHint")}</p>${fieldError("measure-departmentId")}
<select id="measure-departmentId" name="measure-departmentId"${state(errors, "measure-departmentId", "measure-departmentId-hint")}>${choose("measure-departmentId")}${s.departments.map((d) => option(String(d.id), d.name, "measure-departmentId"))}</select></div>
<button type="submit">${t("addSubmit")}</button>
</form>`
}</section>
<section aria-labelledby="span-form-title"><h2 id="span-form-title">${t("spanTitle")}</h2>
<p id="span"${errors.span ? html` class="field-error"` : ""}>${fill("spanNote", { last: fiscalYearWithGregorianText(lang, s.lastFiscalYear), next: fiscalYearWithGregorianText(lang, s.lastFiscalYear + 1) })}</p>
<form method="post" action="${base}/span" class="staff-form">${csrf}
<button type="submit" class="button-secondary">${fill("spanSubmit", { next: fiscalYearWithGregorianText(lang, s.lastFiscalYear + 1) })}</button>
</form></section>`,
  });
}

/**
 * The page of one group, item or measure: rename it; move an item or a measure; renumber a group
 * or an item; make a measure a re-listing, or retire it. Each form posts on its own.
 */
export function partPage(
  page: PageContext,
  input: {
    session: StaffSession;
    structure: PlanStructure;
    kind: "groups" | "items" | "measures";
    id: number;
    name: string;
    values: StructureForm;
    errors: FieldErrors;
  },
) {
  const { lang } = page;
  const { structure: s, errors, values } = input;
  const t = (key: StructureTextKey) => structureText(lang, key);
  const fill = (key: StructureTextKey, data: Record<string, string>, japanese: string[] = []) =>
    fillJa(lang, t(key), data, japanese);
  const fieldError = (field: string) => fieldErrorIn(lang, errors, field);
  const v = (field: string) => values[field] ?? "";
  const base = structureBase(s.plan.slug);
  const here = `${base}/${input.kind}/${input.id}`;
  const csrf = csrfField(input.session.csrfToken);
  const heading = t("partTitle").replace("{name}", () => input.name);
  const measure = s.measures.find((m) => m.id === input.id);
  const note = s.open
    ? fill("partPeriodOpen", { asOf: asOfLong(lang, s.open.as_of) })
    : t(s.periods.length === 0 ? "partPeriodNone" : "periodClosed");
  const option = (value: string, label: string, field: string, data = true) =>
    html`<option value="${value}"${v(field) === value ? " selected" : ""}${data ? jaAttrFor(lang, label) : ""}>${label}</option>`;
  const itemLevel = s.levels.find((l) => l.key === "item")?.name ?? "項目";
  const renumber =
    input.kind === "measures"
      ? ""
      : html`<section aria-labelledby="renumber-title"><h2 id="renumber-title">${t("renumberTitle")}</h2>
<form method="post" action="${here}/renumber" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "number")}"><label for="number">${t("number")}</label>${fieldError("number")}
<input id="number" name="number" type="text" inputmode="numeric" maxlength="9" autocomplete="off" value="${v("number")}"${state(errors, "number")}></div>
<div class="${cls(errors, "label")}"><label for="label">${t(input.kind === "items" ? "renumberLabelItem" : "renumberLabelGroup")}</label>${fieldError("label")}
<input id="label" name="label" type="text" maxlength="10" autocomplete="off" value="${v("label")}"${state(errors, "label")}${jaAttrFor(lang, v("label"))}></div>
<button type="submit">${t("renumberSubmit")}</button>
</form></section>`;
  const move =
    input.kind === "groups"
      ? ""
      : html`<section aria-labelledby="move-title"><h2 id="move-title">${t("moveTitle")}</h2>
<form method="post" action="${here}/move" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "parentId")}"><label for="parentId">${t("moveTo")}</label>${fieldError("parentId")}
<select id="parentId" name="parentId"${state(errors, "parentId")}>${option("", t("choose"), "parentId", false)}${
          input.kind === "items"
            ? s.groups.map((g) => option(String(g.id), groupName(s, g), "parentId"))
            : s.items.map((i) => option(String(i.id), itemName(s, i), "parentId"))
        }</select></div>
<button type="submit">${t("moveSubmit")}</button>
</form></section>`;
  const measureForms = !measure
    ? ""
    : html`<section aria-labelledby="relisting-title"><h2 id="relisting-title">${t("relistingTitle")}</h2>
<form method="post" action="${here}/relisting" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "originalCode")}"><label for="originalCode">${t("originalCode")}</label>
<p class="hint" id="originalCode-hint">${fill("originalCodeHint", { level: itemLevel }, ["level"])}</p>${fieldError("originalCode")}
<input id="originalCode" name="originalCode" type="text" maxlength="32" autocomplete="off" spellcheck="false" value="${v("originalCode")}"${state(errors, "originalCode", "originalCode-hint")}></div>
<button type="submit">${t("relistingSubmit")}</button>
</form></section>
<section aria-labelledby="retire-title"><h2 id="retire-title">${t("retireTitle")}</h2>
${
  measure.retiredIn
    ? html`<p>${fill("retiredSince", { asOf: asOfText(lang, measure.retiredIn) })}</p>`
    : html`<p id="retire"${errors.retire ? html` class="field-error"` : ""}>${t("retireNote")}</p>
<form method="post" action="${here}/retire" class="staff-form">${csrf}
<button type="submit" class="button-secondary">${t("retireSubmit")}</button>
</form>`
}</section>`;
  return staffFrame(page, {
    session: input.session,
    title: heading,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: base, label: t("structureTitle").replace("{plan}", () => s.plan.title) },
    ],
    body: html`<h1>${fill("partTitle", { name: input.name }, ["name"])}</h1>
${errorSummaryIn(lang, errors)}
<p id="period"${errors.period ? html` class="field-error"` : ""}>${note}</p>
<section aria-labelledby="title-title"><h2 id="title-title">${t("renameTitle")}</h2>
<form method="post" action="${here}/title" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "title")}"><label for="title">${t("newTitle")}</label>${fieldError("title")}
<input id="title" name="title" type="text" maxlength="500" autocomplete="off" value="${v("title")}"${state(errors, "title")}${jaAttrFor(lang, v("title"))}></div>
<button type="submit">${t("renameSubmit")}</button>
</form></section>
${move}${renumber}${measureForms}`,
  });
}
