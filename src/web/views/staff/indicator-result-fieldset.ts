import { html } from "hono/html";
import { formatWarekiDate } from "../../../domain/era.ts";
import { fiscalYearOf, formatFiscalYearWithGregorian } from "../../../domain/fiscal-year.ts";
import type { StoredIndicator } from "../../../store/queries/indicator-query.ts";
import { formatDecimal } from "../indicator-rows.ts";
import { describedBy, type FieldErrors, fieldError } from "./staff-form.ts";

/**
 * The draft form's fields for this period's indicator results (`indicator.I0001`), each with the
 * earlier results and the target of the year beside it; `typed` holds the field texts to show
 * (as stored, or as typed when the form was refused). Nothing when the measure has no indicator.
 */
export function indicatorResultFieldset(
  indicators: readonly StoredIndicator[],
  asOf: string,
  typed: Readonly<Record<string, string>>,
  errors: FieldErrors,
) {
  if (indicators.length === 0) return "";
  const fiscalYear = fiscalYearOf(asOf);
  return html`<fieldset class="indicator-results"><legend>指標の実績値（${formatFiscalYearWithGregorian(fiscalYear)}、${asOf}時点）</legend>
<p class="hint">数値だけを入力してください（「3,437」「12.5」「▲12」も可）。空欄は「実績なし」で、0 ではありません。</p>
${indicators.map((indicator) => {
  const name = `indicator.${indicator.code}`;
  const unit = indicator.unit ?? "";
  const earlier = indicator.values
    .filter((v) => v.kind === "result" && v.value !== null && v.periodAsOf !== asOf)
    .map(
      (v) =>
        `${v.fiscalYear === null ? "" : formatFiscalYearWithGregorian(v.fiscalYear)}${v.periodAsOf ? `（${formatWarekiDate(v.periodAsOf, "monthEnd")}時点）` : ""} ${formatDecimal(v.value ?? "")}${unit}`,
    );
  const targets = indicator.values.filter((v) => v.kind === "target" && v.value !== null);
  const target =
    targets.find((v) => v.fiscalYear === fiscalYear && !v.final) ??
    targets.find((v) => v.fiscalYear === fiscalYear) ??
    targets.find((v) => v.final);
  const baseline = indicator.values.find((v) => v.kind === "baseline" && v.value !== null);
  const hintId = `${name}-hint`;
  return html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${indicator.name}${unit ? `（${unit}）` : ""}</label>
<p class="hint" id="${hintId}">目標値: ${target ? `${formatDecimal(target.value ?? "")}${unit}（${target.fiscalYear === null ? "最終目標" : formatFiscalYearWithGregorian(target.fiscalYear)}${target.final && target.fiscalYear !== null ? "・最終目標" : ""}）` : "なし"}${baseline ? `・基準値: ${formatDecimal(baseline.value ?? "")}${unit}` : ""}・これまでの実績値: ${earlier.length > 0 ? earlier.join("、") : "なし"}</p>
${fieldError(errors, name)}<input id="${name}" name="${name}" type="text" value="${typed[indicator.code] ?? ""}" maxlength="30" inputmode="decimal" autocomplete="off" aria-describedby="${describedBy(errors, name, hintId)}"${errors[name] ? html` aria-invalid="true"` : ""}></div>`;
})}
</fieldset>`;
}

/** This period's stored results, as the fields' first texts. */
export function storedIndicatorResults(
  indicators: readonly StoredIndicator[],
  asOf: string,
): Record<string, string> {
  return Object.fromEntries(
    indicators.map((i) => [
      i.code,
      i.values.find((v) => v.kind === "result" && v.periodAsOf === asOf)?.value ?? "",
    ]),
  );
}

/** The results typed into a posted form: every `indicator.{ID}` field. */
export function postedIndicatorResults(
  body: Readonly<Record<string, unknown>>,
): Record<string, string> | null {
  const entries = Object.entries(body).flatMap(([key, value]) =>
    key.startsWith("indicator.") && typeof value === "string"
      ? [[key.slice("indicator.".length), value] as const]
      : [],
  );
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

/**
 * A period's results of a measure's indicators in one line for the review table
 * (「保育所の定員 1,320人」), or null when the measure has no indicator.
 */
export function indicatorResultsLine(
  indicators: readonly StoredIndicator[],
  asOf: string | null,
): string | null {
  if (indicators.length === 0) return null;
  const parts = indicators.flatMap((i) => {
    const v = i.values.find((x) => x.kind === "result" && asOf !== null && x.periodAsOf === asOf);
    return v?.value ? [`${i.name} ${formatDecimal(v.value)}${i.unit ?? ""}`] : [];
  });
  return parts.length === 0 ? "なし" : parts.join("、");
}
