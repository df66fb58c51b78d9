import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import type { Lang } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { csrfField, type FieldErrors } from "../views/staff/staff-form.ts";
import {
  errorSummaryIn,
  fieldErrorIn,
  fieldState,
  staffFrame,
} from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import type { ColumnChoice, MappingFormValues } from "./mapping-form.ts";
import { uploadText, uploadTextWith } from "./upload-text.ts";

/** What the mapping form shows besides the values: the file, its sheets, the saved mappings. */
export interface MappingPageInput {
  session: StaffSession;
  uploadId: string;
  fileName: string;
  sheets: string[];
  sheet: string;
  headerRow: number;
  choices: ColumnChoice[];
  values: MappingFormValues;
  errors: FieldErrors;
  notices: string[];
  saved: Array<{ id: number; planTitle: string; savedAt: string }>;
  use: string;
}

const short = (s: string, n = 24) => {
  const flat = s.replace(/\s+/gu, " ").trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

/**
 * The suggested (or saved) column mapping as a form: each field a `<select>` of the sheet's
 * columns with a sample of their values, the levels, the fiscal years, and a table of every
 * column with a box to keep it as a custom field. Sheet and heading row are chosen by a GET form
 * of their own, so that Enter in the mapping form always previews.
 */
export function mappingPage(page: PageContext, input: MappingPageInput) {
  const { lang } = page;
  const { values, errors, choices } = input;
  const title = uploadText(lang, "mappingTitle");
  const base = `/staff/uploads/${input.uploadId}`;
  const columnLabel = (c: ColumnChoice) =>
    uploadTextWith(lang, c.samples.length > 0 ? "chooseColumnSample" : "chooseColumn", {
      letter: c.letter,
      heading: c.heading === "" ? uploadText(lang, "noHeading") : short(c.heading, 20),
      samples: c.samples
        .slice(0, 2)
        .map((s) => short(s, 12))
        .join("／"),
    });
  const select = (name: string, label: string, value: string, hint?: string) => {
    const hintId = hint ? `${name}-hint` : undefined;
    return html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${label}</label>
${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : ""}${fieldErrorIn(lang, errors, name)}
<select id="${name}" name="${name}"${fieldState(errors, name, hintId)}>${columnOptions(lang, choices, value, columnLabel)}</select></div>`;
  };
  const textField = (name: string, label: string, value: string, hint?: string, extra = "") => {
    const hintId = hint ? `${name}-hint` : undefined;
    return html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${label}</label>
${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : ""}${fieldErrorIn(lang, errors, name)}
<input type="text" id="${name}" name="${name}" value="${value}" autocomplete="off"${extra ? html` ${extra}` : ""}${fieldState(errors, name, hintId)}></div>`;
  };
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: "/staff/uploads", label: uploadText(lang, "uploadTitle") },
    ],
    body: html`<h1>${title}</h1>
${errorSummaryIn(lang, errors)}
${input.notices.map((n) => html`<p class="notice" role="status">${n}</p>`)}
<p>${uploadTextWith(lang, "mappingIntro", { file: input.fileName, sheet: input.sheet, headerRow: input.headerRow })}</p>
<form method="get" action="${base}" class="staff-form">
<fieldset><legend>${uploadText(lang, "reloadLegend")}</legend>
<div class="field"><label for="reload-sheet">${uploadText(lang, "sheetLabel")}</label>
<select id="reload-sheet" name="sheet">${input.sheets.map((s) => html`<option value="${s}"${s === input.sheet ? " selected" : ""}>${s}</option>`)}</select></div>
<div class="field"><label for="reload-headerRow">${uploadText(lang, "headerRowLabel")}</label>
<p class="hint" id="reload-headerRow-hint">${uploadText(lang, "headerRowHint")}</p>
<input type="text" inputmode="numeric" id="reload-headerRow" name="headerRow" value="${String(input.headerRow)}" aria-describedby="reload-headerRow-hint"></div>
${
  input.saved.length > 0
    ? html`<div class="field"><label for="reload-use">${uploadText(lang, "useLabel")}</label>
