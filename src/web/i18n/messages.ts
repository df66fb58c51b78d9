/**
 * The UI text of the public site in Japanese (first) and English. Content from the store (titles,
 * narratives) stays as written; only the frame around it is translated.
 */
export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];

const ja = {
  siteName: "Shinchoku 進捗",
  skipToContent: "本文へ移動",
  breadcrumbs: "パンくずリスト",
  footer: "Shinchoku — 行程表と進捗状況の公開（MIT ライセンスのオープンソース）",
  languageSwitch: "English",
  languageSwitchLabel: "Switch to English",
  plans: "計画の一覧",
  noPlans: "公開されている計画はまだありません。",
  notFoundTitle: "ページが見つかりません",
  notFoundPlan: "お探しの計画は見つかりませんでした。",
  notFoundPage: "お探しのページは見つかりませんでした。URL をお確かめください。",
  backToPlans: "計画の一覧に戻る",
  tableOfContents: "目次",
  openData: "オープンデータ（UTF-8、BOM付き）",
  measuresCsv: "取組と進捗状況 CSV",
  roadmapCsv: "行程表 CSV",
  json: "JSON",
  contact: "お問い合わせ先",
  roadmapAndProgress: "行程表と進捗状況",
  asOfSuffix: "時点",
  noProgressYet: "進捗の報告はまだありません",
  itemAndMeasure: "項目・取組",
  progress: "進捗状況",
  noEntry: "（記載なし）",
  none: "なし",
  continuedFrom: "前年度から継続",
  continuedBeforePlan: "計画期間より前の取組",
  relistingOf: "再掲",
  relistedAt: "再掲先",
  fiscalYearSuffix: "年度",
  accessibilityPolicy: "ウェブアクセシビリティ方針",
  accessibilityResults: "アクセシビリティ試験結果",
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  siteName: "Shinchoku",
  skipToContent: "Skip to main content",
  breadcrumbs: "Breadcrumbs",
  footer: "Shinchoku — publishing action-plan roadmaps and progress (open source, MIT licence)",
  languageSwitch: "日本語",
  languageSwitchLabel: "日本語に切り替える",
  plans: "Plans",
  noPlans: "No plan has been published yet.",
  notFoundTitle: "Page not found",
  notFoundPlan: "The plan you are looking for was not found.",
  notFoundPage: "The page you are looking for was not found. Please check the URL.",
  backToPlans: "Back to the list of plans",
  tableOfContents: "Contents",
  openData: "Open data (UTF-8 with BOM)",
  measuresCsv: "Measures and progress (CSV)",
  roadmapCsv: "Roadmap (CSV)",
  json: "JSON",
  contact: "Contact",
  roadmapAndProgress: "Roadmap and progress",
  asOfSuffix: "",
  noProgressYet: "No progress has been reported yet",
  itemAndMeasure: "Item / measure",
  progress: "Progress",
  noEntry: "(none given)",
  none: "none",
  continuedFrom: "continued from the previous year",
  continuedBeforePlan: "an activity from before the plan",
  relistingOf: "Re-listed from",
  relistedAt: "Re-listed at",
  fiscalYearSuffix: "",
  accessibilityPolicy: "Web accessibility policy",
  accessibilityResults: "Accessibility test results",
};

/**
 * A catalog of UI text: Japanese first, English with exactly the same keys (the type checks it).
 * Each part of the site keeps its own catalog beside its views, so they are edited independently.
 * @example
 * const searchText = defineMessages({ results: "検索結果" }, { results: "Search results" });
 * searchText("en", "results") // "Search results"
 */
export function defineMessages<K extends string>(
  jaText: Record<K, string>,
  enText: Record<K, string>,
) {
  const catalog: Record<Lang, Record<K, string>> = { ja: jaText, en: enText };
  return (lang: Lang, key: K): string => catalog[lang][key];
}

/**
 * The UI text shared by every page (the frame, errors, the report table).
 * @example t("en", "progress") // "Progress"
 */
export const t = defineMessages<MessageKey>(ja, en);
