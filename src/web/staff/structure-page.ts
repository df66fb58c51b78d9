import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { formatWarekiWithGregorian } from "../../domain/era.ts";
import { formatFiscalYearWithGregorian } from "../../domain/fiscal-year.ts";
import type {
  PlanStructure,
  StructureGroup,
  StructureItem,
} from "../../store/queries/plan-structure-query.ts";
import {
  csrfField,
  describedBy,
  errorSummary,
  type FieldErrors,
  fieldError,
} from "../views/staff/staff-form.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";

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

/**
 * A plan's structure for the planning division: where changes go (the open period, or at once
 * for a plan without periods), the tree with a link to rename each part, and the forms that add
 * groups, items and measures and the roadmap's next year. Every form works without script.
 */
export function structurePage(input: {
  session: StaffSession;
  structure: PlanStructure;
  values: StructureForm;
  errors: FieldErrors;
  notice?: string;
}) {
  const { structure: s, values, errors } = input;
  const base = structureBase(s.plan.slug);
  const csrf = csrfField(input.session.csrfToken);
  const v = (field: string) => values[field] ?? "";
  const itemLevel = s.levels.find((l) => l.key === "item")?.name ?? "項目";
  const measureLevel = s.levels.find((l) => l.key === "measure")?.name ?? "取組";
  const added = (row: { addedIn: string | null }) =>
    row.addedIn ? html`<span class="badge">基準日 ${row.addedIn} の報告期で追加</span>` : "";
  const measuresOf = (itemId: number) => s.measures.filter((m) => m.itemId === itemId);
  const itemList = (groupId: number): Html => {
    const items = s.items.filter((i) => i.groupId === groupId);
    if (items.length === 0) return html``;
    return html`<ul>${items.map(
      (
        i,
      ) => html`<li>${itemName(s, i)} ${added(i)} <a href="${base}/items/${i.id}">変更<span class="visually-hidden">（${itemName(s, i)}）</span></a>
${
  measuresOf(i.id).length === 0
    ? ""
    : html`<ul>${measuresOf(i.id).map(
        (m) =>
          html`<li>${m.code} ${m.title}${m.department ? `（${m.department}）` : ""}${m.relistingOf ? `［${m.relistingOf} の再掲］` : ""} ${added(m)}${m.retiredIn ? html`<span class="badge">基準日 ${m.retiredIn} から廃止</span>` : ""} <a href="${base}/measures/${m.id}">変更<span class="visually-hidden">（${m.code}）</span></a></li>`,
      )}</ul>`
}</li>`,
    )}</ul>`;
  };
  const groupList = (parentId: number | null): Html => {
    const groups = s.groups.filter((g) => g.parentId === parentId);
    if (groups.length === 0) return html``;
    return html`<ul>${groups.map(
      (g) =>
        html`<li>${groupName(s, g)} ${added(g)} <a href="${base}/groups/${g.id}">変更<span class="visually-hidden">（${groupName(s, g)}）</span></a>${groupList(g.id)}${itemList(g.id)}</li>`,
    )}</ul>`;
  };
  const parents = s.groups.filter((g) => g.depth < s.groupLevels.length - 1);
  const option = (value: string, label: string, field: string) =>
    html`<option value="${value}"${v(field) === value ? " selected" : ""}>${label}</option>`;
  const periodNote = s.open
    ? `基準日 ${formatWarekiWithGregorian(s.open.as_of)} の報告期が受付中です。ここでの変更はこの報告期の内容として記録され、公表するまで公開サイトには出ません。公表済みの報告期は、公表したときの構成と名称のままです。`
    : s.periods.length === 0
      ? "この計画にはまだ報告期がありません。ここでの変更はすぐに公開サイトに反映されます。"
      : "受付中の報告期がありません。公表済みの報告期の内容を守るため、構成は報告期を開いてから変更します。";
  return staffLayout({
    session: input.session,
    path: base,
    title: `${s.plan.title}の構成`,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: `/staff/plans/${encodeURIComponent(s.plan.slug)}`, label: "進捗報告" },
    ],
    body: html`<h1>${s.plan.title}の構成</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummary(errors)}
<section aria-labelledby="about-title"><h2 id="about-title">この計画について</h2>
<dl>
<dt>階層</dt><dd>${s.levels.map((l) => l.name).join(" › ")}</dd>
<dt>行程表の期間</dt><dd>${formatFiscalYearWithGregorian(s.plan.first_fiscal_year)}から${formatFiscalYearWithGregorian(s.lastFiscalYear)}まで</dd>
</dl>
<p id="period"${errors.period ? html` class="field-error"` : ""}>${periodNote}${s.open || s.periods.length === 0 ? "" : html` <a href="/staff/plans/${encodeURIComponent(s.plan.slug)}">報告期を開く</a>`}</p>
</section>
<section aria-labelledby="tree-title"><h2 id="tree-title">構成</h2>
${s.groups.length === 0 ? html`<p>まだ何もありません。下のフォームで${s.groupLevels[0]?.name ?? ""}から加えてください。</p>` : groupList(null)}
</section>
<section aria-labelledby="group-form-title"><h2 id="group-form-title">${s.groupLevels.map((l) => l.name).join("・")}を追加</h2>
<form method="post" action="${base}/groups" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "group-parentId")}"><label for="group-parentId">上の階層</label>${fieldError(errors, "group-parentId")}
<select id="group-parentId" name="group-parentId"${state(errors, "group-parentId")}>${option("", `なし（${s.groupLevels[0]?.name ?? ""}として追加）`, "group-parentId")}${parents.map((g) => option(String(g.id), groupName(s, g), "group-parentId"))}</select></div>
<div class="${cls(errors, "group-number")}"><label for="group-number">番号</label>
<p class="hint" id="group-number-hint">同じ階層の中での順番（数字）。アドレスに使います。</p>${fieldError(errors, "group-number")}
<input id="group-number" name="group-number" type="text" inputmode="numeric" maxlength="9" autocomplete="off" value="${v("group-number")}"${state(errors, "group-number", "group-number-hint")}></div>
<div class="${cls(errors, "group-label")}"><label for="group-label">表示する番号（省略可）</label>
<p class="hint" id="group-label-hint">Ⅳ、②など。省略すると番号のとおり表示します。</p>${fieldError(errors, "group-label")}
<input id="group-label" name="group-label" type="text" maxlength="10" autocomplete="off" value="${v("group-label")}"${state(errors, "group-label", "group-label-hint")}></div>
<div class="${cls(errors, "group-title")}"><label for="group-title">名称</label>${fieldError(errors, "group-title")}
<input id="group-title" name="group-title" type="text" maxlength="300" autocomplete="off" value="${v("group-title")}"${state(errors, "group-title")}></div>
<button type="submit">追加する</button>
</form></section>
<section aria-labelledby="item-form-title"><h2 id="item-form-title">${itemLevel}を追加</h2>
${
  s.groups.length === 0
    ? html`<p>先に${s.groupLevels[0]?.name ?? ""}を追加してください。</p>`
    : html`<form method="post" action="${base}/items" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "item-groupId")}"><label for="item-groupId">置く場所</label>${fieldError(errors, "item-groupId")}
