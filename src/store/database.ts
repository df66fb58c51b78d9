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
  reporting_period: ReportingPeriodTable;
  progress: ProgressTable;
  progress_figure: ProgressFigureTable;
  status_definition: StatusDefinitionTable;
  import_run: ImportRunTable;
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
}

export interface ProgressTable {
  id: Generated<number>;
  measure_id: number;
  reporting_period_id: number;
  narrative: string;
  status_code: string | null;
  version: number;
  updated_at: string;
}

export interface ProgressFigureTable {
  id: Generated<number>;
  progress_id: number;
  position: number;
  value: number;
  total: number | null;
  unit: string | null;
  text: string;
}

/** A plan's status scheme as data: the statuses it uses, in order. */
export interface StatusDefinitionTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  name: string;
  position: number;
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
