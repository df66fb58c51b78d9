import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import type { IndicatorDirection } from "../../../domain/indicator.ts";
import { type IndicatorDefinitionForm, targetField } from "../../../domain/indicator-definition.ts";
import type {
  IndicatorSetting,
  indicatorSettings,
} from "../../../store/queries/indicator-settings-query.ts";
import { dateText, fiscalYearWithGregorianText } from "../../i18n/date-text.ts";
import type { Lang } from "../../i18n/messages.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { fillJa, jaAttr, jaAttrFor, jaRuns } from "../lang-ja.ts";
import { type IndicatorSettingsTextKey, indicatorSettingsText } from "./indicator-settings-text.ts";
import { csrfField, describedBy, type FieldErrors } from "./staff-form.ts";
import { errorSummaryIn, fieldErrorIn, staffFrame } from "./staff-frame.ts";
import { staffText } from "./staff-text.ts";

type Settings = NonNullable<Awaited<ReturnType<typeof indicatorSettings>>>;

const DIRECTIONS: readonly IndicatorDirection[] = ["increase", "decrease", "maintain"];

const arrowOf = (lang: Lang, direction: string | null) =>
  direction !== null && (DIRECTIONS as readonly string[]).includes(direction)
    ? indicatorSettingsText(lang, direction as IndicatorDirection)
    : "—";

/** An asOf as these pages show it: as stored in Japanese, a full date in English. */
const asOfText = (lang: Lang, isoDate: string) =>
  lang === "ja" ? isoDate : dateText(lang, isoDate, "full");

function valuesText(lang: Lang, i: IndicatorSetting): string {
  const say = (key: IndicatorSettingsTextKey) => indicatorSettingsText(lang, key);
  const parts = i.values.map((v) => {
    const year =
      v.fiscalYear === null ? "" : say("valueYear").replace("{year}", String(v.fiscalYear));
    const what = say(v.kind === "baseline" ? "baseline" : v.final ? "finalTarget" : "target");
    return `${what} ${year}${v.value ?? "—"}`;
  });
  return parts.join(say("valuesJoin")) || "—";
}

/**
 * The planning division's list of a plan's indicators (`/staff/plans/:slug/indicators`), one
 * owner's with `?owner=`: their working state, which are waiting for the open period's
 * publication, and — for those who may set them — links to edit and retire, and the add link.
 * Names, owners, kinds and units are the plan's data: marked `lang="ja"` on English pages.
 */
export function indicatorSettingsPage(
  page: PageContext,
  input: {
    session: StaffSession;
    settings: Settings;
    owner: string | null;
    mayDefine: boolean;
    notice?: string;
  },
) {
  const { lang } = page;
  const { settings, session, owner } = input;
  const t = (key: IndicatorSettingsTextKey) => indicatorSettingsText(lang, key);
  const base = `/staff/plans/${encodeURIComponent(settings.plan.slug)}`;
  const shown = settings.indicators.filter((i) => owner === null || i.owner === owner);
  const ownerLabel =
    owner === null ? null : (settings.owners.find((o) => o.value === owner)?.label ?? owner);
  const newHref = `${base}/indicators/new${owner === null ? "" : `?owner=${encodeURIComponent(owner)}`}`;
  const data = (text: string) => jaAttrFor(lang, text);
  return staffFrame(page, {
    session,
    title: t("settingsPageTitle").replace("{plan}", () => settings.plan.title),
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: base, label: staffText(lang, "cycle") },
    ],
    body: html`<h1>${t("settingsTitle")}</h1>
<p${jaAttr(lang)}>${settings.plan.title}${ownerLabel === null ? "" : html`・${ownerLabel}`}</p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
<p>${
      settings.open
        ? fillJa(lang, t("settingsOpen"), { asOf: asOfText(lang, settings.open.as_of) }, [])
        : t("settingsClosed")
    }</p>
${input.mayDefine && settings.open ? html`<p><a href="${newHref}">${t("addLink")}</a></p>` : ""}
${
  shown.length === 0
    ? html`<p>${t("noIndicators")}</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="indicators-caption"><table class="report">
<caption id="indicators-caption">${t("caption").replace("{n}", String(shown.length))}</caption>
<thead><tr><th scope="col">${t("colCode")}</th><th scope="col">${t("colName")}</th><th scope="col">${t("colOwner")}</th><th scope="col">${t("colKind")}</th><th scope="col">${t("colUnit")}</th><th scope="col">${t("colDirection")}</th><th scope="col">${t("colValues")}</th><th scope="col">${t("colState")}</th>${input.mayDefine && settings.open ? html`<th scope="col">${t("colActions")}</th>` : ""}</tr></thead>
<tbody>${shown.map(
        (i) =>
          html`<tr><td>${i.code}</td><th scope="row"${data(i.name)}>${i.name}</th><td${data(i.ownerLabel)}>${i.ownerLabel}</td><td${data(i.kind)}>${i.kind}</td><td${data(i.unit ?? "")}>${i.unit ?? "—"}</td><td>${arrowOf(lang, i.direction)}</td><td>${valuesText(lang, i)}</td><td>${t(i.retired ? "retired" : "inUse")}${i.pending ? t("pending") : ""}</td>${
            input.mayDefine && settings.open
              ? html`<td>${
                  i.retired
                    ? ""
                    : html`<a href="${base}/indicators/${i.code}/edit">${fillJa(lang, t("editLink"), { name: i.name }, ["name"])}</a>
${t("linksJoin")}<a href="${base}/indicators/${i.code}/retire">${fillJa(lang, t("retireLink"), { name: i.name }, ["name"])}</a>`
                }</td>`
              : ""
          }</tr>`,
      )}</tbody></table></div>`
}`,
  });
}

