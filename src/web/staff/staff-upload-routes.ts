import { basename } from "node:path";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import {
  findStagedUpload,
  STAGED_UPLOAD_HOURS,
  type StagedUpload,
  stageUpload,
  type UploadKind,
} from "../../commands/uploads/staged-uploads.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import { importPlanWorkbook } from "../../import/plan-xlsx/plan-workbook-importer.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { forbiddenPage, staffFrame } from "../views/staff/staff-frame.ts";
import {
  organizationCodeOf,
  planFormatOf,
  readPlanFile,
  readUploadedSheets,
} from "./plan-upload-reader.ts";
import type { StaffEnv } from "./staff-env.ts";
import { commitUpload } from "./upload-committer.ts";
import { uploadKindsFor } from "./upload-kinds.ts";
import {
  renderMappingForm,
  renderMappingFromJson,
  renderMappingPreview,
} from "./upload-mapping-routes.ts";
import { uploadDonePage, uploadPage } from "./upload-page.ts";
import { planPreview } from "./upload-preview.ts";
import { planPreviewPage, workbookPreviewPage } from "./upload-preview-page.ts";
import { uploadText, uploadTextWith } from "./upload-text.ts";

type C = Context<StaffEnv>;

/** A refusal as a person reads it: the message with its file, line and field (sheet, cell, path). */
export function refusalText(error: ShinchokuError): string {
  return error.describe();
}

/**
 * `/staff/uploads`: a file uploaded from the staff side, checked before anything is stored,
 * kept between the steps (`staged_upload`), mapped, previewed and committed in one transaction.
 * Plans are for planners and administrators; a department's workbook for whoever edits progress
 * (its rows are checked against the uploader's department as the CLI does).
 */
export function staffUploadRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const sessionOf = (c: C) => {
    const session = c.get("session");
    if (!session) throw new Error("staff upload routes run after requireSession");
    return session;
  };
  const forbidden = (c: C) => c.html(forbiddenPage(pageContext(c), sessionOf(c)), 403);
  const form = (c: C, kind: UploadKind, errors: FieldErrors, status: 200 | 400 | 403 = 200) => {
    const session = sessionOf(c);
    const kinds = uploadKindsFor(session.actor);
    return c.html(uploadPage(pageContext(c), { session, kinds, kind, errors }), status);
  };
  /** The upload the URL names, when it is this person's and may still be used by them. */
  const loadUpload = async (c: C): Promise<StagedUpload | Response> => {
    const session = sessionOf(c);
    const upload = await findStagedUpload(store, session.actor, c.req.param("id") ?? "");
    if (!upload) {
      const page = pageContext(c);
      const title = uploadText(page.lang, "uploadTitle");
      return c.html(
        staffFrame(page, {
          session,
          title,
          body: html`<h1>${title}</h1><p>${uploadTextWith(page.lang, "expired", { hours: STAGED_UPLOAD_HOURS })}</p>
<p><a href="/staff/uploads">${uploadText(page.lang, "again")}</a></p>`,
        }),
        404,
      );
    }
    if (!uploadKindsFor(session.actor).includes(upload.kind)) return forbidden(c);
    return upload;
  };

  staff.get("/uploads", (c) => {
    const kinds = uploadKindsFor(sessionOf(c).actor);
    if (kinds.length === 0) return forbidden(c);
    return form(c, kinds[0] ?? "plan", {});
  });

  staff.post("/uploads", async (c) => {
    const session = sessionOf(c);
    const kinds = uploadKindsFor(session.actor);
    if (kinds.length === 0) return forbidden(c);
    const lang = pageContext(c).lang;
    const body = await c.req.parseBody();
    const kind: UploadKind =
      body.kind === "workbook" ? "workbook" : body.kind === "plan" ? "plan" : (kinds[0] ?? "plan");
    if (!kinds.includes(kind)) return forbidden(c);
    const file = body.file;
    if (!(file instanceof File) || (file.name === "" && file.size === 0))
      return form(c, kind, { file: uploadText(lang, "fileMissing") }, 400);
    // The name as sent may carry a path (old browsers): only its last part is a file name.
    const name = basename(file.name.replace(/\\/gu, "/")).slice(0, 200) || "upload";
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.byteLength === 0)
      return form(c, kind, { file: uploadTextWith(lang, "fileEmpty", { file: name }) }, 400);
    try {
      await checkUpload(store, session.actor, kind, name, bytes, lang);
    } catch (error) {
      if (!(error instanceof ShinchokuError)) throw error;
      return form(c, kind, { file: refusalText(error) }, error.id === "forbidden" ? 403 : 400);
    }
    const id = await stageUpload(store, session.actor, { kind, fileName: name, bytes });
    return c.redirect(`/staff/uploads/${id}`, 303);
  });

  staff.get("/uploads/:id", async (c) => {
    const upload = await loadUpload(c);
    if (upload instanceof Response) return upload;
    const session = sessionOf(c);
    if (upload.committedAt !== null)
      return c.html(uploadDonePage(pageContext(c), { session, result: upload.result ?? {} }));
    if (upload.kind === "workbook") return renderWorkbookPreview(c, store, upload, {});
    const format = planFormatOf(upload.fileName, upload.bytes);
    if (format === "sheet")
      return renderMappingForm(c, store, upload, {
        sheet: c.req.query("sheet"),
        headerRow: c.req.query("headerRow"),
        use: c.req.query("use"),
      });
    return renderFilePreview(c, store, upload, {});
  });

  staff.post("/uploads/:id/preview", async (c) => {
    const upload = await loadUpload(c);
    if (upload instanceof Response) return upload;
    if (upload.committedAt !== null) return c.redirect(`/staff/uploads/${upload.id}`, 303);
    return renderMappingPreview(c, store, upload);
  });

  staff.post("/uploads/:id/edit", async (c) => {
    const upload = await loadUpload(c);
    if (upload instanceof Response) return upload;
    if (upload.committedAt !== null) return c.redirect(`/staff/uploads/${upload.id}`, 303);
    const body = await c.req.parseBody();
    return renderMappingFromJson(
      c,
      store,
      upload,
      typeof body.mapping === "string" ? body.mapping : "",
    );
  });

  staff.post("/uploads/:id/commit", async (c) => {
    const upload = await loadUpload(c);
    if (upload instanceof Response) return upload;
    if (upload.committedAt !== null) return c.redirect(`/staff/uploads/${upload.id}`, 303);
    const body = await c.req.parseBody();
    const refused = await commitUpload(store, sessionOf(c).actor, upload, {
      mapping: typeof body.mapping === "string" ? body.mapping : null,
    });
    if (refused === null) return c.redirect(`/staff/uploads/${upload.id}`, 303);
    const errors = { commit: refusalText(refused) };
    if (upload.kind === "workbook") return renderWorkbookPreview(c, store, upload, errors);
    if (planFormatOf(upload.fileName, upload.bytes) === "sheet")
      return renderMappingFromJson(
        c,
        store,
        upload,
        typeof body.mapping === "string" ? body.mapping : "",
        errors,
      );
    return renderFilePreview(c, store, upload, errors);
  });
}

