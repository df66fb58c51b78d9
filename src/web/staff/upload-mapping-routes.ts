import type { Context } from "hono";
import { savedMappings } from "../../commands/uploads/import-mappings.ts";
import type { StagedUpload } from "../../commands/uploads/staged-uploads.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { ImportReportBuilder } from "../../import/import-report.ts";
import { readMappingText } from "../../import/mapping/mapped-sheet-importer.ts";
import { readMappedSheet } from "../../import/mapping/mapped-sheet-reader.ts";
import { parseMapping } from "../../import/mapping/mapping-schema.ts";
import { suggestMapping } from "../../import/mapping/mapping-suggester.ts";
import type { SheetTable } from "../../import/mapping/sheet-table.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import {
  columnChoices,
  fieldOfPath,
  formFromMapping,
  type MappingFormValues,
  mappingFormFromBody,
  mappingFromForm,
  withSpareYears,
} from "./mapping-form.ts";
import { mappingPage } from "./mapping-page.ts";
import { readUploadedSheets } from "./plan-upload-reader.ts";
import type { StaffEnv } from "./staff-env.ts";
import { planPreview } from "./upload-preview.ts";
import { planPreviewPage } from "./upload-preview-page.ts";
import { uploadText, uploadTextWith } from "./upload-text.ts";

type C = Context<StaffEnv>;

const rowNumber = (text: string | undefined) => {
  const n = Number((text ?? "").normalize("NFKC").trim());
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : null;
};

/** The sheet a name picks, or the first. */
const pick = (sheets: SheetTable[], name: string | undefined) =>
  (sheets.find((s) => s.name === name) ?? sheets[0]) as SheetTable;

/** A suggestion for a given heading row: the suggester reads the rows from that one down. */
function suggestionAt(sheet: SheetTable, headerRow: number | null, file: string) {
  if (headerRow === null) {
    const suggested = suggestMapping(sheet, file);
    return { mapping: suggested, headerRow: Number(suggested.headerRow) || 1 };
  }
  const suggested = suggestMapping({ ...sheet, rows: sheet.rows.slice(headerRow - 1) }, file);
  return { mapping: { ...suggested, headerRow }, headerRow };
}

/**
 * The mapping form of an uploaded sheet: from the saved mapping asked for (`use`), else the
 * latest saved mapping of the organization that fits this file, else the suggestion from the
 * headings. Posted values (a refused preview) are shown as they were, with their errors.
 */
export async function renderMappingForm(
  c: C,
  store: Store,
  upload: StagedUpload,
  query: { sheet?: string | undefined; headerRow?: string | undefined; use?: string | undefined },
  posted?: { values: MappingFormValues; errors: FieldErrors },
  initialErrors: FieldErrors = {},
) {
  const session = c.get("session");
  if (!session) throw new Error("no session");
  const lang = pageContext(c).lang;
  const sheets = await readUploadedSheets(upload.bytes, upload.fileName);
  const saved = await savedMappings(store, session.actor.organizationId);
  const notices: string[] = [];
  let values: MappingFormValues;
  let sheet: SheetTable;
  let headerRow: number;
  let use = query.use ?? "";
  if (posted) {
    sheet = pick(sheets, posted.values.sheet);
    headerRow = rowNumber(posted.values.headerRow) ?? 1;
    values = withSpareYears({ ...posted.values, sheet: sheet.name });
  } else {
    const wanted = rowNumber(query.headerRow);
    const fits = (m: Record<string, unknown>) => {
      const s = pick(sheets, typeof m.sheet === "string" ? m.sheet : query.sheet);
      return formFromMapping(m, s, rowNumber(String(m.headerRow ?? "")) ?? 1).missing.length === 0;
    };
    const chosen =
      use === "suggested"
        ? undefined
        : use !== ""
          ? saved.find((s) => String(s.id) === use)
          : query.sheet === undefined && wanted === null
            ? saved.find((s) => fits(s.mapping as Record<string, unknown>))
            : undefined;
    if (chosen) {
      const m = chosen.mapping as Record<string, unknown>;
      sheet = pick(sheets, query.sheet ?? (typeof m.sheet === "string" ? m.sheet : undefined));
      headerRow = wanted ?? rowNumber(String(m.headerRow ?? "")) ?? 1;
      const form = formFromMapping(
        { ...m, plan: { ...(m.plan as object), asOf: "" } },
        sheet,
        headerRow,
      );
      values = form.values;
      use = String(chosen.id);
      notices.push(
        uploadTextWith(lang, "savedUsed", {
          plan: chosen.planTitle,
          date: chosen.savedAt.slice(0, 10),
        }),
      );
      for (const m of form.missing) notices.push(uploadTextWith(lang, "savedMissing", m));
    } else {
      sheet = pick(sheets, query.sheet);
      const suggestion = suggestionAt(sheet, wanted, upload.fileName);
      headerRow = suggestion.headerRow;
      values = formFromMapping(suggestion.mapping, sheet, headerRow).values;
      use = "suggested";
    }
    values = { ...values, sheet: sheet.name, headerRow: String(headerRow) };
  }
  const errors = posted?.errors ?? initialErrors;
  return c.html(
    mappingPage(pageContext(c), {
      session,
      uploadId: upload.id,
      fileName: upload.fileName,
      sheets: sheets.map((s) => s.name),
      sheet: sheet.name,
      headerRow,
      choices: columnChoices(sheet, headerRow),
      values,
      errors,
      notices,
      saved: saved.map((s) => ({ id: s.id, planTitle: s.planTitle, savedAt: s.savedAt })),
      use,
    }),
    Object.keys(errors).length > 0 ? 400 : 200,
  );
}

