import { parseWarekiDate } from "../../domain/era.ts";

interface TitleLine {
  line: number;
  text: string;
}

/**
 * Read the title page: the plan's title, the as-of date (`(平成 25 年 9 月末時点)`) and the
 * publication month (`平成 25 年 11 月`). The table header's `進捗状況(…時点)` is the fallback
 * for the as-of date and must agree with the title page when both give one.
 */
export function readTitlePage(
  lines: TitleLine[],
  headerCells: string[],
  fail: (line: number, message: string, field?: string) => never,
) {
  const texts = lines
    .map((l) => ({ line: l.line, text: l.text.replace(/\s+/gu, " ").trim() }))
    .filter((l) => l.text !== "");
  const headerProgress = headerCells.find((c) => c.startsWith("進捗状況")) ?? "";
  const headerAsOf = parseWarekiDate(headerProgress);

  let asOf: string | null = null;
  let publishedOn: string | null = null;
  const titleParts: string[] = [];
  for (const { line, text } of texts) {
    const date = parseWarekiDate(text);
    if (date && /時点|現在/u.test(text)) {
      if (date.precision !== "day") fail(line, `基準日「${text}」に日がありません`, "基準日");
      asOf = date.iso;
    } else if (date && asOf !== null && publishedOn === null) {
      publishedOn = date.iso;
    } else if (date === null) {
      titleParts.push(text);
    }
  }
  if (headerAsOf && asOf && headerAsOf.iso !== asOf) {
    fail(
      texts[0]?.line ?? 1,
      `表紙の基準日 ${asOf} と表の見出しの基準日 ${headerAsOf.iso} が異なります`,
      "基準日",
    );
  }
  asOf ??= headerAsOf?.precision === "day" ? headerAsOf.iso : null;
  if (asOf === null)
    return fail(texts[0]?.line ?? 1, "基準日（「…時点」）が見つかりません", "基準日");

  const documentTitle = titleParts.join("");
  const planTitle = documentTitle
    .replace(/[（(]\s*行程表\s*[)）]/gu, "")
    .replace(/進捗状況$/u, "")
    .trim();
  if (planTitle === "") return fail(texts[0]?.line ?? 1, "表紙に計画名がありません", "計画名");
  return { planTitle, documentTitle, asOf, publishedOn };
}
