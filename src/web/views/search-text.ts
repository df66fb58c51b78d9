import { defineMessages, type Lang } from "../i18n/messages.ts";

/** The UI text of the search page. `{name}` marks a value filled in by {@link searchTextWith}. */
export const searchText = defineMessages(
  {
    title: "取組の検索",
    resultsTitle: "「{query}」の検索結果（{total}件）",
    intro: "取組名・項目名・行程表・進捗状況の文章から、取組を探します。",
    query: "キーワード",
    queryHint:
      "1文字から探せます。ひらがなとカタカナ、全角と半角、英字の大文字と小文字は区別しません。空白で区切った言葉は、すべてを含む取組を探します。",
    filterLegend: "絞り込み（任意）",
    period: "報告期",
    periodOption: "{date}時点（{iso}）",
    status: "状況区分",
    all: "すべて",
    unset: "未設定",
    pillar: "柱",
    category: "区分",
    fiscalYear: "年度",
    fiscalYearHint: "選んだ年度の行程表に取組（「—」以外）がある取組に絞ります。",
    department: "担当課",
    departmentHint: "選んだ課が主担当または関係課として担当する取組に絞ります。",
    submit: "検索",
    submitFilters: "この条件で検索",
    reset: "条件をすべて解除",
    resultsHeading: "検索結果",
    count: "「{query}」に一致する取組は{total}件です（{from}〜{to}件目を表示）。",
    countBeyond: "「{query}」に一致する取組は{total}件です。このページに表示する結果はありません。",
    noResults:
      "「{query}」に一致する取組は見つかりませんでした。言葉を短くする、別の言い方にする、絞り込みを解除するなどしてお試しください。",
    empty: "探したい言葉を入力して「検索」を押してください。",
    symbolsOnly:
      "「{query}」には検索に使える文字（文字や数字）が含まれていません。記号は検索に使われません。",
    truncated: "キーワードが長すぎるため、先頭の{max}文字で検索しました。",
    item: "項目",
    measureCode: "取組ID",
    searchedPeriod: "{period}の進捗状況",
    progress: "進捗状況",
    roadmapAt: "行程表・{year}",
    relistedAt: "再掲先",
    unnumberedItem: "番号のない項目「{title}」",
    pagination: "検索結果のページ送り",
    previous: "前の{n}件",
    next: "次の{n}件",
  },
  {
    title: "Search measures",
    resultsTitle: "Results for “{query}” ({total})",
    intro:
      "Find measures by the words of their titles, their items' titles, the roadmap and the progress.",
    query: "Keywords",
    queryHint:
      "One character is enough. Hiragana and katakana, full-width and half-width, capitals and small letters are treated alike. Words separated by spaces find the measures that contain all of them.",
    filterLegend: "Narrow down (optional)",
    period: "Reporting period",
    periodOption: "as of {date} ({iso})",
    status: "Status",
    all: "All",
    unset: "Not set",
    pillar: "Pillar",
    category: "Category",
    fiscalYear: "Fiscal year",
    fiscalYearHint: "Only measures with an activity (anything but “—”) in that year's roadmap.",
    department: "Responsible department",
    departmentHint: "Only measures the department leads or contributes to.",
    submit: "Search",
    submitFilters: "Search with these filters",
    reset: "Clear all",
    resultsHeading: "Results",
    count: "Measures matching “{query}”: {total} (showing {from}–{to}).",
    countBeyond: "Measures matching “{query}”: {total}. There are no results on this page.",
    noResults: "No measure matches “{query}”. Try fewer or other words, or clear the filters.",
    empty: "Type what you are looking for and press “Search”.",
    symbolsOnly: "“{query}” has no letters or digits to search for. Symbols are not searched.",
    truncated: "The keywords were too long: the first {max} characters were searched.",
    item: "Item",
    measureCode: "Measure ID",
    searchedPeriod: "progress {period}",
    progress: "Progress",
    roadmapAt: "Roadmap, {year}",
    relistedAt: "Re-listed at",
    unnumberedItem: "the unnumbered item “{title}”",
    pagination: "Pages of results",
    previous: "Previous {n}",
    next: "Next {n}",
  },
);

export type SearchTextKey = Parameters<typeof searchText>[1];

/**
 * A text of {@link searchText} with its `{name}` placeholders filled.
 * @example searchTextWith("ja", "truncated", { max: 200 }) // "キーワードが長すぎるため、先頭の200文字で検索しました。"
 */
export function searchTextWith(
  lang: Lang,
  key: SearchTextKey,
  values: Record<string, string | number>,
): string {
  return searchText(lang, key).replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
