import { headingKey } from "./column-resolver.ts";
import type { SheetTable } from "./sheet-table.ts";
import { columnLetter } from "./sheet-table.ts";

/** The level words of Japanese plans, from the top down. */
const LEVEL_WORDS = ["基本目標", "政策", "施策", "基本事業", "分野", "区分", "項目"];
const MEASURE_WORDS = ["事務事業", "事業", "取組", "政策項目", "公約"];
const NUMBER = /(番号|No\.?|NO\.?|№|コード|ID)/u;
const TITLE = /(名称|名)$/u;
const DEPARTMENT = /(担当課|部課名|部局|担当部署|所管課|担当)/u;
const PROGRESS = /(進捗|状況|実績|評価理由|取組内容)/u;
const STATUS = /(評価|判定|方向性|区分)$/u;
/** 2025, 2025年度, R7, 令和7年度, H29, 平成29年度 (any width). */
const YEAR = /^(?:(\d{4})|(?:令和|R)(\d{1,2}|元)|(?:平成|H)(\d{1,2}|元))(?:年度?)?$/u;

/** The sheet's fiscal year from a heading in any notation, or null. */
export function headingFiscalYear(heading: string): number | null {
  const m = YEAR.exec(headingKey(heading).replace(/^[A-Z]\./u, (s) => s[0] ?? ""));
  if (!m) return null;
  const n = (s: string) => (s === "元" ? 1 : Number(s));
  if (m[1]) return Number(m[1]);
  if (m[2]) return 2018 + n(m[2]);
  if (m[3]) return 1988 + n(m[3]);
  return null;
}

/** The heading row: the first row within the first ten with at least half of its cells filled. */
function headerRowOf(sheet: SheetTable): number {
  const width = sheet.rows.reduce((n, r) => Math.max(n, r.length), 0);
  const index = sheet.rows
    .slice(0, 10)
    .findIndex((r) => r.filter((c) => c !== "").length >= Math.max(2, width / 2));
  return index < 0 ? 1 : index + 1;
}

/**
 * A starting mapping for a person to correct, from the headings of a sheet: level words (政策,
 * 施策…) with their 番号 and 名 columns, the measure, 担当課, 進捗, 評価 and fiscal-year columns
 * in any notation; every other filled heading becomes a custom field.
 * @example JSON.stringify(suggestMapping(sheets[0], "jigyo.xlsx"), null, 2)
 */
export function suggestMapping(sheet: SheetTable, file: string): Record<string, unknown> {
  const headerRow = headerRowOf(sheet);
  const headings = (sheet.rows[headerRow - 1] ?? []).map((h, i) => ({
    text: h,
    key: headingKey(h),
    column: columnLetter(i),
  }));
  const used = new Set<string>();
  const take = (found: { column: string } | undefined) => {
    if (found) used.add(found.column);
    return found?.column;
  };
  const find = (test: (key: string) => boolean) =>
    headings.find((h) => h.key !== "" && !used.has(h.column) && test(h.key));

  const levelOf = (word: string) => {
    // A number split over several columns (十の位 / 一の位) is joined in order.
    const numbers = headings.filter(
      (h) => !used.has(h.column) && h.key.startsWith(word) && NUMBER.test(h.key),
    );
    for (const h of numbers) used.add(h.column);
    const number = numbers.length > 1 ? numbers.map((h) => h.column) : numbers[0]?.column;
    const title = take(find((k) => k.startsWith(word) && (TITLE.test(k) || k === word)));
    return number || title
      ? { name: word, ...(number ? { number } : {}), ...(title ? { title } : {}) }
      : undefined;
  };
  const measureWord = MEASURE_WORDS.find((w) => headings.some((h) => h.key.startsWith(w)));
  const measure = measureWord
    ? {
        name: measureWord,
        id: take(find((k) => k.startsWith(measureWord) && NUMBER.test(k))),
        title: take(find((k) => k.startsWith(measureWord) && (TITLE.test(k) || k === measureWord))),
      }
    : { name: "取組", title: "（取組名の列を指定してください）" };
  const levels = LEVEL_WORDS.filter((w) => w !== measureWord)
    .map(levelOf)
    .filter((l) => l !== undefined);
  const department = take(find((k) => DEPARTMENT.test(k)));
  const status = take(find((k) => STATUS.test(k)));
  const progress = take(find((k) => PROGRESS.test(k)));
  const roadmap: Record<string, string> = {};
  for (const h of headings) {
    const year = headingFiscalYear(h.text);
    if (year !== null && !used.has(h.column) && roadmap[year] === undefined) {
      roadmap[year] = h.column;
      used.add(h.column);
    }
  }
  const fields: Record<string, string> = {};
  for (const h of headings)
    if (h.key !== "" && !used.has(h.column) && fields[h.text.replace(/\s+/gu, "")] === undefined)
      fields[h.text.replace(/\s+/gu, "")] = h.column;

  return {
    sheet: sheet.name,
    headerRow,
    plan: { title: file.replace(/\.[^.]+$/u, ""), asOf: "YYYY-MM-DD" },
    levels: levels.length > 0 ? levels : [{ name: "（階層の名前）", title: "（列）" }],
    measure: Object.fromEntries(Object.entries(measure).filter(([, v]) => v !== undefined)),
    ...(department ? { department } : {}),
    ...(progress ? { progress } : {}),
    ...(Object.keys(roadmap).length > 0 ? { roadmap } : {}),
    ...(status ? { status: { column: status } } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}
