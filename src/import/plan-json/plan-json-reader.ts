import {
  type ConfirmedFigure,
  type FigureInput,
  validateFigures,
} from "../../domain/confirmed-figure.ts";
import { type ContactLine, checkedContactLine, decodeContact } from "../../domain/contact-line.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { GroupDraft, ItemDraft, PlanDraft } from "../../domain/plan-draft.ts";
import { DEFAULT_STATUS_SCHEME } from "../../domain/status-scheme.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { DraftIndicatorOwners } from "../indicator-owners.ts";
import { jsonErrorLine, jsonNestingLine } from "./json-error-position.ts";
import { type PlanJson, type PlanJsonGroup, planJsonSchema } from "./plan-json-schema.ts";

/** Arrays and objects inside each other: an exported plan uses 13 (pillar, area, category, item, measure, progress, figures…). */
const MAX_NESTING = 64;

/**
 * Read a plan written by `shinchoku export --format json` back into a draft, keeping its
 * measure IDs, so that export → import → export gives the same document.
 * @throws ShinchokuError naming the line (malformed JSON) or the field (a wrong value).
 */
export function readPlanJson(text: string, file: string) {
  const tooDeep = jsonNestingLine(text, MAX_NESTING);
  if (tooDeep !== null)
    throw new ShinchokuError(
      "invalid_input",
      `JSON の入れ子が深すぎます（${MAX_NESTING} 段まで。書き出した計画は十数段です）`,
      { file, line: tooDeep },
    );
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/u, ""));
  } catch (error) {
    const line = jsonErrorLine(text.replace(/^\uFEFF/u, "")) ?? 1;
    throw new ShinchokuError(
      "invalid_input",
      `JSON として読めません: ${(error as Error).message}`,
      { file, line },
    );
  }
  const parsed = planJsonSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./u, "");
    throw new ShinchokuError(
      "invalid_input",
      `計画の JSON の値が正しくありません: ${issue?.message ?? ""}`,
      { file, field: field || "(root)" },
    );
  }
  const json = parsed.data;
  if (!json.period)
    throw new ShinchokuError("invalid_input", "報告期（period）のない計画は取り込めません", {
      file,
      field: "period",
    });
  const report = new ImportReportBuilder(file);

  const group = (g: PlanJsonGroup): GroupDraft => ({
    level: g.level,
    number: g.number,
    label: g.label,
    title: g.title,
    line: null,
    children: (g.children ?? []).map(group),
    items: (g.items ?? []).map(
      (i): ItemDraft => ({
        number: i.number,
        label: i.label,
        title: i.title,
        line: 0,
        relistingOfItemNumber: i.relistingOfItemNumber,
        measures: i.measures.map((m) => ({
          code: m.id,
          title: m.title,
          line: 0,
          relisting: m.relistingOf
            ? {
                itemNumber: m.relistingOf.itemNumber ?? -1,
                measureIndex: -1,
                code: m.relistingOf.id,
              }
            : null,
          roadmap: m.roadmap.map((r) => ({ fiscalYear: r.fiscalYear, text: r.text })),
          progress: m.progress?.narrative ?? null,
          // A suggested status is not the city's: the import suggests it again from the text.
          statusCode:
            m.progress?.statusSource === "suggested"
              ? null
              : statusOf(m.id, m.progress?.statusCode ?? null, file),
          ...(m.progress?.figures ? { figures: figuresOf(m.id, m.progress.figures, file) } : {}),
        })),
      }),
    ),
  });
  const draft: PlanDraft = {
    title: json.plan.title,
    contact: contactOf(json.plan.contact),
    levels: json.levels,
    fiscalYears: json.plan.fiscalYears,
    period: { asOf: json.period.asOf, publishedOn: json.period.publishedOn },
    pillars: json.pillars.map(group),
  };
  resolveJsonRelistings(draft, file);
  putIndicators(draft, json, file);
  return { draft, report, organization: json.organization };
}

