import { html } from "hono/html";
import { formatWarekiDate } from "../../../domain/era.ts";
import type { AuditEvent } from "../../../store/queries/audit-query.ts";
import type { Lang } from "../../i18n/messages.ts";
import { ACCOUNT_ACTIONS, accountText } from "../../staff/account-text.ts";
import { textDiffView } from "../text-diff-view.ts";
import { type StaffTextKey, staffText } from "./staff-text.ts";

const ACTIONS: Record<string, StaffTextKey> = {
  "account.create": "actionAccountCreate",
  "account.password": "actionAccountPassword",
  "account.settings": "actionAccountSettings",
  "session.login": "actionSessionLogin",
  "period.open": "actionPeriodOpen",
  "period.publish": "actionPeriodPublish",
  "progress.save": "actionProgressSave",
  "progress.submit": "actionProgressSubmit",
  "progress.accept": "actionProgressAccept",
  "progress.return": "actionProgressReturn",
  "department.assign": "actionDepartmentAssign",
  "roadmap.revise": "actionRoadmapRevise",
  "indicator.define": "actionIndicatorDefine",
  "indicator.revise": "actionIndicatorRevise",
  "indicator.retire": "actionIndicatorRetire",
  "plan.create": "actionPlanCreate",
  "structure.group_add": "actionStructureGroupAdd",
  "structure.item_add": "actionStructureItemAdd",
  "structure.measure_add": "actionStructureMeasureAdd",
  "structure.title": "actionStructureTitle",
  "structure.span": "actionStructureSpan",
  "structure.move": "actionStructureMove",
  "structure.renumber": "actionStructureRenumber",
  "structure.relist": "actionStructureRelist",
  "structure.retire": "actionStructureRetire",
  "indicator.result": "actionIndicatorResult",
};

const FIELDS: Record<string, StaffTextKey> = {
  narrative: "fieldNarrative",
  statusCode: "fieldStatusCode",
  version: "fieldVersion",
  reviewState: "fieldReviewState",
  comment: "fieldComment",
  asOf: "fieldAsOf",
  deadline: "fieldDeadline",
  drafts: "fieldDrafts",
  state: "fieldState",
  publishedOn: "fieldPublishedOn",
  unchangedCarried: "fieldUnchangedCarried",
  department: "fieldDepartment",
  role: "fieldRole",
  measures: "fieldMeasures",
  login: "fieldLogin",
  departmentId: "fieldDepartmentId",
  address: "fieldAddress",
  text: "fieldText",
  period: "fieldPeriod",
  indicator: "fieldIndicator",
  value: "fieldValue",
  sessionsEnded: "fieldSessionsEnded",
  email: "fieldEmail",
  remindersOff: "fieldRemindersOff",
  indicatorName: "fieldIndicatorName",
  unit: "fieldIndicatorUnit",
  indicatorKind: "fieldIndicatorKind",
  direction: "fieldIndicatorDirection",
  source: "fieldIndicatorSource",
  achievementForm: "fieldIndicatorAchievementForm",
  values: "fieldIndicatorValues",
  retired: "fieldIndicatorRetired",
};

/** Coded values shown by name: review states, period states, department and account roles. */
const VALUES: Record<string, StaffTextKey> = {
  carried: "stateCarried",
  draft: "stateDraft",
  unchanged: "stateUnchanged",
  submitted: "stateSubmitted",
  returned: "stateReturned",
  accepted: "stateAccepted",
  open: "stateOpen",
  published: "statePublished",
  lead: "roleLead",
  contributor: "roleContributor",
  administrator: "roleAdministrator",
  planner: "rolePlanner",
  departmentEditor: "roleDepartmentEditor",
  viewer: "roleViewer",
};

/** An action's name for people (`progress.save` → 進捗状況の保存); the code itself when unknown. */
export function actionName(lang: Lang, action: string): string {
  const key = ACTIONS[action];
  if (key) return staffText(lang, key);
  const accountKey = ACCOUNT_ACTIONS[action];
  return accountKey ? accountText(lang, accountKey) : action;
}

const TOKYO = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** When an event happened, in Japan: 令和7年11月24日（2025-11-24）10:15:03. */
export function auditTime(iso: string) {
  const local = TOKYO.format(new Date(iso));
  const [date = "", time = ""] = local.split(" ");
  return html`<time datetime="${iso}">${formatWarekiDate(date)}（${date}）${time}</time>`;
}

/** Who did it: the staff member's name and login, or the system. */
export function auditActor(lang: Lang, event: AuditEvent) {
  return event.actor
    ? html`${event.actor.displayName}（${event.actor.login}）`
    : staffText(lang, "system");
}

function valueText(
  lang: Lang,
  key: string,
  value: unknown,
  statusNames: ReadonlyMap<string, string> | undefined,
): string {
  if (value === null || value === undefined || value === "") return staffText(lang, "none");
  if (Array.isArray(value))
    return value.map((v) => valueText(lang, key, v, statusNames)).join(", ");
  if (key === "statusCode" && typeof value === "string") return statusNames?.get(value) ?? value;
  if (typeof value === "string") {
    const coded =
      key === "reviewState" || key === "state" || key === "role" ? VALUES[value] : undefined;
    return coded ? staffText(lang, coded) : value;
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * What an event changed, field by field: before → after for each field that differs (only the
 * after value when there was nothing before), and the progress narrative as a character diff.
 */
export function auditChanges(
  lang: Lang,
  event: AuditEvent,
  statusNames?: ReadonlyMap<string, string>,
) {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (keys.length === 0) return "";
  const label = (key: string) => {
    const known = FIELDS[key];
    return known ? staffText(lang, known) : key;
  };
  const hadBefore = event.before !== null;
  return html`<ul class="audit-changes">${keys.map((key) => {
    const [was, is] = [before[key], after[key]];
    if (key === "narrative" && typeof was === "string" && typeof is === "string") {
      return html`<li>${label(key)}: <span class="visually-hidden">${staffText(lang, "narrativeDiff")}</span>${textDiffView(lang, was, is)}</li>`;
    }
    const shown = valueText(lang, key, is, statusNames);
    return hadBefore && key in before
      ? html`<li>${label(key)}: ${valueText(lang, key, was, statusNames)} → ${shown}</li>`
      : html`<li>${label(key)}: ${shown}</li>`;
  })}</ul>`;
}