<select id="item-groupId" name="item-groupId"${state(errors, "item-groupId")}>${option("", "選んでください", "item-groupId")}${s.groups.map((g) => option(String(g.id), groupName(s, g), "item-groupId"))}</select></div>
<div class="${cls(errors, "item-number")}"><label for="item-number">番号</label>
<p class="hint" id="item-number-hint">計画の中で重ならない数字（No.）。</p>${fieldError(errors, "item-number")}
<input id="item-number" name="item-number" type="text" inputmode="numeric" maxlength="9" autocomplete="off" value="${v("item-number")}"${state(errors, "item-number", "item-number-hint")}></div>
<div class="${cls(errors, "item-label")}"><label for="item-label">記号（省略可）</label>
<p class="hint" id="item-label-hint">ア、イなど。</p>${fieldError(errors, "item-label")}
<input id="item-label" name="item-label" type="text" maxlength="10" autocomplete="off" value="${v("item-label")}"${state(errors, "item-label", "item-label-hint")}></div>
<div class="${cls(errors, "item-title")}"><label for="item-title">名称</label>${fieldError(errors, "item-title")}
<input id="item-title" name="item-title" type="text" maxlength="300" autocomplete="off" value="${v("item-title")}"${state(errors, "item-title")}></div>
<button type="submit">追加する</button>
</form>`
}</section>
<section aria-labelledby="measure-form-title"><h2 id="measure-form-title">${measureLevel}を追加</h2>
${
  s.items.length === 0
    ? html`<p>先に${itemLevel}を追加してください。</p>`
    : s.departments.length === 0
      ? html`<p>担当課がまだありません。管理者が<a href="/staff/departments">担当課のページ</a>で登録してから追加してください。</p>`
      : html`<form method="post" action="${base}/measures" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "measure-itemId")}"><label for="measure-itemId">${itemLevel}</label>${fieldError(errors, "measure-itemId")}
