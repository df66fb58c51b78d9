import type { Transaction } from "kysely";
import { recordAudit } from "../../commands/audit-recorder.ts";
import type { StoredImport } from "../../commands/plan-importer.ts";
import { saveImportMapping } from "../../commands/uploads/import-mappings.ts";
import {
  markUploadCommitted,
  type StagedUpload,
  UploadAlreadyCommitted,
} from "../../commands/uploads/staged-uploads.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import { ImportReportBuilder } from "../../import/import-report.ts";
import { importMappedSheet, readMappingText } from "../../import/mapping/mapped-sheet-importer.ts";
import type { ColumnMapping } from "../../import/mapping/mapping-schema.ts";
import { readSheets } from "../../import/mapping/sheet-reader.ts";
import { importPlanWorkbook } from "../../import/plan-xlsx/plan-workbook-importer.ts";
import { workbookChanges } from "../../import/plan-xlsx/workbook-import-report.ts";
import { importReportBytes } from "../../import/report-importer.ts";
import type { Database } from "../../store/database.ts";
import type { Store } from "../../store/store.ts";
import { mappingByHeading } from "./mapping-form.ts";
import { organizationCodeOf, planFormatOf } from "./plan-upload-reader.ts";

/**
 * Commit a staged upload in one transaction: the import itself, its audit record, the mapping
 * saved with the plan, and the upload marked committed (so that a second press stores nothing).
 * Returns null when stored, or the refusal (nothing stored then).
 * @example const refused = await commitUpload(store, actor, upload, { mapping: body.mapping });
 */
export async function commitUpload(
  store: Store,
  actor: Actor,
  upload: StagedUpload,
  input: { mapping: string | null },
  now = new Date(),
): Promise<ShinchokuError | null> {
  try {
    if (upload.kind === "workbook") {
      await importPlanWorkbook(store, upload.bytes, upload.fileName, actor, now, {
        onStored: (trx, report) =>
          markUploadCommitted(
            trx,
            upload.id,
            {
              kind: "workbook",
              planSlug: report.planSlug,
              asOf: report.asOf,
              changed: workbookChanges(report),
            },
            now,
          ),
      });
      return null;
    }
    const code = await organizationCodeOf(store, actor);
    const format = planFormatOf(upload.fileName, upload.bytes);
    if (format === "sheet") {
      const mapping = readMappingText(input.mapping ?? "", "対応表");
      const sheets = await readSheets(
        upload.bytes,
        upload.fileName,
        new ImportReportBuilder(upload.fileName),
      );
      const sheet =
        (typeof mapping.sheet === "number"
          ? sheets[mapping.sheet - 1]
          : sheets.find((s) => s.name === mapping.sheet)) ?? sheets[0];
      const saved = sheet ? mappingByHeading(mapping, sheet) : mapping;
      const done = await importMappedSheet(store, upload.bytes, upload.fileName, mapping, {
        organization: { code },
        onStored: (trx, stored) => afterImport(trx, actor, upload, stored, saved, now),
      });
      if (done.unchanged)
        await store.db.transaction().execute((trx) =>
          markUploadCommitted(
            trx,
            upload.id,
            {
              kind: "plan",
              planSlug: done.planSlug,
              planTitle: mapping.plan.title,
              asOf: mapping.plan.asOf,
              unchanged: true,
            },
            now,
          ),
        );
      return null;
    }
    if (format === null)
      throw new ShinchokuError("invalid_input", "取り込めない種類のファイルです", {
        file: upload.fileName,
      });
    await importReportBytes(store, upload.bytes, upload.fileName, {
      organization: { code },
      onStored: (trx, stored) => afterImport(trx, actor, upload, stored, null, now),
    });
    return null;
  } catch (error) {
    if (error instanceof UploadAlreadyCommitted) return null;
    if (error instanceof ShinchokuError) return error;
    throw error;
  }
}

/** What a plan upload keeps beside the import, in its transaction. */
async function afterImport(
  trx: Transaction<Database>,
  actor: Actor,
  upload: StagedUpload,
  stored: StoredImport,
  mapping: ColumnMapping | null,
  now: Date,
): Promise<void> {
  const plan = await trx
    .selectFrom("plan")
    .select("title")
    .where("id", "=", stored.planId)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor,
    action: "plan.import",
    entity: "plan",
    entityId: stored.planId,
    planId: stored.planId,
    after: {
      source: upload.fileName,
      sha256: upload.sha256,
      asOf: stored.report.asOf,
      measures: stored.report.counts.measures,
      warnings: stored.report.messages.filter((m) => m.level === "warning").length,
      ...(mapping ? { mapping: true } : {}),
    },
    at: now.toISOString(),
  });
  if (mapping) await saveImportMapping(trx, stored.planId, mapping, actor, now);
  await markUploadCommitted(
    trx,
    upload.id,
    {
      kind: "plan",
      planSlug: stored.planSlug,
      planTitle: plan.title,
      asOf: stored.report.asOf,
      unchanged: false,
    },
    now,
  );
}
