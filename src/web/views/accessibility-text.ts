import { defineMessages } from "../i18n/messages.ts";

/** The text of the accessibility pages (ウェブアクセシビリティ方針, 試験結果). `{name}` is filled in. */
export const accessibilityText = defineMessages(
  {
    policyTitle: "ウェブアクセシビリティ方針",
    policyHeading: "方針",
    policy:
      "{site}は、年齢や障害の有無、使う機器にかかわらず、だれもが行程表と進捗状況を知ることができるよう、ウェブアクセシビリティの確保と向上に取り組みます。",
    targetHeading: "目標とする適合レベル",
    target:
      "日本産業規格 JIS X 8341-3:2016「高齢者・障害者等配慮設計指針－情報通信における機器，ソフトウェア及びサービス－第3部：ウェブコンテンツ」の適合レベル AA に準拠することを目標とします（WCAG 2.1 のレベル AA に相当する確認を含みます）。",
    scopeHeading: "対象範囲",
    scope:
      "このサイトで公開しているすべてのページ：全国の計画の一覧、団体のページ、計画の概要・柱・分野・区分・項目のページ、取組の一覧、公表資料の形式の表、検索、データカタログ、このアクセシビリティのページ。職員向けの画面（/staff 以下）も同じ目標で作っています。",
    exceptionsHeading: "例外",
    exceptionPdf:
      "ダウンロードで提供する「公表資料の形式 PDF」は、紙の公表資料と同じ体裁を再現するためのもので、対象外とします。同じ内容は HTML の表（公表資料の形式）とオープンデータ（CSV・JSON）で提供しています。",
    exceptionData:
      "取り込んだ計画の本文（取組名・進捗状況など）は各団体が公表したとおりに表示します。文章の分かりやすさ（JIS X 8341-3 の AAA の達成基準を含む）は、それぞれの団体の原文によります。",
    exceptionChart:
      "状況区分の分布のグラフは画像として扱い、同じ数値をグラフの直後の表で提供しています。",
    howHeading: "確認の方法",
    how: "ページの種類ごとに、ブラウザ（Chromium）で axe-core による自動試験とキーボードだけによる操作の確認を、変更のたびに自動テストとして行っています。結果は「{results}」で公開しています。自動試験で確認できない達成基準は、この試験には含まれていません。",
    contactHeading: "お問い合わせ",
    contact:
      "見えにくい、使いにくいなどお気づきの点がありましたら、各計画のページの「お問い合わせ先」または{site}の運営者にお知らせください。",
    resultsTitle: "アクセシビリティ試験結果",
    resultsIntro:
      "この試験結果は、このサイトのプログラムに含まれる自動テスト（test/browser/accessibility.test.ts）が記録したものです。テストは、記録された結果と実際の結果が違うと失敗します。",
    summaryHeading: "試験の概要",
    date: "試験日",
    standard: "対象規格",
    level: "目標とする適合レベル",
    tool: "試験ツール",
    browser: "ブラウザ",
    rules: "確認した規則",
    rulesValue: "WCAG 2.1 のレベル A と AA に当たる axe-core の規則（{tags}）",
    scopeOfTest: "対象ページ",
    scopeValue: "ページの種類ごとに代表の1ページ、日本語と英語（{n}ページ）",
    passedPages: "違反がなかったページ",
    passedOf: "{n}ページ中{m}ページ",
    pagesHeading: "ページごとの結果",
    pagesCaption: "ページごとの axe-core の結果",
    pageColumn: "ページ",
    urlColumn: "URL",
    langColumn: "言語",
    violationsColumn: "違反",
    passesColumn: "適合した規則",
    incompleteColumn: "要確認",
    resultColumn: "結果",
    pass: "違反なし",
    fail: "違反あり",
    keyboardHeading: "キーボード操作の確認",
    keyboardCaption: "キーボードだけによる操作の確認",
    checkColumn: "確認した操作",
    passed: "できた",
    failed: "できなかった",
    limits:
      "自動試験で確認できるのは達成基準の一部です。代替テキストの適切さ、見出しや説明の分かりやすさなどは、人による確認が必要です。",
    langJa: "日本語",
    langEn: "英語",
    noResults: "試験結果はまだ記録されていません。",
  },
  {
    policyTitle: "Web accessibility policy",
    policyHeading: "Policy",
    policy:
      "{site} works to make its pages accessible, so that everyone can follow the roadmap and the progress of the plans, whatever their age, disability or device.",
    targetHeading: "Target",
    target:
      "Conformance level AA of the Japanese Industrial Standard JIS X 8341-3:2016 (Guidelines for older persons and persons with disabilities — Information and communications equipment, software and services — Part 3: Web content), which includes the checks of WCAG 2.1 level AA.",
    scopeHeading: "Scope",
    scope:
      "Every page this site publishes: the national list of plans, the organizations' pages, each plan's overview, pillar, area, category and item pages, the measure list, the table as published, search, the data catalogue and these accessibility pages. The staff pages (under /staff) are made to the same target.",
    exceptionsHeading: "Exceptions",
    exceptionPdf:
      "The “as published” PDF download reproduces the layout of the printed report and is not in scope. The same content is offered as an HTML table (as published) and as open data (CSV, JSON).",
    exceptionData:
      "The text of the imported plans (titles, progress) is shown as each organization published it; how easy it is to read (including the AAA criteria of JIS X 8341-3) depends on the original.",
    exceptionChart:
      "The chart of the distribution of statuses is an image; the same numbers are in the table right after it.",
    howHeading: "How it is checked",
    how: "For every type of page, automated tests check it in a browser (Chromium) with axe-core and operate it with the keyboard alone, at every change. The results are published as “{results}”. Success criteria that automated tests cannot check are not part of this test.",
    contactHeading: "Contact",
    contact:
      "If something is hard to see or use, please tell the contact given on the plan's pages or the operator of {site}.",
    resultsTitle: "Accessibility test results",
    resultsIntro:
      "These results were recorded by the automated test shipped with this site's software (test/browser/accessibility.test.ts). The test fails when the recorded results differ from what it finds.",
    summaryHeading: "Summary",
    date: "Date of the test",
    standard: "Standard",
    level: "Target level",
    tool: "Test tool",
    browser: "Browser",
    rules: "Rules checked",
    rulesValue: "The axe-core rules of WCAG 2.1 levels A and AA ({tags})",
    scopeOfTest: "Pages tested",
    scopeValue: "One page of each type, in Japanese and in English ({n} pages)",
    passedPages: "Pages without violations",
    passedOf: "{m} of {n} pages",
    pagesHeading: "Results by page",
    pagesCaption: "axe-core results by page",
    pageColumn: "Page",
    urlColumn: "URL",
    langColumn: "Language",
    violationsColumn: "Violations",
    passesColumn: "Rules passed",
    incompleteColumn: "To check",
    resultColumn: "Result",
    pass: "No violation",
    fail: "Violations",
    keyboardHeading: "Keyboard checks",
    keyboardCaption: "Operation with the keyboard alone",
    checkColumn: "What was done",
    passed: "Done",
    failed: "Not possible",
    limits:
      "Automated tests check only part of the success criteria. Whether alternative text fits, or headings and labels are clear, needs a person to check.",
    langJa: "Japanese",
    langEn: "English",
    noResults: "No test results have been recorded yet.",
  },
);
