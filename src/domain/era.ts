/**
 * Japanese eras (和暦): conversion, formatting and parsing of era dates.
 * Pure functions, no I/O. Dates are ISO strings (`YYYY-MM-DD`) read as calendar dates, so
 * nothing depends on the machine's time zone. Dates before 1873 are proleptic Gregorian, as in
 * ICU (`Intl.DateTimeFormat("ja-JP-u-ca-japanese")`), not the old lunisolar calendar.
 */

/**
 * An era's name.
 * @example const era: EraName = "令和";
 */
export type EraName = "明治" | "大正" | "昭和" | "平成" | "令和";

/**
 * A year in an era.
 * @example const heisei31: EraYear = { era: "平成", year: 31 };
 */
export interface EraYear {
  era: EraName;
  year: number;
}

/**
 * The eras, oldest first, with their one-letter abbreviations and Gregorian first days.
 * 明治 starts on 1868-10-23 (慶応4年9月8日 in the old calendar), the day ICU uses.
 * @example ERAS.at(-1) // { name: "令和", letter: "R", start: "2019-05-01" }
 */
export const ERAS: readonly { name: EraName; letter: string; start: string }[] = [
  { name: "明治", letter: "M", start: "1868-10-23" },
  { name: "大正", letter: "T", start: "1912-07-30" },
  { name: "昭和", letter: "S", start: "1926-12-25" },
  { name: "平成", letter: "H", start: "1989-01-08" },
  { name: "令和", letter: "R", start: "2019-05-01" },
];

const pad = (n: number) => String(n).padStart(2, "0");
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * The number of days in a Gregorian month.
 * @example daysInMonth(2016, 2) // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a strict ISO date; throws a RangeError for anything else (2013-02-30, 2013-9-30).
 * @example parseIsoDate("2013-09-30") // { year: 2013, month: 9, day: 30 }
 */
export function parseIsoDate(isoDate: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(isoDate);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${isoDate}`);
  }
  return { year, month, day };
}

/**
 * The era named by its name (平成, ㍻) or its letter (H, h, Ｈ), or undefined.
 * @example findEra("h")?.name // "平成"
 */
export function findEra(era: string): (typeof ERAS)[number] | undefined {
  const key = era.normalize("NFKC").trim();
  return ERAS.find((e) => e.name === key || e.letter === key.toUpperCase());
}

/**
 * The era and era year of a date. Throws a RangeError before 明治 (1868-10-23).
 * @example eraOf("2019-04-30") // { era: "平成", year: 31 }
 * @example eraOf("2019-05-01") // { era: "令和", year: 1 }
 */
export function eraOf(isoDate: string): EraYear {
  const { year } = parseIsoDate(isoDate);
  const era = ERAS.findLast((e) => e.start <= isoDate);
  if (!era) throw new RangeError(`No Japanese era before 明治 (${ERAS[0]?.start}): ${isoDate}`);
  return { era: era.name, year: year - Number(era.start.slice(0, 4)) + 1 };
}

/**
 * The Gregorian year of an era year, the era given by name or letter. Throws a RangeError for
 * an unknown era or a year the era never reached (平成32).
 * @example eraYearToGregorian("平成", 25) // 2013
 * @example eraYearToGregorian("r", 1) // 2019
 */
export function eraYearToGregorian(era: string, year: number): number {
  const found = findEra(era);
  if (!found) throw new RangeError(`Unknown era: ${era}`);
  const next = ERAS[ERAS.indexOf(found) + 1];
  const gregorian = Number(found.start.slice(0, 4)) + year - 1;
  const lastYear = next ? eraOf(dayBefore(next.start)).year : Number.POSITIVE_INFINITY;
  if (!Number.isInteger(year) || year < 1 || year > lastYear) {
    throw new RangeError(`${found.name} has no year ${year}`);
  }
  return gregorian;
}

function dayBefore(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  if (day > 1) return isoOf(year, month, day - 1);
  if (month > 1) return isoOf(year, month - 1, daysInMonth(year, month - 1));
  return isoOf(year - 1, 12, 31);
}

/**
 * The era year of a Gregorian year, month or day. A period an era change falls in takes the era
 * in force on its last day: 2019 is 令和1, 2019-04 is 平成31.
 * @example gregorianToEraYear(2019) // { era: "令和", year: 1 }
 * @example gregorianToEraYear(2019, 4) // { era: "平成", year: 31 }
 */
export function gregorianToEraYear(year: number, month = 12, day?: number): EraYear {
  return eraOf(isoOf(year, month, day ?? daysInMonth(year, month)));
}

/**
 * An era year as printed, with 元年 for the first year.
 * @example formatEraYear("令和", 1) // "令和元年"
 * @example formatEraYear("H", 25) // "平成25年"
 */
export function formatEraYear(era: string, year: number): string {
  const name = findEra(era)?.name ?? era;
  return `${name}${year === 1 ? "元" : year}年`;
}

/**
 * A date in the era calendar. `"monthEnd"` writes the last day of a month as 末.
 * @example formatWarekiDate("2013-09-30") // "平成25年9月30日"
 * @example formatWarekiDate("2013-09-30", "monthEnd") // "平成25年9月末"
 */
export function formatWarekiDate(isoDate: string, style: "full" | "monthEnd" = "full"): string {
  const { era, year } = eraOf(isoDate);
  const { year: y, month, day } = parseIsoDate(isoDate);
  const monthEnd = style === "monthEnd" && day === daysInMonth(y, month);
  return `${formatEraYear(era, year)}${month}月${monthEnd ? "末" : `${day}日`}`;
}

/**
 * A date in the era calendar followed by the Gregorian date in full-width brackets.
 * @example formatWarekiWithGregorian("2013-09-30") // "平成25年9月30日（2013年9月30日）"
 */
export function formatWarekiWithGregorian(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${formatWarekiDate(isoDate)}（${year}年${month}月${day}日）`;
}

