import { defineMessages, type Lang } from "../i18n/messages.ts";

/**
 * The UI text of the national indicator search (`/indicators`). `{name}` marks a value filled in
 * by {@link nationalIndicatorTextWith}.
 */
export const nationalIndicatorText = defineMessages(
  {
    title: "全国の計画から指標を探す",
    intro:
      "すべての計画の指標から、指標名に言葉を含むものを団体の順に並べます。実績値は最新の年度のもの（年度途中の値は公表された報告期のもの）、達成率はその年度の目標値に対するものです。",
    query: "指標名に含まれる言葉",
    queryHint:
      "1文字から探せます。ひらがなとカタカナ、全角と半角、英字の大文字と小文字は区別しません。空白で区切った言葉は、すべてを含む指標を探します。",
    prefecture: "都道府県",
    all: "すべて",
    submit: "検索",
    resultsHeading: "検索結果",
    resultsTitle: "指標名「{query}」の検索結果（{total}件）",
    resultsTitleCapped: "指標名「{query}」の検索結果（{total}件以上）",
    count: "指標名に「{query}」を含む指標は{total}件です（{from}〜{to}件目を表示）。",
    countCapped:
      "指標名に「{query}」を含む指標は{total}件以上あります（{from}〜{to}件目を表示）。多すぎるため、最近登録された{total}件を団体の順に並べています。言葉を足すか、都道府県で絞り込むと、一致するものすべてから並べます。",
    countBeyond:
      "指標名に「{query}」を含む指標は{total}件です。このページに表示する結果はありません。",
    noResults:
      "指標名に「{query}」を含む指標は見つかりませんでした。言葉を短くする、別の言い方にする、絞り込みを解除するなどしてお試しください。",
    empty: "探したい指標名の言葉を入力して「検索」を押してください。",
    symbolsOnly:
      "「{query}」には検索に使える文字（文字や数字）が含まれていません。記号は検索に使われません。",
    truncated: "言葉が長すぎるため、先頭の{max}文字で検索しました。",
    caption: "指標名「{query}」の検索結果 {from}〜{to}件目",
    organization: "団体・計画",
    indicator: "指標",
    owner: "対象",
    latest: "最新の実績値",
    target: "目標値",
    achievement: "達成率（評価）",
    none: "—",
    pagination: "検索結果のページ送り",
    previous: "前の{n}件",
    next: "次の{n}件",
    measureSearchLink: "取組を探す（全国の計画から取組を検索）",
  },
  {
    title: "Search the indicators of every plan",
    intro:
      "Indicators of every plan whose name holds the words, by organization. The result is the latest fiscal year's (mid-year values from published reporting periods only); the achievement is against that year's target.",
    query: "Words in the indicator's name",
    queryHint:
      "One character is enough. Hiragana and katakana, full-width and half-width, capitals and small letters are treated alike. Words separated by spaces find the indicators that contain all of them.",
    prefecture: "Prefecture",
    all: "All",
    submit: "Search",
    resultsHeading: "Results",
    resultsTitle: "Indicators named “{query}” ({total})",
    resultsTitleCapped: "Indicators named “{query}” ({total} or more)",
    count: "Indicators whose name holds “{query}”: {total} (showing {from}–{to}).",
    countCapped:
      "Indicators whose name holds “{query}”: {total} or more (showing {from}–{to}). With so many, the {total} most recently stored are listed by organization. Add words, or choose a prefecture, to list every match.",
    countBeyond:
      "Indicators whose name holds “{query}”: {total}. There are no results on this page.",
    noResults:
      "No indicator's name holds “{query}”. Try fewer or other words, or choose every prefecture.",
    empty: "Type words of an indicator's name and press “Search”.",
    symbolsOnly: "“{query}” has no letters or digits to search for. Symbols are not searched.",
    truncated: "The words were too long: the first {max} characters were searched.",
    caption: "Indicators named “{query}”, {from}–{to}",
    organization: "Organization and plan",
    indicator: "Indicator",
    owner: "Of",
    latest: "Latest result",
    target: "Target",
    achievement: "Achievement (score)",
    none: "—",
    pagination: "Pages of results",
    previous: "Previous {n}",
    next: "Next {n}",
    measureSearchLink: "Search measures instead (every plan)",
  },
);

export type NationalIndicatorTextKey = Parameters<typeof nationalIndicatorText>[1];

/** A text of {@link nationalIndicatorText} with its `{name}` placeholders filled. */
export function nationalIndicatorTextWith(
  lang: Lang,
  key: NationalIndicatorTextKey,
  values: Record<string, string | number>,
): string {
  return nationalIndicatorText(lang, key).replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
