import { ShinchokuError } from "./errors.ts";
import type { FigureQualifier } from "./figure-extractor.ts";

/**
 * A figure (数値) of a progress narrative as a person confirmed it: stored beside the narrative,
 * shown on the public pages and exported. Pure, no I/O.
 */
export interface ConfirmedFigure {
  value: number;
  /** The whole the value is part of (`19` of `35`). */
  total: number | null;
  unit: string | null;
  qualifier: FigureQualifier | null;
  /** The text the figure was read from, as printed (empty for a figure added by hand). */
  text: string;
}

/** A figure as a form or a JSON body gives it: numbers may come as typed text. */
export interface FigureInput {
  value: number | string | null | undefined;
  total?: number | string | null | undefined;
  unit?: string | null | undefined;
  qualifier?: string | null | undefined;
  text?: string | null | undefined;
}

export const FIGURE_QUALIFIERS: readonly FigureQualifier[] = [
  "約",
  "以上",
  "以下",
  "未満",
  "超",
  "程度",
  "余",
];
export const MAX_FIGURES = 30;
export const MAX_FIGURE_UNIT_LENGTH = 20;
export const MAX_FIGURE_TEXT_LENGTH = 200;

/**
 * A typed number to a number: full-width digits, commas and spaces are accepted like their
 * half-width forms (「６，４４１」 → 6441). Commas only as thousands separators. Null when the
 * text is not a finite number.
 * @example readTypedNumber("１２．５") // 12.5
 */
export function readTypedNumber(text: string): number | null {
  const ascii = text
    .normalize("NFKC")
    .replace(/[\s]/gu, "")
    .replace(/^[−‐‑–—ー]/u, "-");
  if (!/^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/u.test(ascii)) return null;
  const n = Number(ascii.replace(/,/gu, ""));
  return Number.isFinite(n) ? n : null;
}

const isBlank = (v: unknown) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

function refuse(index: number, field: keyof FigureInput, message: string): never {
  throw new ShinchokuError("invalid_input", `${index + 1}件目の数値: ${message}`, {
    field: `figures.${index}.${field}`,
  });
}

function numberOf(input: number | string, index: number, field: "value" | "total"): number {
  const label = field === "value" ? "値" : "全体の数";
  const n = typeof input === "number" ? input : readTypedNumber(input);
  if (n === null || !Number.isFinite(n))
    refuse(index, field, `${label}を数字で入力してください（例: 6441、6,441）`);
  return n;
}

/**
 * Checks the figures a person confirmed and gives them in a normal form (numbers read, text
 * trimmed, blanks as null), in the order given.
 * @throws ShinchokuError `invalid_input` naming the field (`figures.2.value`) in Japanese.
 * @example validateFigures([{ value: "６，４４１", unit: "人" }])
 * // [{ value: 6441, total: null, unit: "人", qualifier: null, text: "" }]
 */
export function validateFigures(inputs: readonly FigureInput[]): ConfirmedFigure[] {
  if (inputs.length > MAX_FIGURES)
    throw new ShinchokuError(
      "invalid_input",
      `数値は${MAX_FIGURES}件までにしてください（${inputs.length}件）`,
      { field: "figures" },
    );
  return inputs.map((input, i) => {
    if (isBlank(input.value)) refuse(i, "value", "値を入力してください");
    const value = numberOf(input.value as number | string, i, "value");
    let total: number | null = null;
    if (!isBlank(input.total)) {
      total = numberOf(input.total as number | string, i, "total");
      if (total <= 0) refuse(i, "total", "全体の数は0より大きい数にしてください");
    }
    const unit = typeof input.unit === "string" ? input.unit.trim() : "";
    if (unit.length > MAX_FIGURE_UNIT_LENGTH)
      refuse(i, "unit", `単位は${MAX_FIGURE_UNIT_LENGTH}文字以内にしてください`);
    const text = typeof input.text === "string" ? input.text.trim() : "";
    if (text.length > MAX_FIGURE_TEXT_LENGTH)
      refuse(i, "text", `元の表記は${MAX_FIGURE_TEXT_LENGTH}文字以内にしてください`);
    const q = typeof input.qualifier === "string" ? input.qualifier.trim() : "";
    if (q !== "" && !FIGURE_QUALIFIERS.includes(q as FigureQualifier))
      refuse(i, "qualifier", `修飾語は${FIGURE_QUALIFIERS.join("・")}から選んでください`);
    return {
      value,
      total,
      unit: unit === "" ? null : unit,
      qualifier: q === "" ? null : (q as FigureQualifier),
      text,
    };
  });
}

/**
 * A figure as people read it: 「19 / 35 電停」, 「約 935 m」, 「31,000 人以上」.
 * @example formatFigure({ value: 935, total: null, unit: "m", qualifier: "約", text: "" }) // "約 935 m"
 */
export function formatFigure(f: ConfirmedFigure): string {
  const n = (x: number) => x.toLocaleString("ja-JP", { maximumFractionDigits: 10 });
  const number = f.total === null ? n(f.value) : `${n(f.value)} / ${n(f.total)}`;
  const unit = f.unit === null ? "" : ` ${f.unit}`;
  if (f.qualifier === null) return `${number}${unit}`;
  return f.qualifier === "約" ? `約 ${number}${unit}` : `${number}${unit}${f.qualifier}`;
}
