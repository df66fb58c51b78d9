import type { Generated } from "kysely";

/**
 * The store's tables, one schema for SQLite and PostgreSQL. Dates are ISO text
 * (`YYYY-MM-DD`, or `YYYY-MM` where only the month is known), fiscal years integers,
 * booleans 0/1 integers: the same values in both databases.
 */
export interface Database {
  organization: OrganizationTable;
  plan: PlanTable;
  plan_level: PlanLevelTable;
  plan_group: PlanGroupTable;
  item: ItemTable;
  measure: MeasureTable;
  roadmap_entry: RoadmapEntryTable;
  roadmap_revision: RoadmapRevisionTable;
  reporting_period: ReportingPeriodTable;
  progress: ProgressTable;
  progress_figure: ProgressFigureTable;
  status_definition: StatusDefinitionTable;
  import_run: ImportRunTable;
  data_revision: DataRevisionTable;
  department: DepartmentTable;
  measure_department: MeasureDepartmentTable;
  measure_field: MeasureFieldTable;
  title_revision: TitleRevisionTable;
  placement_revision: PlacementRevisionTable;
  indicator: IndicatorTable;
  indicator_value: IndicatorValueTable;
  indicator_revision: IndicatorRevisionTable;
  indicator_kind: IndicatorKindTable;
  indicator_score_band: IndicatorScoreBandTable;
  account: AccountTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  audit_event: AuditEventTable;
  reminder: ReminderTable;
  outbox: OutboxTable;
}

export interface OrganizationTable {
  id: Generated<number>;
  /** 全国地方公共団体コード, six digits with its check digit. */
  code: string;
  name: string;
  created_at: string;
}

export interface PlanTable {
  id: Generated<number>;
  organization_id: number;
  slug: string;
  title: string;
  first_fiscal_year: number;
  last_fiscal_year: number;
  contact: string | null;
  created_at: string;
  /** The opt-in groups of search variants (`domain/search-variants.ts`), JSON ids; null: none. */
  search_variants: Generated<string | null>;
}

export interface PlanLevelTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  key: string;
  name: string;
}

/** A pillar, area or category. */
export interface PlanGroupTable {
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  level: string;
  number: number;
  label: string;
  title: string;
  position: number;
  /** The period the planning division added it in; null: part of the plan from its beginning (migration 021). */
  introduced_period_id: Generated<number | null>;
}

export interface ItemTable {
  id: Generated<number>;
  plan_id: number;
  group_id: number;
  number: number | null;
  label: string;
  title: string;
  position: number;
  relisting_of_item_id: number | null;
  /** The period the planning division added it in; null: from the plan's beginning (migration 021). */
  introduced_period_id: Generated<number | null>;
}

export interface MeasureTable {
  id: Generated<number>;
  plan_id: number;
  item_id: number;
  /** The stable measure ID (取組ID) shown in exports and URLs. */
  code: string;
  title: string;
  position: number;
  relisting_of_measure_id: number | null;
  /** The period the planning division added it in; null: from the plan's beginning (migration 021). */
  introduced_period_id: Generated<number | null>;
  /** The period from which it is retired: shown in the periods before only (migration 021). */
  retired_period_id: Generated<number | null>;
}

export interface RoadmapEntryTable {
  id: Generated<number>;
  measure_id: number;
  fiscal_year: number;
  text: string;
  continued: number;
  none: number;
  addition: string | null;
}

export interface ReportingPeriodTable {
  id: Generated<number>;
  plan_id: number;
  as_of: string;
  published_on: string | null;
  deadline: string | null;
  /** open → published; an imported report is published as it was. */
  state: string;
  created_at: string;
  /** The roadmap's last fiscal year as this period publishes it, when a year was added while it was open (migration 021). */
  last_fiscal_year: Generated<number | null>;
}

export interface ProgressTable {
  id: Generated<number>;
  measure_id: number;
  reporting_period_id: number;
  narrative: string;
  status_code: string | null;
  /** 1 when `status_code` was suggested from the narrative (本文から自動判定), not confirmed. */
  status_suggested: Generated<number>;
  /** The words that made a suggested status (JSON list); null for a confirmed one. */
  status_words: Generated<string | null>;
  version: number;
  updated_at: string;
  /**
   * carried (copied from the period before, not yet updated) → draft (saved, not submitted) →
   * submitted → accepted | returned; at publish, carried → accepted, or unchanged when the
   * planning division marked it 「前回から変更なし」.
   */
  review_state: Generated<string>;
  review_comment: string | null;
  updated_by: number | null;
}

export interface ProgressFigureTable {
  id: Generated<number>;
  progress_id: number;
  position: number;
  value: number;
  total: number | null;
  unit: string | null;
  /** 約, 以上, 以下, 未満, 超, 程度 or 余 (`FigureQualifier`); null when stated without one. */
  qualifier: string | null;
  /** The text the figure was read from; empty for a figure added by hand. */
  text: string;
}

/** A plan's status scheme as data: the statuses it uses, in order. */
export interface StatusDefinitionTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  name: string;
  position: number;
  /** A value of the plan's own scale placed on the progress scale (`completed`…), or null. */
  progress_status: Generated<string | null>;
}

export interface ImportRunTable {
  id: Generated<number>;
  plan_id: number;
  reporting_period_id: number | null;
  source: string;
  sha256: string;
  imported_at: string;
  report: string;
}

/**
 * One row (id 1): a number every write transaction moves on, and when it moved. Pages are
 * cached and revalidated against it.
 */
export interface DataRevisionTable {
  id: number;
  revision: number;
  changed_at: string;
}

/** A responsible department (担当課). */
export interface DepartmentTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  created_at: string;
}

