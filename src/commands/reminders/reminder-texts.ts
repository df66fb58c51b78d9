import { formatWarekiDate } from "../../domain/era.ts";
import { workingDaysBetween } from "../../domain/working-days.ts";

/** One e-mail's words: plain text, Japanese, with absolute links. */
export interface MailText {
  subject: string;
  body: string;
}

export interface PlanRef {
  slug: string;
  title: string;
  asOf: string;
  deadline: string | null;
}

export interface MeasureRef {
  code: string;
  title: string;
  itemNumber: number | null;
  reviewState: string;
}

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];
const STATE_NAMES: Record<string, string> = {
  carried: "未更新",
  submitted: "確認待ち",
  returned: "差戻し",
  accepted: "確認済",
};
/** Lines of measures listed in one message; the rest are counted, and the link shows them all. */
const MAX_LISTED = 50;

/** 令和8年5月8日（金）（2026-05-08） */
export function deadlineDate(date: string): string {
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? "";
  return `${formatWarekiDate(date)}（${weekday}）（${date}）`;
}

/** 「あと3営業日」, 「本日締切」 or 「締切を2営業日過ぎています」, counted in working days from today. */
export function daysLeft(today: string, deadline: string): string {
  const left = workingDaysBetween(today, deadline);
  if (today === deadline) return "本日が締切です";
  if (left > 0) return `あと${left}営業日`;
  if (today < deadline) return "締切日まで開庁日がありません";
  return left < 0 ? `締切を${-left}営業日過ぎています` : "締切を過ぎています";
}

/** One line, for a subject: a title with a line break must not start a header. */
const oneLine = (text: string) => text.replace(/\s+/gu, " ").trim();

const planUrl = (baseUrl: string, slug: string) =>
  `${baseUrl}/staff/plans/${encodeURIComponent(slug)}`;
const measureUrl = (baseUrl: string, slug: string, code: string) =>
  `${planUrl(baseUrl, slug)}/measures/${encodeURIComponent(code)}`;

function deadlineLine(plan: PlanRef, today: string): string {
  return plan.deadline
    ? `締切: ${deadlineDate(plan.deadline)}・${daysLeft(today, plan.deadline)}`
    : "締切: 未設定";
}

function footer(baseUrl: string): string {
  return [
    "",
    "--",
    "このメールは Shinchoku（行程表・進捗状況の管理）から自動で送信しています。返信には答えられません。",
    "お問い合わせは企画課へお願いします。",
    `メールでのお知らせを止めるには、アカウント設定で変更してください: ${baseUrl}/staff/account`,
  ].join("\n");
}

function measureLines(baseUrl: string, slug: string, measures: readonly MeasureRef[]): string[] {
  const lines = measures
    .slice(0, MAX_LISTED)
    .flatMap((m) => [
      `・No.${m.itemNumber ?? "—"} ${oneLine(m.title)}（${STATE_NAMES[m.reviewState] ?? m.reviewState}）`,
      `  ${measureUrl(baseUrl, slug, m.code)}`,
    ]);
  if (measures.length > MAX_LISTED)
    lines.push(`ほか${measures.length - MAX_LISTED}件（一覧: ${planUrl(baseUrl, slug)}）`);
  return lines;
}

/** To a department when a period opens: how many measures are theirs, the deadline, the list. */
export function periodOpenedText(input: {
  baseUrl: string;
  plan: PlanRef;
  department: string;
  measureCount: number;
  today: string;
}): MailText {
  const { baseUrl, plan } = input;
  const asOf = `${formatWarekiDate(plan.asOf, "monthEnd")}時点`;
  return {
    subject: oneLine(
      `【進捗報告のお願い】${plan.title}（${asOf}）${plan.deadline ? `締切 ${formatWarekiDate(plan.deadline)}` : ""}`,
    ),
    body: [
      `${input.department} ご担当者様`,
      "",
      `「${oneLine(plan.title)}」の進捗報告（${asOf}、${plan.asOf}）の受付を始めました。`,
      `${input.department}が担当する取組は ${input.measureCount} 件です。前回の内容をもとに、進捗状況と状況区分を更新して提出してください。`,
      "",
      deadlineLine(plan, input.today),
      "",
      "担当する取組の一覧:",
      planUrl(baseUrl, plan.slug),
      footer(baseUrl),
    ].join("\n"),
  };
}

