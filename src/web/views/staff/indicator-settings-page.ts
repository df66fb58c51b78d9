import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { formatFiscalYearWithGregorian } from "../../../domain/fiscal-year.ts";
import { DIRECTION_NAMES, type IndicatorDirection } from "../../../domain/indicator.ts";
import { type IndicatorDefinitionForm, targetField } from "../../../domain/indicator-definition.ts";
import type {
  IndicatorSetting,
  indicatorSettings,
} from "../../../store/queries/indicator-settings-query.ts";
import {
  csrfField,
  describedBy,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "./staff-form.ts";
import { staffLayout } from "./staff-layout.ts";

type Settings = NonNullable<Awaited<ReturnType<typeof indicatorSettings>>>;

const ARROWS: Record<IndicatorDirection, string> = {
  increase: "⇗ 増やす",
  decrease: "⇘ 減らす",
  maintain: "維持",
};

const arrowOf = (direction: string | null) =>
  direction !== null && direction in ARROWS ? ARROWS[direction as IndicatorDirection] : "—";

function valuesText(i: IndicatorSetting): string {
  const parts = i.values.map((v) => {
    const year = v.fiscalYear === null ? "" : `${v.fiscalYear}年度 `;
    const what = v.kind === "baseline" ? "基準値" : v.final ? "最終目標値" : "目標値";
    return `${what} ${year}${v.value ?? "—"}`;
  });
  return parts.join("、") || "—";
}

/**
 * The planning division's list of a plan's indicators (`/staff/plans/:slug/indicators`), one
 * owner's with `?owner=`: their working state, which are waiting for the open period's
 * publication, and — for those who may set them — links to edit and retire, and the add link.
 */
export function indicatorSettingsPage(input: {
  session: StaffSession;
  path: string;
  settings: Settings;
  owner: string | null;
  mayDefine: boolean;
  notice?: string;
}) {
  const { settings, session, owner } = input;
  const base = `/staff/plans/${encodeURIComponent(settings.plan.slug)}`;
  const shown = settings.indicators.filter((i) => owner === null || i.owner === owner);
  const ownerLabel =
    owner === null ? null : (settings.owners.find((o) => o.value === owner)?.label ?? owner);
  const newHref = `${base}/indicators/new${owner === null ? "" : `?owner=${encodeURIComponent(owner)}`}`;
  return staffLayout({
    session,
    path: input.path,
    title: `指標の設定（${settings.plan.title}）`,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: "進捗報告" },
    ],
    body: html`<h1>指標の設定</h1>
<p>${settings.plan.title}${ownerLabel === null ? "" : html`・${ownerLabel}`}</p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
<p>${
      settings.open
        ? `追加・変更・廃止は ${settings.open.as_of} の報告期の改訂として記録され、その報告期を公表したときに公開されます。前の報告期の公表ページは、公表したときの指標と目標値のまま残ります。`
        : "受付中の報告期がないため、指標は変更できません。先に報告期を開いてください。"
    }</p>
${input.mayDefine && settings.open ? html`<p><a href="${newHref}">指標を追加する</a></p>` : ""}
${
  shown.length === 0
    ? html`<p>指標はまだありません。</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="indicators-caption"><table class="report">
<caption id="indicators-caption">指標の一覧（${shown.length}件）</caption>
<thead><tr><th scope="col">指標ID</th><th scope="col">指標名</th><th scope="col">対象</th><th scope="col">種類</th><th scope="col">単位</th><th scope="col">方向</th><th scope="col">基準値・目標値</th><th scope="col">状態</th>${input.mayDefine && settings.open ? html`<th scope="col">操作</th>` : ""}</tr></thead>
<tbody>${shown.map(
        (i) =>
          html`<tr><td>${i.code}</td><th scope="row">${i.name}</th><td>${i.ownerLabel}</td><td>${i.kind}</td><td>${i.unit ?? "—"}</td><td>${arrowOf(i.direction)}</td><td>${valuesText(i)}</td><td>${i.retired ? "廃止" : "使用中"}${i.pending ? "（公表待ちの変更あり）" : ""}</td>${
            input.mayDefine && settings.open
              ? html`<td>${
                  i.retired
                    ? ""
                    : html`<a href="${base}/indicators/${i.code}/edit">${i.name}を編集</a>
・<a href="${base}/indicators/${i.code}/retire">${i.name}を廃止</a>`
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
export function indicatorFormPage(input: {
  session: StaffSession;
  path: string;
  settings: Settings;
  code: string | null;
  owner: string;
  form: IndicatorDefinitionForm;
  errors: FieldErrors;
}) {
  const { settings, session, form, errors } = input;
  const base = `/staff/plans/${encodeURIComponent(settings.plan.slug)}`;
  const title = input.code === null ? "指標を追加する" : `指標 ${input.code} を編集する`;
  const text = (
    field: keyof IndicatorDefinitionForm & string,
    label: string,
    options: { hint?: string; maxlength: number; inputmode?: string },
  ) => {
    const hintId = options.hint ? `${field}-hint` : undefined;
    return html`<div class="field${errors[field] ? " field-has-error" : ""}"><label for="${field}">${label}</label>${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ""}${fieldError(errors, field)}
<input id="${field}" name="${field}" type="text" value="${String(form[field])}" maxlength="${options.maxlength}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${describedBy(errors, field, hintId) ? html` aria-describedby="${describedBy(errors, field, hintId)}"` : ""}${errors[field] ? html` aria-invalid="true"` : ""}></div>`;
  };
  const select = (
    field: string,
    label: string,
    current: string,
    options: ReadonlyArray<{ value: string; label: string }>,
  ) =>
    html`<div class="field${errors[field] ? " field-has-error" : ""}"><label for="${field}">${label}</label>${fieldError(errors, field)}
<select id="${field}" name="${field}"${errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : ""}>${options.map(
      (o) =>
        html`<option value="${o.value}"${o.value === current ? " selected" : ""}>${o.label}</option>`,
    )}</select></div>`;
  const directions = [
    { value: "", label: "指定しない" },
    ...(Object.keys(DIRECTION_NAMES) as IndicatorDirection[]).map((d) => ({
      value: d,
      label: ARROWS[d],
    })),
  ];
  return staffLayout({
    session,
    path: input.path,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: `${base}/indicators`, label: "指標の設定" },
    ],
    body: html`<h1>${title}</h1>
<p id="period">${settings.plan.title}。${settings.open ? `${settings.open.as_of} の報告期の改訂として記録され、公表したときに公開されます。` : ""}</p>
${errorSummary(errors)}
<form method="post" action="${input.code === null ? `${base}/indicators` : `${base}/indicators/${input.code}`}" class="staff-form" novalidate>${csrfField(session.csrfToken)}
${
  input.code === null
    ? select("owner", "対象（取組・項目・階層）", input.owner, [
        { value: "", label: "選んでください" },
        ...settings.owners,
      ])
    : html`<p>対象: ${settings.owners.find((o) => o.value === input.owner)?.label ?? input.owner}</p>`
}
${text("name", "指標名", { maxlength: 200 })}
${text("unit", "単位", { hint: "「件」「人」「%」など。なければ空欄。", maxlength: 50 })}
${select(
  "kind",
  "種類",
  form.kind,
  settings.kinds.map((k) => ({ value: k, label: k })),
)}
${select("direction", "方向", form.direction, directions)}
<fieldset><legend>基準値</legend>
${text("baselineYear", "基準値の年度", { hint: "「2013」や「平成25年度」。", maxlength: 20 })}
${text("baselineValue", "基準値", { hint: "数値（「3,437」「▲12」も可）。", maxlength: 40, inputmode: "decimal" })}
</fieldset>
<fieldset><legend>年度ごとの目標値</legend><p class="hint" id="targets-hint">数値で入力。目標のない年度は空欄。</p>
${targetYears(settings, form).map((y) => {
  const field = targetField(y);
  return html`<div class="field${errors[field] ? " field-has-error" : ""}"><label for="${field}">${formatFiscalYearWithGregorian(y)}の目標値</label>${fieldError(errors, field)}
<input id="${field}" name="${field}" type="text" inputmode="decimal" maxlength="40" value="${form.targets[y] ?? ""}" aria-describedby="${describedBy(errors, field, "targets-hint")}"${errors[field] ? html` aria-invalid="true"` : ""}></div>`;
})}
</fieldset>
<fieldset><legend>最終目標値</legend>
${text("finalYear", "最終目標の年度", { hint: "年度がなければ空欄。", maxlength: 20 })}
${text("finalValue", "最終目標値", { maxlength: 40, inputmode: "decimal" })}
</fieldset>
${text("source", "出典", { maxlength: 500 })}
${select("achievementForm", "達成率の算式", form.achievementForm, [
  { value: "auto", label: "基準値があれば基準値からの進み具合、なければ実績値÷目標値" },
  { value: "ratio", label: "常に実績値÷目標値（⇘は目標値÷実績値）" },
])}
<button type="submit">${input.code === null ? "指標を追加する" : "変更を保存する"}</button></form>`,
  });
}

/**
 * The confirmation before an indicator is retired: retiring cannot be undone, and the indicator
 * stays in the pages of the periods before.
 */
export function retireConfirmationPage(input: {
  session: StaffSession;
  path: string;
  settings: Settings;
  indicator: IndicatorSetting;
}) {
  const { settings, indicator } = input;
  const base = `/staff/plans/${encodeURIComponent(settings.plan.slug)}`;
  const title = `指標「${indicator.name}」を廃止する`;
  return staffLayout({
    session: input.session,
    path: input.path,
    title,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: `${base}/indicators`, label: "指標の設定" },
    ],
    body: html`<h1>${title}</h1>
<p>${indicator.code}・${indicator.ownerLabel}</p>
<p>${settings.open ? `${settings.open.as_of} の報告期を公表したときから、公表ページと公開データに出なくなります。` : ""}それより前の報告期の公表ページには残ります。廃止は取り消せません。</p>
<form method="post" action="${base}/indicators/${indicator.code}/retire" class="staff-form">${csrfField(input.session.csrfToken)}
<div class="button-row"><button type="submit">廃止する</button>
<a href="${base}/indicators?owner=${encodeURIComponent(indicator.owner)}">廃止せずに戻る</a></div></form>`,
  });
}