/** The fiscal years whose target fields the form shows: the plan's span and any typed beyond it. */
function targetYears(settings: Settings, form: IndicatorDefinitionForm): number[] {
  const years = new Set<number>();
  for (let y = settings.plan.first_fiscal_year; y <= settings.plan.last_fiscal_year; y++)
    years.add(y);
  for (const y of Object.keys(form.targets)) years.add(Number(y));
  return [...years].sort((a, b) => a - b);
}

/**
 * The form that adds (`code` null) or edits an indicator, with what was typed and each error
 * beside its field.
 */
export function indicatorFormPage(
  page: PageContext,
  input: {
    session: StaffSession;
    settings: Settings;
    code: string | null;
    owner: string;
    form: IndicatorDefinitionForm;
    errors: FieldErrors;
  },
) {
  const { lang } = page;
  const { settings, session, form, errors } = input;
  const t = (key: IndicatorSettingsTextKey) => indicatorSettingsText(lang, key);
  const fieldError = (field: string) => fieldErrorIn(lang, errors, field);
  const base = `/staff/plans/${encodeURIComponent(settings.plan.slug)}`;
  const title =
    input.code === null ? t("addTitle") : t("editTitle").replace("{code}", () => input.code ?? "");
  const text = (
    field: keyof IndicatorDefinitionForm & string,
    label: string,
    options: { hint?: string; maxlength: number; inputmode?: string },
  ) => {
    const hintId = options.hint ? `${field}-hint` : undefined;
    const value = String(form[field]);
    return html`<div class="field${errors[field] ? " field-has-error" : ""}"><label for="${field}">${label}</label>${options.hint ? html`<p class="hint" id="${hintId}">${jaRuns(lang, options.hint)}</p>` : ""}${fieldError(field)}
<input id="${field}" name="${field}" type="text" value="${value}" maxlength="${options.maxlength}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${describedBy(errors, field, hintId) ? html` aria-describedby="${describedBy(errors, field, hintId)}"` : ""}${errors[field] ? html` aria-invalid="true"` : ""}${jaAttrFor(lang, value)}></div>`;
  };
  const select = (
    field: string,
    label: string,
    current: string,
    options: ReadonlyArray<{ value: string; label: string; data?: boolean }>,
  ) =>
    html`<div class="field${errors[field] ? " field-has-error" : ""}"><label for="${field}">${label}</label>${fieldError(field)}
<select id="${field}" name="${field}"${errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : ""}>${options.map(
      (o) =>
        html`<option value="${o.value}"${o.value === current ? " selected" : ""}${o.data ? jaAttrFor(lang, o.label) : ""}>${o.label}</option>`,
    )}</select></div>`;
  const directions = [
    { value: "", label: t("directionNone") },
    ...DIRECTIONS.map((d) => ({ value: d, label: t(d) })),
  ];
  const ownerLabel = settings.owners.find((o) => o.value === input.owner)?.label ?? input.owner;
  return staffFrame(page, {
    session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: `${base}/indicators`, label: t("settingsTitle") },
    ],
    body: html`<h1>${title}</h1>
<p id="period">${fillJa(lang, t("formPlan"), { plan: settings.plan.title }, ["plan"])}${settings.open ? t("formPeriod").replace("{asOf}", asOfText(lang, settings.open.as_of)) : ""}</p>
${errorSummaryIn(lang, errors)}
<form method="post" action="${input.code === null ? `${base}/indicators` : `${base}/indicators/${input.code}`}" class="staff-form" novalidate>${csrfField(session.csrfToken)}
${
  input.code === null
    ? select("owner", t("owner"), input.owner, [
        { value: "", label: t("choose") },
        ...settings.owners.map((o) => ({ ...o, data: true })),
      ])
    : html`<p>${fillJa(lang, t("ownerIs"), { owner: ownerLabel }, ["owner"])}</p>`
}
${text("name", t("name"), { maxlength: 200 })}
${text("unit", t("unit"), { hint: t("unitHint"), maxlength: 50 })}
${select(
  "kind",
  t("kind"),
  form.kind,
  settings.kinds.map((k) => ({ value: k, label: k, data: true })),
)}
${select("direction", t("direction"), form.direction, directions)}
<fieldset><legend>${t("baselineLegend")}</legend>
${text("baselineYear", t("baselineYear"), { hint: t("baselineYearHint"), maxlength: 20 })}
${text("baselineValue", t("baselineValue"), { hint: t("baselineValueHint"), maxlength: 40, inputmode: "decimal" })}
</fieldset>
<fieldset><legend>${t("targetsLegend")}</legend><p class="hint" id="targets-hint">${t("targetsHint")}</p>
${targetYears(settings, form).map((y) => {
  const field = targetField(y);
  return html`<div class="field${errors[field] ? " field-has-error" : ""}"><label for="${field}">${t("targetOf").replace("{year}", fiscalYearWithGregorianText(lang, y))}</label>${fieldError(field)}
<input id="${field}" name="${field}" type="text" inputmode="decimal" maxlength="40" value="${form.targets[y] ?? ""}" aria-describedby="${describedBy(errors, field, "targets-hint")}"${errors[field] ? html` aria-invalid="true"` : ""}></div>`;
})}
</fieldset>
<fieldset><legend>${t("finalLegend")}</legend>
${text("finalYear", t("finalYear"), { hint: t("finalYearHint"), maxlength: 20 })}
${text("finalValue", t("finalValue"), { maxlength: 40, inputmode: "decimal" })}
</fieldset>
${text("source", t("source"), { maxlength: 500 })}
${select("achievementForm", t("achievementForm"), form.achievementForm, [
  { value: "auto", label: t("achievementAuto") },
  { value: "ratio", label: t("achievementRatio") },
])}
<button type="submit">${t(input.code === null ? "addSubmit" : "saveSubmit")}</button></form>`,
  });
}