/** A progress status must be one of the scheme an imported plan gets (as in the CSV reader). */
function statusOf(measureId: string, code: string | null, file: string): string | null {
  if (code === null || DEFAULT_STATUS_SCHEME.some((s) => s.code === code)) return code;
  throw new ShinchokuError(
    "invalid_input",
    `取組 ${measureId}: 状況区分「${code}」は ${DEFAULT_STATUS_SCHEME.map((s) => s.code).join("、")} のいずれかにしてください`,
    { file, field: `取組 ${measureId}.progress.statusCode` },
  );
}

/** A measure's confirmed figures, checked as a save checks them; the error names the measure. */
function figuresOf(measureId: string, figures: FigureInput[], file: string): ConfirmedFigure[] {
  try {
    return validateFigures(figures);
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    throw new ShinchokuError("invalid_input", `取組 ${measureId}: ${error.message}`, {
      file,
      field: `取組 ${measureId}.${error.location.field ?? "figures"}`,
    });
  }
}

/** A re-listing names its original by ID: find the original's item and position. */
function resolveJsonRelistings(draft: PlanDraft, file: string): void {
  const positions = new Map<string, { itemNumber: number; measureIndex: number }>();
  const items: ItemDraft[] = [];
  const walk = (g: GroupDraft) => {
    items.push(...g.items);
    g.children.forEach(walk);
  };
  draft.pillars.forEach(walk);
  for (const item of items) {
    item.measures.forEach((m, measureIndex) => {
      if (m.code && item.number !== null)
        positions.set(m.code, { itemNumber: item.number, measureIndex });
    });
  }
  for (const item of items) {
    for (const m of item.measures) {
      if (!m.relisting) continue;
      const target = positions.get(m.relisting.code ?? "");
      if (!target) {
        throw new ShinchokuError(
          "unknown_relisting_source",
          `再掲元の取組 ${m.relisting.code} がありません`,
          { file, field: `取組 ${m.code}` },
        );
      }
      m.relisting = target;
    }
  }
}

/** The plan's contact as lines of data: an older export's text is read as printed. */
function contactOf(contact: PlanJson["plan"]["contact"]): ContactLine[] | null {
  if (contact === null) return null;
  if (typeof contact === "string") return decodeContact(contact);
  const lines = contact.map((l) =>
    checkedContactLine(
      l.label === undefined
        ? { kind: l.kind, value: l.value }
        : { kind: l.kind, value: l.value, label: l.label },
    ),
  );
  return lines.length > 0 ? lines : null;
}

/** The indicators of our JSON back on the draft's measures, items and groups, with their IDs. */
function putIndicators(draft: PlanDraft, json: PlanJson, file: string): void {
  if (json.indicatorKinds || json.scoreBands)
    draft.indicatorScheme = { kinds: json.indicatorKinds ?? [], bands: json.scoreBands ?? [] };
  const owners = new DraftIndicatorOwners(draft);
  for (const [i, ind] of (json.indicators ?? []).entries()) {
    const place = ind.place;
    const owner =
      place.level === "measure"
        ? owners.measures.get(place.measure)
        : place.level === "item"
          ? owners.items.get(String(place.itemNumber))
          : owners.group(place.groupLevel, place.groupPath);
    if (!owner)
      throw new ShinchokuError(
        "invalid_input",
        `指標 ${ind.id}: 置き場所（place）の${place.level === "measure" ? `取組 ${place.measure}` : "階層"}がこの計画にありません`,
        { file, field: `indicators[${i}].place` },
      );
    if ((owner.indicators ?? []).some((o) => o.name === ind.name))
      throw new ShinchokuError(
        "invalid_input",
        `指標 ${ind.id}: 指標「${ind.name}」が同じ取組・階層に二つあります`,
        { file, field: `indicators[${i}].name` },
      );
    owner.indicators = [
      ...(owner.indicators ?? []),
      {
        code: ind.id,
        name: ind.name,
        unit: ind.unit,
        kind: ind.kind,
        direction: ind.direction,
        source: ind.source,
        achievementForm: ind.achievementForm,
        values: ind.values,
        line: null,
      },
    ];
  }
}