/**
 * A parsed era date: a day, or a month when the text gives no day.
 * @example const published: WarekiDate = { iso: "2013-11", precision: "month" };
 */
export interface WarekiDate {
  iso: string;
  precision: "day" | "month";
}

const ERA_TOKEN = "(明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHRmtshr])";
const KANJI_DATE = new RegExp(
  `${ERA_TOKEN}?(?<!\\d)(\\d{1,2}|元)年(\\d{1,2})月(?:(末)日?|(\\d{1,2})日)?`,
  "gu",
);
const DOTTED_DATE = new RegExp(
  `${ERA_TOKEN}(\\d{1,2}|元)[./](\\d{1,2})(?:[./](\\d{1,2}))?(?![\\d]|[./]\\d)`,
  "gu",
);

/**
 * Finds the first era date in a text: 平成25年9月30日, 平成25年9月末 (its last day), 平成25年11月
 * (a month), H25.9.30, 令和元年5月1日, with full-width digits or the spaces of PDF extraction.
 * Without an era in the text, `defaultEra` applies (25年9月30日); without either, there is no
 * date. Returns null when there is no date or the first one is impossible (平成32年, 2月30日).
 * @example parseWarekiDate("（平成 25 年 9 月末時点）") // { iso: "2013-09-30", precision: "day" }
 * @example parseWarekiDate("平成25年11月") // { iso: "2013-11", precision: "month" }
 */
export function parseWarekiDate(
  text: string,
  options: { defaultEra?: string } = {},
): WarekiDate | null {
  const compact = text.normalize("NFKC").replace(/\s+/gu, "");
  const matches = [...compact.matchAll(KANJI_DATE), ...compact.matchAll(DOTTED_DATE)]
    .filter((m) => m[1] !== undefined || options.defaultEra !== undefined)
    .sort((a, b) => a.index - b.index);
  const m = matches[0];
  if (!m) return null;
  const [, eraText = options.defaultEra ?? "", yearText = "", monthText = "", ...rest] = m;
  const era = findEra(eraText);
  const eraYear = yearText === "元" ? 1 : Number(yearText);
  const month = Number(monthText);
  if (!era || eraYear < 1 || month < 1 || month > 12) return null;
  const year = Number(era.start.slice(0, 4)) + eraYear - 1;
  const inEra = (iso: string) => iso >= (ERAS[0]?.start ?? "") && eraOf(iso).era === era.name;
  const dayText = rest.find((r) => r !== undefined);
  if (dayText === undefined) {
    const first = isoOf(year, month, 1);
    const last = isoOf(year, month, daysInMonth(year, month));
    return inEra(first) || inEra(last) ? { iso: first.slice(0, 7), precision: "month" } : null;
  }
  const day = dayText === "末" ? daysInMonth(year, month) : Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const iso = isoOf(year, month, day);
  return inEra(iso) ? { iso, precision: "day" } : null;
}
