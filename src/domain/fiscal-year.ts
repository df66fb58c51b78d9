/**
 * Japanese fiscal years (年度), April to March, identified by the Gregorian year they start in:
 * 平成25年度 is 2013, from 2013-04-01 to 2014-03-31. Pure functions, no I/O.
 */
import { ERAS, eraOf, eraYearToGregorian, findEra, formatEraYear, parseIsoDate } from "./era.ts";

/** The first fiscal year that has an era name: FY1868 ends in 明治. */
const FIRST_FISCAL_YEAR = 1868;

/**
 * The fiscal year a date falls in.
 * @example fiscalYearOf("2013-03-31") // 2012
 * @example fiscalYearOf("2013-04-01") // 2013
 */
export function fiscalYearOf(isoDate: string): number {
  const { year, month } = parseIsoDate(isoDate);
  return month >= 4 ? year : year - 1;
}

/**
 * The first and last days of a fiscal year.
 * @example fiscalYearRange(2013) // { start: "2013-04-01", end: "2014-03-31" }
 */
export function fiscalYearRange(fy: number): { start: string; end: string } {
  if (!Number.isInteger(fy) || fy < 1000 || fy > 9998) {
    throw new RangeError(`Not a fiscal year: ${fy}`);
  }
  return { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
}

/** The era and era year a fiscal year is named by: see {@link formatFiscalYear}. */
function eraOfFiscalYear(fy: number) {
  if (!Number.isInteger(fy) || fy < FIRST_FISCAL_YEAR) {
    throw new RangeError(`No era name for fiscal year ${fy}`);
  }
  const atEnd = eraOf(fiscalYearRange(fy).end);
  return atEnd.year >= 2 ? { era: atEnd.era, year: atEnd.year - 1 } : eraOf(`${fy}-12-31`);
}

/**
 * A fiscal year in the era calendar, with 元年度 for an era's first. When the era changes during
 * the fiscal year, the era in force on its last day (31 March) names it, as the government
 * writes 令和元年度 for FY2019 although it began in 平成31年; but when that era only began in the
 * January to March of the year after, the fiscal year keeps the era of the calendar year it
 * starts in (FY1988 is 昭和63年度, not 平成0年度). Throws a RangeError before FY1868.
 * @example formatFiscalYear(2012) // "平成24年度"
 * @example formatFiscalYear(2019) // "令和元年度"
 * @example formatFiscalYear(1988) // "昭和63年度"
 */
export function formatFiscalYear(fy: number): string {
  const { era, year } = eraOfFiscalYear(fy);
  return `${formatEraYear(era, year)}度`;
}

/**
 * A fiscal year in the era calendar followed by its Gregorian year in full-width brackets.
 * @example formatFiscalYearWithGregorian(2012) // "平成24年度（2012年度）"
 */
export function formatFiscalYearWithGregorian(fy: number): string {
  return `${formatFiscalYear(fy)}（${fy}年度）`;
}

const ERA_PREFIX = `(${ERAS.map((e) => e.name).join("|")}|[${ERAS.map((e) => e.letter).join("")}])?`;
const FISCAL_YEAR = new RegExp(`^${ERA_PREFIX}(\\d{1,4}|元)(?:年度|\\(年度\\))?$`, "iu");

/**
 * Reads a fiscal year: 平成25年度, 令和元年度, H25, h25年度, R2, 24(年度), 24（年度）, ２５, 2013年度,
 * 2013. A bare number below 100 is a year of `context.era` (a name or a letter); without an era
 * in the context it gives null, as does an era year the era never reached in a fiscal year
 * (平成32年度, 昭和64年度) and anything else.
 * @example parseFiscalYear("平成25年度") // 2013
 * @example parseFiscalYear("24(年度)", { era: "平成" }) // 2012
 * @example parseFiscalYear("24") // null
 */
export function parseFiscalYear(text: string, context: { era?: string } = {}): number | null {
  const m = FISCAL_YEAR.exec(text.normalize("NFKC").replace(/\s+/gu, ""));
  if (!m) return null;
  const [, eraText, digits = ""] = m;
  if (eraText === undefined && digits.length === 4) {
    const fy = Number(digits);
    return fy >= FIRST_FISCAL_YEAR && fy <= 9998 ? fy : null;
  }
  const era = eraText ?? context.era;
  const eraYear = digits === "元" ? 1 : Number(digits);
  if (era === undefined || digits.length > 2 || eraYear < 1) return null;
  const found = findEra(era);
  if (!found) return null;
  let fy: number;
  try {
    fy = eraYearToGregorian(found.name, eraYear);
  } catch {
    return null;
  }
  // The era must be in force on a day of the fiscal year: 平成31年度 yes, 昭和64年度 no.
  const { start, end } = fiscalYearRange(fy);
  const next = ERAS[ERAS.indexOf(found) + 1];
  return found.start <= end && (next === undefined || next.start > start) ? fy : null;
}