/**
 * Everything that can be known about an upload before it is kept: its kind, that a reader takes
 * it (a workbook or CSV that holds a table; a report text, PDF or plan JSON read whole; a
 * department's workbook checked row by row and rolled back), and that it is this organization's.
 */
async function checkUpload(
  store: Store,
  actor: Actor,
  kind: UploadKind,
  name: string,
  bytes: Uint8Array,
  lang: "ja" | "en",
): Promise<void> {
  const type = name.includes(".") ? name.slice(name.lastIndexOf(".")).toLowerCase() : "";
  if (kind === "workbook") {
    if (type !== ".xlsx")
      throw new ShinchokuError(
        "invalid_input",
        uploadTextWith(lang, "workbookKind", { file: name }),
        { file: name },
      );
    await importPlanWorkbook(store, bytes, name, actor, new Date(), { dryRun: true });
    return;
  }
  if (type === ".xls")
    throw new ShinchokuError(
      "invalid_input",
      uploadTextWith(lang, "fileOldExcel", { file: name }),
      { file: name },
    );
  const format = planFormatOf(name, bytes);
  if (format === null)
    throw new ShinchokuError(
      "invalid_input",
      uploadTextWith(lang, "fileKind", { file: name, type: type || "拡張子なし" }),
    );
  if (format === "sheet") await readUploadedSheets(bytes, name);
  else await readPlanFile(format, bytes, name, await organizationCodeOf(store, actor));
}

/** The preview of a report text, report PDF or plan JSON: read as the commit will read it. */
async function renderFilePreview(c: C, store: Store, upload: StagedUpload, errors: FieldErrors) {
  const session = c.get("session");
  if (!session) throw new Error("no session");
  const format = planFormatOf(upload.fileName, upload.bytes);
  if (format === null || format === "sheet")
    throw new Error(`not a file preview: ${upload.fileName}`);
  try {
    const { draft, report } = await readPlanFile(
      format,
      upload.bytes,
      upload.fileName,
      await organizationCodeOf(store, session.actor),
    );
    return c.html(
      planPreviewPage(pageContext(c), {
        session,
        uploadId: upload.id,
        fileName: upload.fileName,
        preview: planPreview(draft, report.messages),
        mappingJson: null,
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    const kinds = uploadKindsFor(session.actor);
    return c.html(
      uploadPage(pageContext(c), {
        session,
        kinds,
        kind: "plan",
        errors: { file: refusalText(error) },
      }),
      400,
    );
  }
}

/** A department's workbook checked row by row in a transaction that is rolled back. */
async function renderWorkbookPreview(
  c: C,
  store: Store,
  upload: StagedUpload,
  errors: FieldErrors,
) {
  const session = c.get("session");
  if (!session) throw new Error("no session");
  try {
    const report = await importPlanWorkbook(
      store,
      upload.bytes,
      upload.fileName,
      session.actor,
      new Date(),
      {
        dryRun: true,
      },
    );
    const plan = await store.db
      .selectFrom("plan")
      .select("title")
      .where("slug", "=", report.planSlug)
      .executeTakeFirst();
    return c.html(
      workbookPreviewPage(pageContext(c), {
        session,
        uploadId: upload.id,
        report,
        planTitle: plan?.title ?? report.planSlug,
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    const kinds = uploadKindsFor(session.actor);
    return c.html(
      uploadPage(pageContext(c), {
        session,
        kinds,
        kind: "workbook",
        errors: { file: refusalText(error) },
      }),
      error.id === "forbidden" ? 403 : 400,
    );
  }
}
