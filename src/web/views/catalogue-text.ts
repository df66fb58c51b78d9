import { defineMessages, type Lang } from "../i18n/messages.ts";

/**
 * The UI text of the open-data catalogue (`/data`, `/plans/:slug/downloads`). `{name}` marks a
 * value filled in by {@link catalogueTextWith}.
 */
export const catalogueText = defineMessages(
  {
    title: "オープンデータ",
    intro:
      "公開している計画の行程表と進捗状況を、機械判読に適した CSV・JSON と、Excel・PDF でダウンロードできます。報告期（時点）ごとに、すべてのファイルを掲載しています。",
    plansHeading: "計画ごとのダウンロード",
    planLink: "{plan}（{organization}）のダウンロード一覧",
    noPlans: "公開されている計画はまだありません。",
    downloadsTitle: "オープンデータ（ダウンロード）",
    licenceHeading: "利用条件",
    licence:
      "これらのデータは {licence} の下で提供しています。利用するときは出典（{organization}「{plan}」）を表示してください。",
    licenceAll: "これらのデータは {licence} の下で提供しています。",
    encodingNote:
      "CSV の文字コードは UTF-8（BOM 付き）です。BOM なしが必要なときは「BOM なし」のリンクをお使いください。日付は西暦（YYYY-MM-DD）、地方公共団体は全国地方公共団体コード（6桁）で示しています。",
    periodHeading: "{date}時点のデータ",
    caption: "{date}時点のダウンロード（{n}件）",
    noPeriods: "公表された報告期はまだありません。",
    data: "データ",
    format: "形式",
    encoding: "文字コード",
    size: "ファイルサイズ",
    download: "ダウンロード",
    withoutBom: "BOM なし",
    binary: "—（バイナリ）",
    utf8Bom: "UTF-8（BOM 付き）",
    utf8: "UTF-8",
    bytes: "{n} バイト",
    kilobytes: "{kb} KB（{n} バイト）",
    "measures.csv": "取組と進捗状況",
    "roadmap.csv": "行程表（取組・年度ごと）",
    "indicators.csv": "指標（基準値・目標値・実績値、指標・年度ごと）",
    "plan.json": "計画全体（階層・行程表・進捗状況）",
    "report.pdf": "報告書（行程表と進捗状況、A4横）",
    "plan.xlsx": "取組の一覧（担当課への照会用）",
  },
  {
    title: "Open data",
    intro:
      "Download the roadmaps and progress of the published plans as machine-readable CSV and JSON, and as Excel and PDF files. Every file is listed for each reporting period.",
    plansHeading: "Downloads by plan",
    planLink: "Downloads of {plan} ({organization})",
    noPlans: "No plan has been published yet.",
    downloadsTitle: "Open data (downloads)",
    licenceHeading: "Terms of use",
    licence:
      "This data is provided under {licence}. When you use it, credit the source ({organization}, “{plan}”).",
    licenceAll: "This data is provided under {licence}.",
    encodingNote:
      "CSV files are UTF-8 with a BOM; use the “without BOM” links if you need them without. Dates are Gregorian (YYYY-MM-DD); organizations are given by their 6-digit local government code.",
    periodHeading: "Data as of {date}",
    caption: "Downloads as of {date} ({n} files)",
    noPeriods: "No reporting period has been published yet.",
    data: "Data",
    format: "Format",
    encoding: "Encoding",
    size: "File size",
    download: "Download",
    withoutBom: "without BOM",
    binary: "— (binary)",
    utf8Bom: "UTF-8 with BOM",
    utf8: "UTF-8",
    bytes: "{n} bytes",
    kilobytes: "{kb} KB ({n} bytes)",
    "measures.csv": "Measures and progress",
    "roadmap.csv": "Roadmap (by measure and fiscal year)",
    "indicators.csv": "Indicators (baseline, targets and results, by indicator and fiscal year)",
    "plan.json": "The whole plan (hierarchy, roadmap, progress)",
    "report.pdf": "Report (roadmap and progress, A4 landscape)",
    "plan.xlsx": "List of measures (for departments to fill in)",
  },
);

export type CatalogueTextKey = Parameters<typeof catalogueText>[1];

/** A text with its `{name}` placeholders filled in. */
export function catalogueTextWith(
  lang: Lang,
  key: CatalogueTextKey,
  values: Record<string, string | number>,
): string {
  return catalogueText(lang, key).replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
