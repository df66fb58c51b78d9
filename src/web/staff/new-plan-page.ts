import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { STATUS_PRESETS } from "../../commands/structure/plan-creator.ts";
import type { PageContext } from "../routes/page-context.ts";
import { fillJa, jaAttrFor, jaRuns } from "../views/lang-ja.ts";
import { csrfField, describedBy, type FieldErrors } from "../views/staff/staff-form.ts";
import { errorSummaryIn, fieldErrorIn, staffFrame } from "../views/staff/staff-frame.ts";
import { type StructureTextKey, structureText } from "./structure-text.ts";

/** What the new-plan form holds: as typed, or the defaults. */
export interface NewPlanForm {
  title: string;
  slug: string;
  levels: string;
  measureLevel: string;
  firstFiscalYear: string;
  lastFiscalYear: string;
  statusPreset: string;
  statusLines: string;
  firstAsOf: string;
}

export const NEW_PLAN_DEFAULTS: NewPlanForm = {
  title: "",
  slug: "",
  levels: "柱\n区分\n項目",
  measureLevel: "取組",
  firstFiscalYear: "",
  lastFiscalYear: "",
  statusPreset: "default",
  statusLines: STATUS_PRESETS.default.map((s) => s.name).join("\n"),
  firstAsOf: "",
};

const state = (errors: FieldErrors, field: string, hint?: string) => {
  const by = describedBy(errors, field, hint);
  return html`${errors[field] ? html` aria-invalid="true"` : ""}${by ? html` aria-describedby="${by}"` : ""}`;
};

const cls = (errors: FieldErrors, field: string) =>
  errors[field] ? "field field-has-error" : "field";

/** The form that makes an empty plan of the organization (planning division, administrators). */
export function newPlanPage(
  page: PageContext,
  input: {
    session: StaffSession;
    values: NewPlanForm;
    errors: FieldErrors;
  },
) {
  const { lang } = page;
  const { values: v, errors } = input;
  const t = (key: StructureTextKey) => structureText(lang, key);
  const fieldError = (field: string) => fieldErrorIn(lang, errors, field);
  // What is typed is data: Japanese level names and titles are marked on English pages.
  const typed = (value: string) => jaAttrFor(lang, value);
  const preset = (value: string, label: unknown) =>
    html`<div class="radio"><input type="radio" id="statusPreset-${value}" name="statusPreset" value="${value}"${v.statusPreset === value ? " checked" : ""}><label for="statusPreset-${value}">${label}</label></div>`;
  const standard = STATUS_PRESETS.default.map((s) => s.name).join("／");
  return staffFrame(page, {
    session: input.session,
    title: t("newPlanTitle"),
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${t("newPlanTitle")}</h1>
${errorSummaryIn(lang, errors)}
<p>${t("newPlanIntro")}</p>
<form method="post" action="/staff/new-plan" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<div class="${cls(errors, "title")}"><label for="title">${t("planTitle")}</label>${fieldError("title")}
<input id="title" name="title" type="text" maxlength="200" autocomplete="off" value="${v.title}"${state(errors, "title")}${typed(v.title)}></div>
<div class="${cls(errors, "slug")}"><label for="slug">${t("slug")}</label>
<p class="hint" id="slug-hint">${t("slugHint")}</p>${fieldError("slug")}
<input id="slug" name="slug" type="text" maxlength="63" autocomplete="off" spellcheck="false" value="${v.slug}"${state(errors, "slug", "slug-hint")}></div>
<fieldset><legend>${t("levelsLegend")}</legend>
<div class="${cls(errors, "levels")}"><label for="levels">${t("levels")}</label>
<p class="hint" id="levels-hint">${jaRuns(lang, t("levelsHint"))}</p>${fieldError("levels")}
<textarea id="levels" name="levels" rows="6"${state(errors, "levels", "levels-hint")}${typed(v.levels)}>${v.levels}</textarea></div>
<div class="${cls(errors, "measureLevel")}"><label for="measureLevel">${t("measureLevel")}</label>${fieldError("measureLevel")}
<input id="measureLevel" name="measureLevel" type="text" maxlength="20" autocomplete="off" value="${v.measureLevel}"${state(errors, "measureLevel")}${typed(v.measureLevel)}></div>
</fieldset>
<fieldset><legend>${t("spanLegend")}</legend>
<p class="hint" id="years-hint">${jaRuns(lang, t("yearsHint"))}</p>
<div class="${cls(errors, "firstFiscalYear")}"><label for="firstFiscalYear">${t("firstFiscalYear")}</label>${fieldError("firstFiscalYear")}
<input id="firstFiscalYear" name="firstFiscalYear" type="text" inputmode="numeric" maxlength="12" autocomplete="off" value="${v.firstFiscalYear}"${state(errors, "firstFiscalYear", "years-hint")}${typed(v.firstFiscalYear)}></div>
<div class="${cls(errors, "lastFiscalYear")}"><label for="lastFiscalYear">${t("lastFiscalYear")}</label>${fieldError("lastFiscalYear")}
<input id="lastFiscalYear" name="lastFiscalYear" type="text" inputmode="numeric" maxlength="12" autocomplete="off" value="${v.lastFiscalYear}"${state(errors, "lastFiscalYear", "years-hint")}${typed(v.lastFiscalYear)}></div>
</fieldset>
<fieldset><legend>${t("statusLegend")}</legend>
${preset("default", fillJa(lang, t("presetDefault"), { statuses: standard }, ["statuses"]))}
${preset("abcd", t("presetAbcd"))}
${preset("lines", t("presetLines"))}
<div class="${cls(errors, "statusLines")}"><label for="statusLines">${t("statusLines")}</label>
<p class="hint" id="statusLines-hint">${t("statusLinesHint")}</p>${fieldError("statusLines")}
<textarea id="statusLines" name="statusLines" rows="6"${state(errors, "statusLines", "statusLines-hint")}${typed(v.statusLines)}>${v.statusLines}</textarea></div>
</fieldset>
<div class="${cls(errors, "firstAsOf")}"><label for="firstAsOf">${t("firstAsOf")}</label>
<p class="hint" id="firstAsOf-hint">${t("firstAsOfHint")}</p>${fieldError("firstAsOf")}
<input id="firstAsOf" name="firstAsOf" type="text" inputmode="numeric" maxlength="10" autocomplete="off" value="${v.firstAsOf}"${state(errors, "firstAsOf", "firstAsOf-hint")}></div>
<button type="submit">${t("createSubmit")}</button>
</form>`,
  });
}