/** Which departments own a measure: one lead, others contributing. */
export interface MeasureDepartmentTable {
  id: Generated<number>;
  measure_id: number;
  department_id: number;
  role: string;
}

/** A custom field (独自項目) of a measure in a reporting period: kept where its value changes. */
export interface MeasureFieldTable {
  id: Generated<number>;
  measure_id: number;
  reporting_period_id: number;
  heading: string;
  value: string;
  position: number;
}

/**
 * A group's, an item's or a measure's title from a reporting period on (exactly one owner set),
 * kept where a later period spells it differently: an earlier period shows what it published.
 */
export interface TitleRevisionTable {
  id: Generated<number>;
  plan_group_id: number | null;
  item_id: number | null;
  measure_id: number | null;
  reporting_period_id: number;
  title: string;
}

/** Where a group, an item or a measure stood from a period on (migration 021); one owner set. */
export interface PlacementRevisionTable {
  id: Generated<number>;
  plan_group_id: number | null;
  item_id: number | null;
  measure_id: number | null;
  reporting_period_id: number;
  /** A group's parent group, an item's group, a measure's item. */
  parent_id: number | null;
  number: number | null;
  label: string | null;
  relisting_of_measure_id: number | null;
}

export interface AccountTable {
  id: Generated<number>;
  organization_id: number;
  login: string;
  display_name: string;
  /** scrypt, with its parameters and salt: see src/commands/auth/password-hash.ts. */
  password_hash: string;
  role: string;
  department_id: number | null;
  disabled: Generated<number>;
  /** When an administrator disabled the account (migration 016); null while enabled. */
  disabled_at: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  /** Where reminders go (018); null: none are sent to this person. */
  email: Generated<string | null>;
  /** 1: the person turned reminders off on their account page (018). */
  reminders_off: Generated<number>;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield live sessions. */
  id: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  login: string;
  address: string;
  at: string;
  /** 1 signed in, 0 wrong password or unknown name, 2 refused unchecked while throttled. */
  success: number;
}

/** Append-only: who changed what, when, before and after (JSON). */
export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  account_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  plan_id: number | null;
  measure_id: number | null;
  before: string | null;
  after: string | null;
}

/** One version of a measure's fiscal-year plan, holding from its reporting period on. */
export interface RoadmapRevisionTable {
  id: Generated<number>;
  measure_id: number;
  fiscal_year: number;
  reporting_period_id: number;
  text: string;
  continued: number;
  none: number;
  addition: string | null;
  created_at: string;
  created_by: number | null;
}

/** An indicator (指標) of a measure, an item or a group: exactly one of the three is set. */
export interface IndicatorTable {
  id: Generated<number>;
  plan_id: number;
  measure_id: number | null;
  item_id: number | null;
  group_id: number | null;
  /** The stable indicator ID (指標ID: I0001…). */
  code: string;
  name: string;
  unit: string | null;
  /** One of the plan's kinds (`indicator_kind`): 活動指標, 成果指標, KPI, 事業費… */
  kind: string;
  /** increase, decrease or maintain; null when the source does not say. */
  direction: string | null;
  source: string | null;
  /** auto or ratio (`AchievementForm`). */
  achievement_form: Generated<string>;
  position: number;
  /** 1 once retired by the planning division (kept in the periods before: `indicator_revision`). */
  retired: Generated<number>;
  /** The name's search grams (`indexText(name)`), the national indicator search's index. */
  name_grams: string;
}

/**
 * An indicator's whole definition from a reporting period on (null: before its first revision,
 * as imported), set by the planning division during the open period.
 */
export interface IndicatorRevisionTable {
  id: Generated<number>;
  indicator_id: number;
  reporting_period_id: number | null;
  name: string;
  unit: string | null;
  kind: string;
  direction: string | null;
  source: string | null;
  achievement_form: string;
  retired: number;
  /** Baseline and targets as JSON: `[{ kind, fiscalYear, final, value, note }]`. */
  values_json: string;
  created_at: string;
  created_by: number | null;
}

/** A baseline, target or result of an indicator: a decimal text as written, or null with a note. */
export interface IndicatorValueTable {
  id: Generated<number>;
  indicator_id: number;
  /** baseline, target or result. */
  kind: string;
  fiscal_year: number | null;
  /** 1 for the final target (最終目標). */
  final: Generated<number>;
  /** The period of a mid-year result; null for a fiscal year's value. */
  reporting_period_id: number | null;
  value: string | null;
  note: string | null;
}

/** The indicator kinds a plan uses, in order. */
export interface IndicatorKindTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  position: number;
}

/** A plan's score bands (A ≥ 100%…), highest first; `minimum` null for the lowest. */
export interface IndicatorScoreBandTable {
  id: Generated<number>;
  plan_id: number;
  label: string;
  minimum: string | null;
  position: number;
}

/**
 * A reminder made (018): to a department (or, for the digest, the planning division) about a
 * period, once per `key` (`deadline:{period}:{department}`…), whatever the number of recipients.
 */
export interface ReminderTable {
  id: Generated<number>;
  plan_id: number;
  reporting_period_id: number;
  /** null: the planning division's digest. */
  department_id: number | null;
  /** The returned measure, for a return. */
  measure_id: number | null;
  /** `opened`, `deadline`, `returned` or `digest`. */
  kind: string;
  key: string;
  created_at: string;
  created_by: number | null;
}

/** One e-mail to send (018): written with the change it tells about, drained by the sender. */
export interface OutboxTable {
  id: Generated<number>;
  reminder_id: number | null;
  organization_id: number;
  account_id: number | null;
  recipient: string;
  subject: string;
  body: string;
  /** `queued` → `sending` (claimed by a sender until `next_attempt_at`) → `sent` | `failed`. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
