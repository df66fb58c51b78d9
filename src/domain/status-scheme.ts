/**
 * A plan's status scheme (状況区分の体系) is data: each plan stores its own list. This is the
 * default, which fits the model report; other cities bring their own.
 */
export interface StatusDefinition {
  code: string;
  name: string;
  /** For a value of a plan's own scale: its place on the default progress scale, when given. */
  progressStatus?: string | null;
}

export const DEFAULT_STATUS_SCHEME: readonly StatusDefinition[] = [
  { code: "completed", name: "完了" },
  { code: "in_progress", name: "実施中" },
  { code: "preparing", name: "検討・準備中" },
  { code: "not_started", name: "未着手" },
  { code: "discontinued", name: "中止" },
];
