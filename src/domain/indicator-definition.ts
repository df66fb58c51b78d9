import { formatFiscalYearWithGregorian, parseFiscalYear } from "./fiscal-year.ts";
import type { AchievementForm, IndicatorDirection, IndicatorValue } from "./indicator.ts";
import { parseDecimal } from "./indicator-value.ts";

/** The indicator form as typed: every field a string, targets by the fiscal year of their field. */
export interface IndicatorDefinitionForm {
  name: string;
  unit: string;
  kind: string;
  direction: string;
  source: string;
  achievementForm: string;
  baselineYear: string;
  baselineValue: string;
  /** Typed targets by fiscal year (the `target-2014` fields). */
  targets: Record<number, string>;
  finalYear: string;
  finalValue: string;
}

/** An indicator's definition as stored: baseline and targets are fiscal-year values. */
export interface IndicatorDefinition {
  name: string;
  unit: string | null;
  kind: string;
  direction: IndicatorDirection | null;
  source: string | null;
  achievementForm: AchievementForm;
  values: IndicatorValue[];
}

/** The form field of a fiscal year's target (`target-2014`), named by the errors. */
export const targetField = (fiscalYear: number) => `target-${fiscalYear}`;

const DIRECTIONS: Record<string, IndicatorDirection | null> = {
  "": null,
  increase: "increase",
  decrease: "decrease",
  maintain: "maintain",
};

const oneLine = (text: string) => text.replace(/\s+/gu, " ").trim();

/**
 * Check a typed indicator against the plan's kinds and fiscal-year span: every problem is named
 * by its field (`name`, `kind`, `target-2014`…), so a form can show them all at once. Numbers
 * follow `parseDecimal` (full-width digits, `3,437`, `▲12`); fiscal years may be 西暦 or 和暦.
 * @example checkIndicatorDefinition(form, { kinds: ["成果指標"], firstFiscalYear: 2012, lastFiscalYear: 2015 }).errors // {} when all is well
 */
export function checkIndicatorDefinition(
  form: IndicatorDefinitionForm,
  plan: { kinds: readonly string[]; firstFiscalYear: number; lastFiscalYear: number },
): { definition: IndicatorDefinition | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const span = `${formatFiscalYearWithGregorian(plan.firstFiscalYear)}から${formatFiscalYearWithGregorian(plan.lastFiscalYear)}`;
  const name = oneLine(form.name);
  if (name === "") errors.name = "指標名を入力してください";
  else if (name.length > 200)
    errors.name = `指標名は200文字以内にしてください（今は${name.length}文字）`;
  const unit = oneLine(form.unit);
  if (unit.length > 50) errors.unit = "単位は50文字以内にしてください";
  const source = form.source.trim();
  if (source.length > 500) errors.source = "出典は500文字以内にしてください";
  if (!plan.kinds.includes(form.kind))
    errors.kind = `種類は計画の種類（${plan.kinds.join("、")}）から選んでください`;
  const direction = Object.hasOwn(DIRECTIONS, form.direction)
    ? DIRECTIONS[form.direction]
    : undefined;
  if (direction === undefined)
    errors.direction = "方向は「増やす」「減らす」「維持」から選んでください";
  const achievementForm =
    form.achievementForm === "ratio" ? "ratio" : form.achievementForm === "auto" ? "auto" : null;
  if (achievementForm === null) errors.achievementForm = "達成率の算式を選んでください";
  const values: IndicatorValue[] = [];
  const number = (field: string, text: string, what: string) => {
    const value = parseDecimal(text);
    if (value === null)
      errors[field] = `${what}は数値で入力してください（「${oneLine(text)}」は数値ではありません）`;
    return value;
  };
  const year = (field: string, text: string, what: string, earliest: number) => {
    const fy = parseFiscalYear(text);
    if (fy === null)
      errors[field] = `${what}の年度は「2013」や「平成25年度」のように入力してください`;
    else if (fy < earliest || fy > plan.lastFiscalYear)
      errors[field] =
        `${what}の年度は${earliest === plan.firstFiscalYear ? span : `${formatFiscalYearWithGregorian(plan.lastFiscalYear)}まで`}の年度にしてください`;
    else return fy;
    return null;
  };
  if (form.baselineValue.trim() !== "" || form.baselineYear.trim() !== "") {
    const value = number("baselineValue", form.baselineValue, "基準値");
    let fy: number | null = null;
    if (form.baselineYear.trim() === "") errors.baselineYear = "基準値の年度を入力してください";
    else fy = year("baselineYear", form.baselineYear, "基準値", 1868);
    if (form.baselineValue.trim() === "") errors.baselineValue = "基準値を入力してください";
    if (value !== null && fy !== null)
      values.push({
        kind: "baseline",
        fiscalYear: fy,
        final: false,
        periodAsOf: null,
        value,
        note: null,
      });
  }
  for (const [key, text] of Object.entries(form.targets).sort(
    ([a], [b]) => Number(a) - Number(b),
  )) {
    const fy = Number(key);
    const field = targetField(fy);
    if (fy < plan.firstFiscalYear || fy > plan.lastFiscalYear) {
      errors[field] = `目標値の年度 ${fy}年度は計画の期間（${span}）の外です`;
      continue;
    }
    if (text.trim() === "") continue;
    const value = number(field, text, `${formatFiscalYearWithGregorian(fy)}の目標値`);
    if (value !== null)
      values.push({
        kind: "target",
        fiscalYear: fy,
        final: false,
        periodAsOf: null,
        value,
        note: null,
      });
  }
  if (form.finalValue.trim() !== "" || form.finalYear.trim() !== "") {
    const value = number("finalValue", form.finalValue, "最終目標値");
    if (form.finalValue.trim() === "") errors.finalValue = "最終目標値を入力してください";
    const fy =
      form.finalYear.trim() === ""
        ? null
        : year("finalYear", form.finalYear, "最終目標値", plan.firstFiscalYear);
    if (value !== null && !errors.finalYear)
      values.push({
        kind: "target",
        fiscalYear: fy,
        final: true,
        periodAsOf: null,
        value,
        note: null,
      });
  }
  if (Object.keys(errors).length > 0 || direction === undefined || achievementForm === null)
    return { definition: null, errors: inFormOrder(errors) };
  return {
    definition: {
      name,
      unit: unit === "" ? null : unit,
      kind: form.kind,
      direction,
      source: source === "" ? null : source,
      achievementForm,
      values,
    },
    errors,
  };
}

const FIELD_ORDER = [
  "name",
  "unit",
  "kind",
  "direction",
  "baselineYear",
  "baselineValue",
  "target-",
  "finalYear",
  "finalValue",
  "source",
  "achievementForm",
];

/** The errors in the order of the form's fields, so the summary reads top to bottom. */
function inFormOrder(errors: Record<string, string>): Record<string, string> {
  const rank = (field: string) =>
    FIELD_ORDER.findIndex((f) => field === f || (f.endsWith("-") && field.startsWith(f)));
  return Object.fromEntries(
    Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)),
  );
}