/** To a department with missing updates, some working days before the deadline. */
export function deadlineReminderText(input: {
  baseUrl: string;
  plan: PlanRef;
  department: string;
  missing: readonly MeasureRef[];
  today: string;
}): MailText {
  const { baseUrl, plan } = input;
  const deadline = plan.deadline ?? input.today;
  return {
    subject: oneLine(
      `【進捗報告の締切】${daysLeft(input.today, deadline)}・${plan.title}（未提出 ${input.missing.length} 件）`,
    ),
    body: [
      `${input.department} ご担当者様`,
      "",
      `「${oneLine(plan.title)}」の進捗報告（${formatWarekiDate(plan.asOf, "monthEnd")}時点）で、${input.department}の取組のうち ${input.missing.length} 件がまだ提出されていません。`,
      "締切までに更新して提出してください。",
      "",
      deadlineLine(plan, input.today),
      "",
      "提出されていない取組:",
      ...measureLines(baseUrl, plan.slug, input.missing),
      footer(baseUrl),
    ].join("\n"),
  };
}

/** To the department of a measure the planning division returned, with the reviewer's comment. */
export function returnedText(input: {
  baseUrl: string;
  plan: PlanRef;
  department: string;
  measure: MeasureRef;
  reviewer: string;
  comment: string;
  today: string;
}): MailText {
  const { baseUrl, plan, measure } = input;
  return {
    subject: oneLine(`【差戻し】${measure.title}（${measure.code}）の進捗状況`),
    body: [
      `${input.department} ご担当者様`,
      "",
      `「${oneLine(plan.title)}」の進捗報告（${formatWarekiDate(plan.asOf, "monthEnd")}時点）で、次の取組の進捗状況が企画課から差し戻されました。`,
      "",
      `取組: No.${measure.itemNumber ?? "—"} ${oneLine(measure.title)}（取組ID ${measure.code}）`,
      `差し戻した人: ${input.reviewer}`,
      "差戻しの理由:",
      ...input.comment.split(/\r\n|\r|\n/u).map((line) => `> ${line}`),
      "",
      "内容を直して、もう一度提出してください:",
      measureUrl(baseUrl, plan.slug, measure.code),
      "",
      deadlineLine(plan, input.today),
      footer(baseUrl),
    ].join("\n"),
  };
}

export interface DepartmentProgress {
  department: string | null;
  counts: Record<string, number>;
  reminded: boolean;
}

/** To the planning division: where each department stands, and who was reminded. */
export function digestText(input: {
  baseUrl: string;
  plan: PlanRef;
  departments: readonly DepartmentProgress[];
  today: string;
}): MailText {
  const { baseUrl, plan } = input;
  const missing = (d: DepartmentProgress) =>
    Object.entries(d.counts)
      .filter(([state]) => state !== "submitted" && state !== "accepted")
      .reduce((sum, [, n]) => sum + n, 0);
  const late = input.departments.filter((d) => missing(d) > 0);
  const total = (state: string) =>
    input.departments.reduce((sum, d) => sum + (d.counts[state] ?? 0), 0);
  return {
    subject: oneLine(
      `【進捗報告の状況】${plan.title}・未提出のある担当課 ${late.length}・${plan.deadline ? daysLeft(input.today, plan.deadline) : "締切未設定"}`,
    ),
    body: [
      "企画課 ご担当者様",
      "",
      `「${oneLine(plan.title)}」の進捗報告（${formatWarekiDate(plan.asOf, "monthEnd")}時点）の状況です（${deadlineDate(input.today)}現在）。`,
      deadlineLine(plan, input.today),
      "",
      `全体: ${Object.entries(STATE_NAMES)
        .map(([state, name]) => `${name} ${total(state)}`)
        .join("・")}`,
      "",
      "担当課ごと（未更新・差戻し・確認待ち・確認済）:",
      ...input.departments.map(
        (d) =>
          `・${d.department ?? "担当課未設定"}: ${["carried", "returned", "submitted", "accepted"].map((s) => d.counts[s] ?? 0).join("・")}${d.reminded ? "（催促のメールを送りました）" : ""}`,
      ),
      "",
      "未提出の取組の一覧（担当課別）:",
      `${planUrl(baseUrl, plan.slug)}/board`,
      footer(baseUrl),
    ].join("\n"),
  };
}