<select id="reload-use" name="use"><option value="suggested"${input.use === "suggested" ? " selected" : ""}>${uploadText(lang, "useSuggested")}</option>${input.saved.map(
        (s) =>
          html`<option value="${String(s.id)}"${input.use === String(s.id) ? " selected" : ""}>${uploadTextWith(lang, "useSaved", { plan: s.planTitle, date: s.savedAt.slice(0, 10) })}</option>`,
      )}</select></div>`
    : ""
}
<button type="submit" class="button-secondary">${uploadText(lang, "reloadSubmit")}</button>
</fieldset></form>
<form method="post" action="${base}/preview" class="staff-form" novalidate id="mapping">${csrfField(input.session.csrfToken)}
<input type="hidden" name="sheet" value="${input.sheet}"><input type="hidden" name="headerRow" value="${String(input.headerRow)}">
${errors.mapping ? html`<p class="field-error" id="mapping-error">${errors.mapping}</p>` : ""}
<fieldset><legend>${uploadText(lang, "planLegend")}</legend>
${textField("plan.title", uploadText(lang, "planTitle"), values.planTitle, uploadText(lang, "planTitleHint"))}
${textField("plan.asOf", uploadText(lang, "asOf"), values.asOf, uploadText(lang, "asOfHint"), 'inputmode="numeric"')}
</fieldset>
<fieldset><legend>${uploadText(lang, "levelsLegend")}</legend>
<p class="hint">${uploadText(lang, "levelsHint")}</p>
${values.levels.map(
  (
    l,
    i,
  ) => html`<fieldset class="figure-row"><legend>${uploadTextWith(lang, "levelCaption", { n: i + 1 })}</legend>
${textField(`levels[${i}].name`, uploadText(lang, "levelName"), l.name)}
${select(`levels[${i}].number[0]`, uploadText(lang, "levelNumber"), l.number[0])}
${select(`levels[${i}].number[1]`, uploadText(lang, "levelNumber2"), l.number[1])}
${select(`levels[${i}].title`, uploadText(lang, "levelTitle"), l.title)}
</fieldset>`,
)}
</fieldset>
<fieldset><legend>${uploadText(lang, "measureLegend")}</legend>
${textField("measure.name", uploadText(lang, "measureName"), values.measureName)}
${select("measure.id", uploadText(lang, "measureId"), values.measureId, uploadText(lang, "measureIdHint"))}
${select("measure.title", uploadText(lang, "measureTitle"), values.measureTitle)}
${select("department", uploadText(lang, "department"), values.department)}
${select("progress", uploadText(lang, "progress"), values.progress)}
${select("status.column", uploadText(lang, "status"), values.status, uploadText(lang, "statusHint"))}
</fieldset>
<fieldset><legend>${uploadText(lang, "roadmapLegend")}</legend>
<p class="hint">${uploadText(lang, "roadmapHint")}</p>
${values.roadmap.map(
  (
    r,
    i,
  ) => html`<fieldset class="figure-row"><legend>${uploadTextWith(lang, "roadmapRow", { n: i + 1 })}</legend>
${textField(`roadmap[${i}].year`, uploadText(lang, "roadmapYear"), r.year, undefined, 'inputmode="numeric"')}
${select(`roadmap[${i}].column`, uploadText(lang, "roadmapColumn"), r.column)}
</fieldset>`,
)}
</fieldset>
<fieldset id="fields"><legend>${uploadText(lang, "columnsLegend")}</legend>
<p class="hint">${uploadText(lang, "columnsHint")}</p>${fieldErrorIn(lang, errors, "fields")}
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="columns-caption"><table class="report">
<caption id="columns-caption">${uploadTextWith(lang, "columnsCaption", { sheet: input.sheet, n: choices.length })}</caption>
<thead><tr><th scope="col">${uploadText(lang, "colLetter")}</th><th scope="col">${uploadText(lang, "colHeading")}</th><th scope="col">${uploadText(lang, "colSamples")}</th><th scope="col">${uploadText(lang, "colKeep")}</th></tr></thead>
<tbody>${choices.map(
      (c) =>
        html`<tr><th scope="row">${c.letter}</th><td>${c.heading}</td><td>${c.samples.map((s) => short(s, 40)).join("／")}</td><td><input type="checkbox" id="field-${c.letter}" name="fields" value="${c.letter}"${values.fields.includes(c.letter) ? " checked" : ""} aria-label="${uploadTextWith(lang, "keepColumn", { letter: c.letter, heading: c.heading === "" ? uploadText(lang, "noHeading") : short(c.heading, 40) })}"></td></tr>`,
    )}</tbody></table></div>
</fieldset>
<button type="submit">${uploadText(lang, "previewSubmit")}</button>
</form>
<p><a href="/staff/uploads">${uploadText(lang, "cancel")}</a></p>`,
  });
}

function columnOptions(
  lang: Lang,
  choices: ColumnChoice[],
  value: string,
  label: (c: ColumnChoice) => string,
) {
  return html`<option value=""${value === "" ? " selected" : ""}>${uploadText(lang, "none")}</option>${choices.map(
    (c) =>
      html`<option value="${c.letter}"${c.letter === value ? " selected" : ""}>${label(c)}</option>`,
  )}`;
}
