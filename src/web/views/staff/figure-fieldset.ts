import { html } from "hono/html";
import { FIGURE_QUALIFIERS } from "../../../domain/confirmed-figure.ts";
import type { FigureRow } from "../../staff/figure-form.ts";
import { describedBy, type FieldErrors, fieldError } from "./staff-form.ts";

const KIND_LABEL: Record<FigureRow["kind"], string> = {
  stored: "確定済み",
  proposed: "本文から読み取った候補",
  new: "手で追加",
};

function input(
  errors: FieldErrors,
  name: string,
  label: string,
  value: string,
  options: { hint?: string; maxlength: number; numeric?: boolean },
) {
  const hintId = options.hint ? `${name}-hint` : undefined;
  const described = describedBy(errors, name, hintId);
  return html`<div class="field field-inline${errors[name] ? " field-has-error" : ""}"><label for="${name}">${label}</label>${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ""}${fieldError(errors, name)}
<input id="${name}" name="${name}" type="text" value="${value}" maxlength="${options.maxlength}"${options.numeric ? html` inputmode="decimal" autocomplete="off"` : ""}${described ? html` aria-describedby="${described}"` : ""}${errors[name] ? html` aria-invalid="true"` : ""}></div>`;
}

function row(r: FigureRow, i: number, errors: FieldErrors) {
  const p = `figures.${i}`;
  const q = `${p}.qualifier`;
  const check =
    r.kind === "stored"
      ? { name: `${p}.remove`, label: "この数値を削除する" }
      : r.kind === "proposed"
        ? { name: `${p}.confirm`, label: "この数値を確定する" }
        : null;
  return html`<fieldset class="figure-row figure-${r.kind}"><legend>数値 ${i + 1}（${KIND_LABEL[r.kind]}）</legend>
<input type="hidden" name="${p}.kind" value="${r.kind}">
${check ? html`<div class="field field-checkbox"><input type="checkbox" id="${check.name}" name="${check.name}" value="1"${r.checked ? " checked" : ""}><label for="${check.name}">${check.label}</label></div>` : ""}
${input(errors, `${p}.value`, "値", r.value, { maxlength: 30, numeric: true })}
${input(errors, `${p}.total`, "全体の数（任意）", r.total, { maxlength: 30, numeric: true, hint: "「35電停中19電停」なら35" })}
${input(errors, `${p}.unit`, "単位（任意）", r.unit, { maxlength: 20 })}
<div class="field field-inline${errors[q] ? " field-has-error" : ""}"><label for="${q}">修飾語</label>${fieldError(errors, q)}
<select id="${q}" name="${q}"${errors[q] ? html` aria-invalid="true" aria-describedby="${q}-error"` : ""}><option value="">なし</option>${FIGURE_QUALIFIERS.map(
    (v) => html`<option value="${v}"${v === r.qualifier ? " selected" : ""}>${v}</option>`,
  )}${r.qualifier !== "" && !(FIGURE_QUALIFIERS as readonly string[]).includes(r.qualifier) ? html`<option value="${r.qualifier}" selected>${r.qualifier}</option>` : ""}</select></div>
${input(errors, `${p}.text`, "本文での表記（任意）", r.text, { maxlength: 200 })}
</fieldset>`;
}

/**
 * The 「数値」 fieldset of the progress form: the stored figures (each removable), the figures
 * read from the narrative that are not stored yet (each confirmed only by ticking it) and one
 * empty row to add a figure by hand. Works without script; every input has its label.
 */
export function figureFieldset(rows: readonly FigureRow[], errors: FieldErrors) {
  return html`<fieldset class="figures${errors.figures ? " field-has-error" : ""}" id="figures" aria-describedby="${describedBy(errors, "figures", "figures-hint")}"><legend>数値</legend>
<p class="hint" id="figures-hint">本文に書いた数値を、公開ページとオープンデータに載せる値として確定します。読み取った候補は「この数値を確定する」にチェックしたものだけが保存されます。30件まで。全角の数字やカンマ（６，４４１）も使えます。</p>
${fieldError(errors, "figures")}
${rows.map((r, i) => row(r, i, errors))}
</fieldset>`;
}
