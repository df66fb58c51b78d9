/**
 * What an import did: counts, warnings with line numbers, and what was dropped as page
 * furniture. Printed by the CLI and kept in the store beside the reporting period.
 */

export type FurnitureKind =
  | "title-page"
  | "page-title"
  | "table-header"
  | "table-of-contents"
  | "pillar-label"
  | "area-label"
  | "merged-label"
  | "footer";

export interface Furniture {
  line: number;
  kind: FurnitureKind;
  text: string;
}

export type MessageLevel = "warning" | "info";

export interface ImportMessage {
  level: MessageLevel;
  line: number | null;
  /** A stable id for the kind of message, e.g. `relisting-progress-differs`. */
  code: string;
  message: string;
}

export interface ImportCounts {
  pillars: number;
  areas: number;
  categories: number;
  items: number;
  unnumberedItems: number;
  measures: number;
  relistings: number;
  roadmapEntries: number;
  progressEntries: number;
}

export interface ImportReport {
  source: string;
  asOf: string | null;
  counts: ImportCounts;
  /** What matched existing records when a later report of the same plan was imported. */
  matched: { measures: number; added: number; missing: number } | null;
  messages: ImportMessage[];
  furniture: Furniture[];
}

/** Collects messages and furniture while a reader works. */
export class ImportReportBuilder {
  readonly messages: ImportMessage[] = [];
  readonly furniture: Furniture[] = [];

  constructor(readonly source: string) {}

  warn(line: number | null, code: string, message: string): void {
    this.messages.push({ level: "warning", line, code, message });
  }

  info(line: number | null, code: string, message: string): void {
    this.messages.push({ level: "info", line, code, message });
  }

  dropped(line: number, kind: FurnitureKind, text: string): void {
    this.furniture.push({ line, kind, text });
  }
}

/** The report as lines of text for a terminal. */
export function formatImportReport(report: ImportReport): string {
  const c = report.counts;
  const lines = [
    `取込結果: ${report.source}`,
    `  基準日 ${report.asOf ?? "不明"}`,
    `  柱 ${c.pillars} / 分野 ${c.areas} / 区分 ${c.categories} / 項目 ${c.items}（番号なし ${c.unnumberedItems}）`,
    `  取組 ${c.measures}（うち再掲 ${c.relistings}） / 行程 ${c.roadmapEntries} / 進捗 ${c.progressEntries}`,
  ];
  if (report.matched) {
    const m = report.matched;
    lines.push(
      `  既存の取組と照合 ${m.measures} / 追加 ${m.added} / 今回の報告になし ${m.missing}`,
    );
  }
  lines.push(`  ページ装飾として除外 ${report.furniture.length} 行`);
  const warnings = report.messages.filter((m) => m.level === "warning");
  lines.push(`  警告 ${warnings.length} 件 / 情報 ${report.messages.length - warnings.length} 件`);
  for (const m of report.messages) {
    const where = m.line === null ? "" : `${report.source}:${m.line}: `;
    lines.push(`  [${m.level === "warning" ? "警告" : "情報"}] ${where}${m.message} (${m.code})`);
  }
  return lines.join("\n");
}
