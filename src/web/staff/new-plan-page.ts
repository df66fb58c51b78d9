import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { STATUS_PRESETS } from "../../commands/structure/plan-creator.ts";
import {
  csrfField,
  describedBy,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "../views/staff/staff-form.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";

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
export function newPlanPage(input: {
  session: StaffSession;
  values: NewPlanForm;
  errors: FieldErrors;
}) {
  const { values: v, errors } = input;
  const preset = (value: string, label: string) =>
    html`<div class="radio"><input type="radio" id="statusPreset-${value}" name="statusPreset" value="${value}"${v.statusPreset === value ? " checked" : ""}><label for="statusPreset-${value}">${label}</label></div>`;
  return staffLayout({
    session: input.session,
    path: "/staff/new-plan",
    title: "計画を作成",
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [{ href: "/staff", label: "職員トップ" }],
    body: html`<h1>計画を作成</h1>
${errorSummary(errors)}
<p>取り込むファイルがないときに、空の計画を作ります。作成後、構成のページで階層・項目・取組を加えます。</p>
<form method="post" action="/staff/new-plan" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<div class="${cls(errors, "title")}"><label for="title">計画の名称</label>${fieldError(errors, "title")}
<input id="title" name="title" type="text" maxlength="200" autocomplete="off" value="${v.title}"${state(errors, "title")}></div>
<div class="${cls(errors, "slug")}"><label for="slug">識別子（省略可）</label>
<p class="hint" id="slug-hint">公開サイトのアドレスに使います。英小文字・数字・ハイフン。省略すると団体コードと番号から作ります。</p>${fieldError(errors, "slug")}
<input id="slug" name="slug" type="text" maxlength="63" autocomplete="off" spellcheck="false" value="${v.slug}"${state(errors, "slug", "slug-hint")}></div>
<fieldset><legend>階層</legend>
<div class="${cls(errors, "levels")}"><label for="levels">階層の名前（上から順に1行に1つ、1から6まで）</label>
<p class="hint" id="levels-hint">最後の行が番号の付く単位（項目）になります。例：柱、分野、区分、項目／政策、施策、基本事業、事務事業。</p>${fieldError(errors, "levels")}
<textarea id="levels" name="levels" rows="6"${state(errors, "levels", "levels-hint")}>${v.levels}</textarea></div>
<div class="${cls(errors, "measureLevel")}"><label for="measureLevel">取組の呼び名</label>${fieldError(errors, "measureLevel")}
<input id="measureLevel" name="measureLevel" type="text" maxlength="20" autocomplete="off" value="${v.measureLevel}"${state(errors, "measureLevel")}></div>
</fieldset>
<fieldset><legend>行程表の期間</legend>
<p class="hint" id="years-hint">西暦（2024）でも和暦（令和6年度）でも入力できます。</p>
<div class="${cls(errors, "firstFiscalYear")}"><label for="firstFiscalYear">最初の年度</label>${fieldError(errors, "firstFiscalYear")}
<input id="firstFiscalYear" name="firstFiscalYear" type="text" inputmode="numeric" maxlength="12" autocomplete="off" value="${v.firstFiscalYear}"${state(errors, "firstFiscalYear", "years-hint")}></div>
<div class="${cls(errors, "lastFiscalYear")}"><label for="lastFiscalYear">最後の年度</label>${fieldError(errors, "lastFiscalYear")}
<input id="lastFiscalYear" name="lastFiscalYear" type="text" inputmode="numeric" maxlength="12" autocomplete="off" value="${v.lastFiscalYear}"${state(errors, "lastFiscalYear", "years-hint")}></div>
</fieldset>
<fieldset><legend>状況区分</legend>
${preset("default", `標準（${STATUS_PRESETS.default.map((s) => s.name).join("／")}）`)}
${preset("abcd", "A／B／C／D")}
${preset("lines", "下の欄に書いたもの")}
<div class="${cls(errors, "statusLines")}"><label for="statusLines">状況区分（1行に1つ、上から順に）</label>
<p class="hint" id="statusLines-hint">「下の欄に書いたもの」を選んだときに使います。</p>${fieldError(errors, "statusLines")}
<textarea id="statusLines" name="statusLines" rows="6"${state(errors, "statusLines", "statusLines-hint")}>${v.statusLines}</textarea></div>
</fieldset>
<div class="${cls(errors, "firstAsOf")}"><label for="firstAsOf">最初の報告期の基準日（省略可）</label>
<p class="hint" id="firstAsOf-hint">YYYY-MM-DD。入力すると、その報告期を受付中にして作成します。構成の変更は、公表するまで公開サイトに出ません。</p>${fieldError(errors, "firstAsOf")}
<input id="firstAsOf" name="firstAsOf" type="text" inputmode="numeric" maxlength="10" autocomplete="off" value="${v.firstAsOf}"${state(errors, "firstAsOf", "firstAsOf-hint")}></div>
<button type="submit">計画を作成する</button>
</form>`,
  });
}
