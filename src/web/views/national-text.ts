import { defineMessages, type Lang } from "../i18n/messages.ts";

/**
 * The UI text of the national pages: the index of organizations and plans, an organization's
 * page and the search across every plan. `{name}` marks a value filled in by {@link nationalTextWith}.
 */
export const nationalText = defineMessages(
  {
    intro:
      "全国の地方公共団体が公表している計画の一覧です。都道府県ごとに、団体と計画を並べています。",
    totals: "{organizations}団体・{plans}計画",
    jumpList: "都道府県から探す",
    prefectureCounts: "{organizations}団体・{plans}計画",
    otherPrefecture: "その他",
    latestAsOf: "{date}時点（{iso}）",
    notPublished: "公表前",
    organizationMeta: "{prefecture}・全国地方公共団体コード {code}",
    organizationPlans: "計画",
    noPlansHere: "この団体が公表している計画はまだありません。",
    planSpan: "計画期間",
    latestProgress: "最新の進捗状況",
    overviewLink: "計画の概要",
    planSearchLink: "この計画の取組を検索",
    organizationNotFound:
      "全国地方公共団体コード「{code}」の団体は見つかりませんでした。URL をお確かめください。",
    backToIndex: "全国の計画の一覧に戻る",
    searchTitle: "全国の計画から取組を検索",
    searchIntro:
      "公表されているすべての計画の最新の進捗状況から、取組名・項目名・行程表・進捗状況の文章で取組を探します。",
    searchOrganizationIntro: "{organization}の計画の最新の進捗状況から取組を探します。",
    query: "キーワード",
    queryHint:
      "1文字から探せます。ひらがなとカタカナ、全角と半角、英字の大文字と小文字は区別しません。空白で区切った言葉は、すべてを含む取組を探します。",
    submit: "検索",
    filterLegend: "絞り込み（任意）",
    prefecture: "都道府県",
    organization: "団体",
    organizationHint:
      "都道府県を選んで「この条件で検索」を押すと、その都道府県の団体から選べます。",
    all: "すべて",
    submitFilters: "この条件で検索",
    reset: "条件をすべて解除",
    resultsHeading: "検索結果",
    resultsTitle: "「{query}」の検索結果（{total}件）",
    resultsTitleCapped: "「{query}」の検索結果（{total}件以上）",
    count: "「{query}」に一致する取組は{total}件です（{from}〜{to}件目を表示）。",
    countCapped:
      "「{query}」に一致する取組は{total}件以上あります（{from}〜{to}件目を表示）。多すぎるため、最近公表された計画の{total}件を関連度順に並べています。言葉を足すか、都道府県や団体で絞り込むと、一致するものすべてから並べます。",
    countBeyond: "「{query}」に一致する取組は{total}件です。このページに表示する結果はありません。",
    noResults:
      "「{query}」に一致する取組は見つかりませんでした。言葉を短くする、別の言い方にする、絞り込みを解除するなどしてお試しください。",
    empty: "探したい言葉を入力して「検索」を押してください。",
    symbolsOnly:
      "「{query}」には検索に使える文字（文字や数字）が含まれていません。記号は検索に使われません。",
    truncated: "キーワードが長すぎるため、先頭の{max}文字で検索しました。",
    plan: "計画",
    item: "項目",
    status: "状況区分",
    unset: "未設定",
    progress: "進捗状況",
    roadmapAt: "行程表・{year}",
    pagination: "検索結果のページ送り",
    previous: "前の{n}件",
    next: "次の{n}件",
    indicatorSearchLink: "指標名で探す（全国の計画の指標）",
  },
  {
    intro:
      "The plans published by Japan's local governments, by prefecture: each organization with its plans.",
    totals: "Organizations: {organizations}, plans: {plans}",
    jumpList: "Go to a prefecture",
    prefectureCounts: "organizations: {organizations}, plans: {plans}",
    otherPrefecture: "Other",
    latestAsOf: "as of {date} ({iso})",
    notPublished: "not published yet",
    organizationMeta: "{prefecture}, local government code {code}",
    organizationPlans: "Plans",
    noPlansHere: "This organization has not published a plan yet.",
    planSpan: "Plan period",
    latestProgress: "Latest progress",
    overviewLink: "Overview of the plan",
    planSearchLink: "Search this plan's measures",
    organizationNotFound:
      "No organization has the local government code “{code}”. Please check the URL.",
    backToIndex: "Back to the list of plans",
    searchTitle: "Search the measures of every plan",
    searchIntro:
      "Find measures in the latest progress of every published plan, by the words of their titles, their items' titles, the roadmap and the progress.",
    searchOrganizationIntro: "Find measures in the latest progress of {organization}'s plans.",
    query: "Keywords",
    queryHint:
      "One character is enough. Hiragana and katakana, full-width and half-width, capitals and small letters are treated alike. Words separated by spaces find the measures that contain all of them.",
    submit: "Search",
    filterLegend: "Narrow down (optional)",
    prefecture: "Prefecture",
    organization: "Organization",
    organizationHint:
      "Choose a prefecture and press “Search with these filters” to choose among its organizations.",
    all: "All",
    submitFilters: "Search with these filters",
    reset: "Clear all",
    resultsHeading: "Results",
    resultsTitle: "Results for “{query}” ({total})",
    resultsTitleCapped: "Results for “{query}” ({total} or more)",
    count: "Measures matching “{query}”: {total} (showing {from}–{to}).",
    countCapped:
      "Measures matching “{query}”: {total} or more (showing {from}–{to}). With so many, the {total} from the most recently published plans are ranked. Add words, or narrow by prefecture or organization, to rank every match.",
    countBeyond: "Measures matching “{query}”: {total}. There are no results on this page.",
    noResults: "No measure matches “{query}”. Try fewer or other words, or clear the filters.",
    empty: "Type what you are looking for and press “Search”.",
    symbolsOnly: "“{query}” has no letters or digits to search for. Symbols are not searched.",
    truncated: "The keywords were too long: the first {max} characters were searched.",
    plan: "Plan",
    item: "Item",
    status: "Status",
    unset: "Not set",
    progress: "Progress",
    roadmapAt: "Roadmap, {year}",
    pagination: "Pages of results",
    previous: "Previous {n}",
    next: "Next {n}",
    indicatorSearchLink: "Search indicators by name (every plan)",
  },
);

export type NationalTextKey = Parameters<typeof nationalText>[1];

/**
 * A text of {@link nationalText} with its `{name}` placeholders filled.
 * @example nationalTextWith("ja", "totals", { organizations: 1, plans: 1 }) // "1団体・1計画"
 */
export function nationalTextWith(
  lang: Lang,
  key: NationalTextKey,
  values: Record<string, string | number>,
): string {
  return nationalText(lang, key).replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
