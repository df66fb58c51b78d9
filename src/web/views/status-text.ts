import { defineMessages } from "../i18n/messages.ts";

/**
 * The UI text about where a status comes from (confirmed by the city, or suggested from the
 * narrative: 「本文から自動判定」), and about what changed since the previous period. `{name}`
 * marks a value filled in by the caller.
 */
export const statusText = defineMessages(
  {
    suggested: "本文から自動判定",
    suggestedShort: "自動判定",
    suggestedBucket: "{name}（自動判定）",
    suggestedWords: "判定の根拠：{words}",
    suggestedNote:
      "「自動判定」の状況区分は、進捗状況の本文の語句から機械的に判定したもので、市が判断した状況区分ではありません。担当課が確認すると、確定した状況区分に置き換わります。",
    suggestedCount:
      "このうち{n}件は本文から自動判定した状況区分で、確定した状況区分とは分けて数えています。",
    confirmed: "確定",
    statusChange: "状況区分の変更",
    statusChanged: "状況区分：{before} → {after}",
    changeCounts: "変更の内訳",
    newMeasures: "新しい取組",
    textChanged: "記述の変更",
    statusChanges: "状況区分の変更",
    legendHeading: "表示の見方",
    legendAdded: "追加された語句（下線、読み上げでは「追加」）",
    legendRemoved: "削除された語句（取り消し線、読み上げでは「削除」）",
    legendStatus: "状況区分が変わった取組（「状況区分：前 → 後」と表示）",
    legendNew: "前回の報告期になかった取組",
  },
  {
    suggested: "Suggested from the text",
    suggestedShort: "suggested",
    suggestedBucket: "{name} (suggested)",
    suggestedWords: "Suggested by: {words}",
    suggestedNote:
      "A “suggested” status was derived mechanically from words in the progress text; it is not the city's own judgement. It is replaced once the department confirms a status.",
    suggestedCount:
      "{n} of these are statuses suggested from the text, counted apart from confirmed statuses.",
    confirmed: "Confirmed",
    statusChange: "Status change",
    statusChanged: "Status: {before} → {after}",
    changeCounts: "Changes by kind",
    newMeasures: "New measures",
    textChanged: "Text changed",
    statusChanges: "Status changed",
    legendHeading: "How changes are shown",
    legendAdded: "Added words (underlined; read out as “added”)",
    legendRemoved: "Removed words (struck through; read out as “removed”)",
    legendStatus: "Measures whose status changed (shown as “Status: before → after”)",
    legendNew: "Measures not in the previous period",
  },
);

/** A status text with its `{name}` values filled in. */
export function statusTextWith(
  lang: Parameters<typeof statusText>[0],
  key: Parameters<typeof statusText>[1],
  values: Record<string, string | number>,
): string {
  return statusText(lang, key).replace(/\{(\w+)\}/gu, (_, name: string) =>
    String(values[name] ?? ""),
  );
}