<select id="measure-itemId" name="measure-itemId"${state(errors, "measure-itemId")}>${option("", "選んでください", "measure-itemId")}${s.items.map((i) => option(String(i.id), itemName(s, i), "measure-itemId"))}</select></div>
<div class="${cls(errors, "measure-code")}"><label for="measure-code">取組ID（省略可）</label>
<p class="hint" id="measure-code-hint">省略すると M0001 の形で付けます。</p>${fieldError(errors, "measure-code")}
<input id="measure-code" name="measure-code" type="text" maxlength="32" autocomplete="off" spellcheck="false" value="${v("measure-code")}"${state(errors, "measure-code", "measure-code-hint")}></div>
<div class="${cls(errors, "measure-title")}"><label for="measure-title">名称</label>${fieldError(errors, "measure-title")}
<input id="measure-title" name="measure-title" type="text" maxlength="500" autocomplete="off" value="${v("measure-title")}"${state(errors, "measure-title")}></div>
<div class="${cls(errors, "measure-departmentId")}"><label for="measure-departmentId">担当課</label>
<p class="hint" id="measure-departmentId-hint">ない課は、管理者が担当課のページで登録します。</p>${fieldError(errors, "measure-departmentId")}
<select id="measure-departmentId" name="measure-departmentId"${state(errors, "measure-departmentId", "measure-departmentId-hint")}>${option("", "選んでください", "measure-departmentId")}${s.departments.map((d) => option(String(d.id), d.name, "measure-departmentId"))}</select></div>
<button type="submit">追加する</button>
</form>`
}</section>
<section aria-labelledby="span-form-title"><h2 id="span-form-title">行程表に次の年度を加える</h2>
<p id="span"${errors.span ? html` class="field-error"` : ""}>今の期間の最後は${formatFiscalYearWithGregorian(s.lastFiscalYear)}です。${formatFiscalYearWithGregorian(s.lastFiscalYear + 1)}を加えると、行程表の入力欄にその年度が出ます。</p>
<form method="post" action="${base}/span" class="staff-form">${csrf}
<button type="submit" class="button-secondary">${formatFiscalYearWithGregorian(s.lastFiscalYear + 1)}を加える</button>
</form></section>`,
  });
}

/**
 * The page of one group, item or measure: rename it; move an item or a measure; renumber a group
 * or an item; make a measure a re-listing, or retire it. Each form posts on its own.
 */
