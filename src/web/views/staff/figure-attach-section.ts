import { html } from "hono/html";
import { type ConfirmedFigure, formatFigure } from "../../../domain/confirmed-figure.ts";
import { formatWarekiWithGregorian } from "../../../domain/era.ts";
import { fiscalYearOf, formatFiscalYearWithGregorian } from "../../../domain/fiscal-year.ts";
import { csrfField, describedBy, type FieldErrors, fieldError } from "./staff-form.ts";

/** An indicator of the measure as the chooser lists it. */
export interface AttachableIndicator {
  code: string;
  name: string;
  unit: string | null;
}

/**
 * The measure's indicators for a figure: those of the figure's unit first (the first of them
 * chosen), then the rest in ID order.
 */
export function indicatorChoices(
  indicators: readonly AttachableIndicator[],
  unit: string | null,
): { options: AttachableIndicator[]; preferred: string } {
  const key = (u: string | null) => (u ?? "").normalize("NFKC").trim();
  const same = indicators.filter((i) => unit !== null && key(i.unit) === key(unit));
  const rest = indicators.filter((i) => !same.includes(i));
  return { options: [...same, ...rest], preferred: same[0]?.code ?? "" };
}

/**
 * One small form per confirmed figure of the open draft (`attach.N.*`): the measure's indicators
 * to choose from and one button that stores the figure's value as the chosen indicator's result
 * of the period. Separate forms after the draft form, so that Enter in the draft form still
 * saves the draft; nothing when there is no confirmed figure or no indicator.
 */
export function figureAttachSection(input: {
  csrfToken: string;
  action: string;
  asOf: string;
  figures: readonly ConfirmedFigure[];
  indicators: readonly AttachableIndicator[];
  /** The choice as posted when the form was refused. */
  chosen?: { figure: number; indicator: string } | undefined;
  errors: FieldErrors;
}) {
  if (input.figures.length === 0 || input.indicators.length === 0) return "";
  const { errors } = input;
  return html`<section aria-labelledby="figure-attach-title" class="figure-attach"><h2 id="figure-attach-title">確定した数値を指標の実績値にする</h2>
<p class="hint" id="figure-attach-hint">保存済みの数値を、この取組の指標の${formatFiscalYearWithGregorian(fiscalYearOf(input.asOf))}の実績値（${formatWarekiWithGregorian(input.asOf)}時点）として保存します。すでにこの報告期の実績値があれば置き換えます。上のフォームで入力中の内容は保存されないので、先に保存してください。</p>
${input.figures.map((figure, i) => {
  const p = `attach.${i}`;
  const { options, preferred } = indicatorChoices(input.indicators, figure.unit);
  const chosen = input.chosen?.figure === i ? input.chosen.indicator : preferred;
  const select = `${p}.indicator`;
  return html`<form method="post" action="${input.action}" class="staff-form figure-attach-row" novalidate>${csrfField(input.csrfToken)}
<input type="hidden" name="figure" value="${i}"><input type="hidden" name="value" value="${String(figure.value)}">
<p id="${p}.value" tabindex="-1">数値 ${i + 1}: <strong>${formatFigure(figure)}</strong>${figure.text ? `（本文: ${figure.text}）` : ""}</p>${fieldError(errors, `${p}.value`)}
<div class="field field-inline${errors[select] ? " field-has-error" : ""}"><label for="${select}">数値 ${i + 1} を実績値にする指標</label>${fieldError(errors, select)}
<select id="${select}" name="indicator" aria-describedby="${describedBy(errors, select, "figure-attach-hint")}"${errors[select] ? html` aria-invalid="true"` : ""}><option value="">選んでください</option>${options.map(
    (o) =>
      html`<option value="${o.code}"${o.code === chosen ? " selected" : ""}>${o.name}${o.unit ? `（${o.unit}）` : ""}</option>`,
  )}</select></div>
<button type="submit" class="button-secondary">数値 ${i + 1} を指標の実績値として保存</button></form>`;
})}
</section>`;
}
