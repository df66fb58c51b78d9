import type { Generated } from "kysely";

/** An uploaded file kept between the steps of a staff upload (migration 015). */
export interface StagedUploadTable {
  /** Random, unguessable: the upload's URL. */
  id: string;
  organization_id: number;
  account_id: number;
  /** `plan` (a plan through the import pipeline) or `workbook` (a department's filled-in workbook). */
  kind: string;
  file_name: string;
  size: number;
  sha256: string;
  /** The file's bytes as base64. */
  content: string;
  created_at: string;
  expires_at: string;
  committed_at: string | null;
  /** What the commit did, as JSON: `{ planSlug, unchanged, … }`. */
  result: string | null;
}

/** The column mapping a plan was last imported with (JSON of `ColumnMapping`). */
export interface ImportMappingTable {
  id: Generated<number>;
  plan_id: number;
  mapping: string;
  saved_by: number | null;
  saved_at: string;
}

/** Added to the store's schema type with `db.withTables<UploadTables>()`. */
export type UploadTables = {
  staged_upload: StagedUploadTable;
  import_mapping: ImportMappingTable;
};