export function partPage(input: {
  session: StaffSession;
  structure: PlanStructure;
  kind: "groups" | "items" | "measures";
  id: number;
  name: string;
  values: StructureForm;
  errors: FieldErrors;
}) {
  const { structure: s, errors, values } = input;
  const v = (field: string) => values[field] ?? "";
  const base = structureBase(s.plan.slug);
  const here = `${base}/${input.kind}/${input.id}`;
  const csrf = csrfField(input.session.csrfToken);
  const heading = `「${input.name}」の変更`;
  const measure = s.measures.find((m) => m.id === input.id);
  const note = s.open
    ? `ここでの変更は基準日 ${formatWarekiWithGregorian(s.open.as_of)} の報告期の内容として記録され、公表するまで公開サイトには出ません。公表済みの報告期は、公表したときの構成と名称のままです。`
    : s.periods.length === 0
      ? "この計画にはまだ報告期がないため、変更はすぐに公開サイトに反映されます。"
      : "受付中の報告期がありません。公表済みの報告期の内容を守るため、構成は報告期を開いてから変更します。";
  const option = (value: string, label: string, field: string) =>
    html`<option value="${value}"${v(field) === value ? " selected" : ""}>${label}</option>`;
  const itemLevel = s.levels.find((l) => l.key === "item")?.name ?? "項目";
  const renumber =
    input.kind === "measures"
      ? ""
      : html`<section aria-labelledby="renumber-title"><h2 id="renumber-title">番号を変える</h2>
<form method="post" action="${here}/renumber" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "number")}"><label for="number">番号</label>${fieldError(errors, "number")}
<input id="number" name="number" type="text" inputmode="numeric" maxlength="9" autocomplete="off" value="${v("number")}"${state(errors, "number")}></div>
<div class="${cls(errors, "label")}"><label for="label">${input.kind === "items" ? "記号" : "表示する番号"}</label>${fieldError(errors, "label")}
<input id="label" name="label" type="text" maxlength="10" autocomplete="off" value="${v("label")}"${state(errors, "label")}></div>
<button type="submit">番号を変える</button>
</form></section>`;
  const move =
    input.kind === "groups"
      ? ""
      : html`<section aria-labelledby="move-title"><h2 id="move-title">場所を移す</h2>
<form method="post" action="${here}/move" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "parentId")}"><label for="parentId">移す先</label>${fieldError(errors, "parentId")}
<select id="parentId" name="parentId"${state(errors, "parentId")}>${option("", "選んでください", "parentId")}${
          input.kind === "items"
            ? s.groups.map((g) => option(String(g.id), groupName(s, g), "parentId"))
            : s.items.map((i) => option(String(i.id), itemName(s, i), "parentId"))
        }</select></div>
<button type="submit">移す</button>
</form></section>`;
  const measureForms = !measure
    ? ""
    : html`<section aria-labelledby="relisting-title"><h2 id="relisting-title">再掲</h2>
<form method="post" action="${here}/relisting" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "originalCode")}"><label for="originalCode">再掲元の取組ID</label>
<p class="hint" id="originalCode-hint">この取組を、別の${itemLevel}の取組の再掲にします。空にすると再掲でなくなります。</p>${fieldError(errors, "originalCode")}
<input id="originalCode" name="originalCode" type="text" maxlength="32" autocomplete="off" spellcheck="false" value="${v("originalCode")}"${state(errors, "originalCode", "originalCode-hint")}></div>
<button type="submit">再掲を設定する</button>
</form></section>
<section aria-labelledby="retire-title"><h2 id="retire-title">廃止</h2>
${
  measure.retiredIn
    ? html`<p>基準日 ${measure.retiredIn} の報告期から廃止されています。</p>`
    : html`<p id="retire"${errors.retire ? html` class="field-error"` : ""}>廃止した取組は、それまでの報告期には残り、受付中の報告期とそれより後の報告期には表示されません。</p>
<form method="post" action="${here}/retire" class="staff-form">${csrf}
<button type="submit" class="button-secondary">この取組を廃止する</button>
</form>`
}</section>`;
  return staffLayout({
    session: input.session,
    path: here,
    title: heading,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: `${s.plan.title}の構成` },
    ],
    body: html`<h1>${heading}</h1>
${errorSummary(errors)}
<p id="period"${errors.period ? html` class="field-error"` : ""}>${note}</p>
<section aria-labelledby="title-title"><h2 id="title-title">名称を変える</h2>
<form method="post" action="${here}/title" class="staff-form" novalidate>${csrf}
<div class="${cls(errors, "title")}"><label for="title">新しい名称</label>${fieldError(errors, "title")}
<input id="title" name="title" type="text" maxlength="500" autocomplete="off" value="${v("title")}"${state(errors, "title")}></div>
<button type="submit">名称を変える</button>
</form></section>
${move}${renumber}${measureForms}`,
  });
}