/**
 * The confirmation before an indicator is retired: retiring cannot be undone, and the indicator
 * stays in the pages of the periods before.
 */
export function retireConfirmationPage(
  page: PageContext,
  input: {
    session: StaffSession;
    settings: Settings;
    indicator: IndicatorSetting;
  },
) {
  const { lang } = page;
  const { settings, indicator } = input;
  const t = (key: IndicatorSettingsTextKey) => indicatorSettingsText(lang, key);
  const base = `/staff/plans/${encodeURIComponent(settings.plan.slug)}`;
  return staffFrame(page, {
    session: input.session,
    title: t("retirePageTitle").replace("{name}", () => indicator.name),
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: `${base}/indicators`, label: t("settingsTitle") },
    ],
    body: html`<h1>${fillJa(lang, t("retirePageTitle"), { name: indicator.name }, ["name"])}</h1>
<p>${indicator.code}${t("linksJoin")}${fillJa(lang, "{owner}", { owner: indicator.ownerLabel }, ["owner"])}</p>
<p>${settings.open ? t("retireFrom").replace("{asOf}", asOfText(lang, settings.open.as_of)) : ""}${t("retireStays")}</p>
<form method="post" action="${base}/indicators/${indicator.code}/retire" class="staff-form">${csrfField(input.session.csrfToken)}
<div class="button-row"><button type="submit">${t("retireSubmit")}</button>
<a href="${base}/indicators?owner=${encodeURIComponent(indicator.owner)}">${t("retireBack")}</a></div></form>`,
  });
}
