import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importReportFile } from "../../src/import/report-importer.ts";
import type { Store } from "../../src/store/store.ts";
import type { StoreSeed } from "../store-targets.ts";

/** The model report committed as example data (Kumamoto City, as of 2013-09-30). */
export const MODEL_REPORT_PATH = fileURLToPath(
  new URL("../../examples/kumamoto-2013-09-30.txt", import.meta.url),
);
export const KUMAMOTO = { code: "431001", name: "熊本市" };

export function modelReportText(): string {
  return readFileSync(MODEL_REPORT_PATH, "utf8");
}

/**
 * A later report of the same plan made from the model report: another as-of date, some
 * progress rewritten, one roadmap cell revised, one measure added to item 56.
 */
export function laterReportText(): string {
  return modelReportText()
    .replace("(平成 25 年 9 月末時点)", "(平成 26 年 3 月末時点)")
    .replaceAll("進捗状況(平成25年9月末時点)", "進捗状況(平成26年3月末時点)")
    .replace("平成 25 年 11 月", "平成 26 年 5 月")
    .replace("新設含む10ヶ所の保育所整備を実施中", "新設含む10ヶ所の保育所整備が完了")
    .replace(
      "\t▪ 家庭的保育事業の実施\t事業開始\t⇒\t",
      "\t▪ 小規模保育の推進\t—\t検討\t小規模保育の実施に向けて検討中\n\t▪ 家庭的保育事業の実施\t事業開始\t⇒\t",
    )
    .replace(
      "\t▪ 熊本城マラソンの開催\t開催\t⇒\t",
      "\t▪ 熊本城マラソンの開催\t開催\t⇒ 第3回大会\t",
    );
}

/**
 * The model report imported into an empty store, built once per test process and copied for
 * each test (see `seededStore`).
 * @example const { store, value: { planSlug } } = await seededStore(dialect, modelReportSeed);
 */
export const modelReportSeed: StoreSeed<{ planSlug: string }> = {
  name: "model-report",
  build: async (store) => {
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    return { planSlug };
  },
};

/**
 * The statuses as the model report printed them: none. Clears the statuses an import suggested
 * from the narratives (「本文から自動判定」), for tests about confirmed statuses that set their own.
 * Run it before the app has served a page: it moves no data revision.
 */
export async function clearSuggestedStatuses(store: Store): Promise<void> {
  await store.db
    .updateTable("progress")
    .set({ status_code: null, status_suggested: 0, status_words: null })
    .where("status_suggested", "=", 1)
    .execute();
}