/**
 * The posted mapping form checked (the mapping's own rules, then the sheet read through it):
 * the preview when the sheet reads, else the form again as it was sent, each refusal beside its
 * field (a cell-level refusal at the top, naming the cell).
 */
export async function renderMappingPreview(c: C, store: Store, upload: StagedUpload) {
  const session = c.get("session");
  if (!session) throw new Error("no session");
  const values = mappingFormFromBody(await c.req.parseBody({ all: true }));
  const sheets = await readUploadedSheets(upload.bytes, upload.fileName);
  const sheet = pick(sheets, values.sheet);
  const headerRow = rowNumber(values.headerRow) ?? 1;
  const raw = mappingFromForm({ ...values, sheet: sheet.name }, columnChoices(sheet, headerRow));
  const report = new ImportReportBuilder(upload.fileName);
  try {
    const mapping = parseMapping(raw, "対応表");
    const draft = readMappedSheet(sheets, mapping, upload.fileName, report);
    return c.html(
      planPreviewPage(pageContext(c), {
        session,
        uploadId: upload.id,
        fileName: upload.fileName,
        preview: planPreview(draft, report.messages),
        mappingJson: JSON.stringify(mapping),
        errors: {},
      }),
    );
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    const field = fieldOfPath(error.location.field, values);
    const message = field === "mapping" ? error.describe() : error.message;
    return renderMappingForm(c, store, upload, {}, { values, errors: { [field]: message } });
  }
}

/** The form again from a checked mapping (the preview's 「列の対応を直す」, a refused commit). */
export async function renderMappingFromJson(
  c: C,
  store: Store,
  upload: StagedUpload,
  json: string,
  errors: FieldErrors = {},
) {
  const lang = pageContext(c).lang;
  const commitError: FieldErrors =
    Object.keys(errors).length > 0
      ? { mapping: errors.commit ?? uploadText(lang, "committedAlready") }
      : {};
  let mapping: Record<string, unknown>;
  try {
    mapping = readMappingText(json, "対応表") as unknown as Record<string, unknown>;
  } catch (error) {
    // A mapping that does not parse (a forged or damaged form): the form afresh, saying why.
    if (!(error instanceof ShinchokuError)) throw error;
    return renderMappingForm(c, store, upload, {}, undefined, {
      mapping: commitError.mapping ?? error.describe(),
    });
  }
  const sheets = await readUploadedSheets(upload.bytes, upload.fileName);
  const sheet = pick(sheets, typeof mapping.sheet === "string" ? mapping.sheet : undefined);
  const headerRow = rowNumber(String(mapping.headerRow ?? "")) ?? 1;
  const { values } = formFromMapping(mapping, sheet, headerRow);
  const kept = { ...values, sheet: sheet.name, headerRow: String(headerRow) };
  return renderMappingForm(c, store, upload, {}, { values: kept, errors: commitError });
}
