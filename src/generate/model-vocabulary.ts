import { extractFigures } from "../domain/figure-extractor.ts";
import { draftGroups, draftItems, type PlanDraft } from "../domain/plan-draft.ts";
import { parseRoadmapCell } from "../domain/roadmap-entry.ts";

/** The status codes of the default scheme whose narratives the vocabulary sorts phrases into. */
export type PhraseStatus =
  | "completed"
  | "in_progress"
  | "preparing"
  | "not_started"
  | "discontinued";

/**
 * What generated plans are made of: the model report's titles, roadmap activities and
 * narrative phrases (sorted by the status their ending suggests), and the units its figures
 * use. Pure: built from a draft read once by the report-text reader.
 */
export interface Vocabulary {
  groupTitles: string[];
  itemTitles: string[];
  measureTitles: string[];
  activities: string[];
  phrases: Record<PhraseStatus, string[]>;
  /** Units of the model's figures (人, 件, 電停…). */
  units: string[];
}

// Endings, most telling first: 整備中止が決定 is a discontinuation, not a decision made.
const ENDINGS: Array<[PhraseStatus, RegExp]> = [
  ["discontinued", /(中止|廃止|見送)/u],
  ["completed", /(済|完了|終了|決定|開設|開業|策定|設置|達成|認定|受賞)(した|しました)?$/u],
  ["preparing", /(検討中|準備中|調整中|協議中|予定|検討|準備|調整|計画中|設計中)$/u],
  ["in_progress", /(中|実施|推進|展開|取り組む|開催|継続|運営|提供|支援|強化|促進)$/u],
];

/** Phrases a model narrative never states for these statuses: a few written here. */
const NOT_STARTED = [
  "事業着手に向けて情報を収集",
  "関係機関との協議に着手する予定",
  "次年度以降に着手予定",
  "実施時期を含めて今後検討",
];

/**
 * Collect the vocabulary of a plan draft (the model report, read by `readReportText`).
 * @example vocabularyFromDraft(draft).phrases.completed // ["平成24年4月1日付けで設置済", …]
 */
export function vocabularyFromDraft(draft: PlanDraft): Vocabulary {
  const items = draftItems(draft);
  const measures = items.flatMap((i) => i.measures).filter((m) => m.relisting === null);
  const phrases: Record<PhraseStatus, string[]> = {
    completed: [],
    in_progress: [],
    preparing: [],
    not_started: [...NOT_STARTED],
    discontinued: [],
  };
  const units = new Set<string>();
  for (const m of measures) {
    if (!m.progress) continue;
    for (const figure of extractFigures(m.progress)) if (figure.unit) units.add(figure.unit);
    for (const phrase of m.progress.split(/[\s。]+/u)) {
      const text = phrase.replace(/[、,]$/u, "").trim();
      if ([...text].length < 6) continue;
      const status = ENDINGS.find(([, pattern]) => pattern.test(text))?.[0] ?? "in_progress";
      phrases[status].push(text);
    }
  }
  if (phrases.discontinued.length === 0) phrases.discontinued.push("整備中止が決定");
  const activities = measures.flatMap((m) =>
    m.roadmap
      .map((r) => parseRoadmapCell(r.text))
      .filter((c) => !c.none && c.addition !== null)
      .map((c) => c.addition as string),
  );
  return {
    groupTitles: unique([...draft.pillars, ...draftGroups(draft)].map((g) => g.title)),
    itemTitles: unique(items.filter((i) => i.number !== null).map((i) => i.title)),
    measureTitles: unique(measures.map((m) => m.title)),
    activities: unique(activities),
    phrases: {
      completed: unique(phrases.completed),
      in_progress: unique(phrases.in_progress),
      preparing: unique(phrases.preparing),
      not_started: unique(phrases.not_started),
      discontinued: unique(phrases.discontinued),
    },
    units: [...units].filter((u) => u.length <= 3).sort(),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.trim() !== ""))];
}
