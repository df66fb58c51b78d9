import { eraOf, formatWarekiDate, parseIsoDate } from "../../domain/era.ts";
import { formatFiscalYear, formatFiscalYearWithGregorian } from "../../domain/fiscal-year.ts";
import type { Lang } from "./messages.ts";

/** The eras' names in English (Hepburn, without macrons, as the government writes them). */
const ERA_EN: Record<string, string> = {
  明治: "Meiji",
  大正: "Taisho",
  昭和: "Showa",
  平成: "Heisei",
  令和: "Reiwa",
};
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The era year a fiscal year is named by, read back from its Japanese name (平成25年度 → Heisei 25). */
function eraYearOfFiscalYear(fy: number): string {
  const m = /^(明治|大正|昭和|平成|令和)(元|\d+)年度$/u.exec(formatFiscalYear(fy));
  if (!m) return "";
  return `${ERA_EN[m[1] ?? ""] ?? m[1]} ${m[2] === "元" ? 1 : m[2]}`;
}

/**
 * A fiscal year for a reader: 平成25年度 in Japanese, "FY2013 (Heisei 25)" in English.
 * @example fiscalYearText("en", 2019) // "FY2019 (Reiwa 1)"
 */
export function fiscalYearText(lang: Lang, fy: number): string {
  return lang === "ja" ? formatFiscalYear(fy) : `FY${fy} (${eraYearOfFiscalYear(fy)})`;
}

/**
 * A fiscal year with its Gregorian year where Japanese needs it: 平成25年度（2013年度）, or
 * "FY2013 (Heisei 25)" in English.
 */
export function fiscalYearWithGregorianText(lang: Lang, fy: number): string {
  return lang === "ja" ? formatFiscalYearWithGregorian(fy) : fiscalYearText(lang, fy);
}

/**
 * A date for a reader: 平成25年9月末 (the last day of a month as 末) in Japanese,
 * "30 September 2013 (Heisei 25)" in English.
 * @example dateText("en", "2019-05-01") // "1 May 2019 (Reiwa 1)"
 */
export function dateText(
  lang: Lang,
  isoDate: string,
  style: "full" | "monthEnd" = "monthEnd",
): string {
  if (lang === "ja") return formatWarekiDate(isoDate, style);
  const { year, month, day } = parseIsoDate(isoDate);
  const era = eraOf(isoDate);
  return `${day} ${MONTHS_EN[month - 1]} ${year} (${ERA_EN[era.era]} ${era.year})`;
}
