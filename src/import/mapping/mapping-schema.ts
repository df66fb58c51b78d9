import { z } from "zod";
import { ShinchokuError } from "../../domain/errors.ts";
import { DEFAULT_STATUS_SCHEME } from "../../domain/status-scheme.ts";

/**
 * A column of the sheet: its letter (`"AW"`) or its heading text in the heading row. A value of
 * one to three capital Latin letters is always a letter; any other text is a heading.
 */
const column = z.string().trim().min(1, "列を指定してください");

const levelSchema = z.strictObject({
  /** The level's name as the plan says it: 政策, 施策, 基本事業, 分野… */
  name: z.string().trim().min(1, "階層の名前を指定してください"),
  /** The group number: one column or several joined in order (`"0"` + `"1"` → `"01"`). */
  number: z.union([column, z.array(column).min(1, "列を一つ以上指定してください")]).optional(),
  title: column.optional(),
});

const scaleValue = z.union([
  z.string().trim().min(1),
  z.strictObject({
    value: z.string().trim().min(1),
    /** The place on the plan's progress scale (状況区分 code: completed, in_progress…). */
    status: z
      .enum(
        DEFAULT_STATUS_SCHEME.map((s) => s.code) as [string, ...string[]],
        `進捗の段階は ${DEFAULT_STATUS_SCHEME.map((s) => s.code).join(", ")} のいずれかです`,
      )
      .optional(),
  }),
]);

/** The most levels above the measure a plan may name (政策 › 施策 › 基本事業 › … › 取組). */
export const MAX_LEVELS = 6;

/** A 西暦 fiscal year, as a key of `roadmap`. */
const fiscalYearKey = z
  .string()
  .regex(/^(19|20|21)\d{2}$/u, "年度は西暦の4桁（例: 2025）で指定してください");

/** A column, or a fixed text for every row (`{"text": "事業費"}`: a cost row has no name column). */
const columnOrText = z.union([column, z.strictObject({ text: z.string().trim().min(1) })]);

/** One column whose year is the plan's asOf fiscal year, or a column per fiscal year. */
const yearValues = z.union([column, z.record(fiscalYearKey, column)]);

/** An indicator (指標) read from each row: see docs/import-mapping.md. */
const indicatorSchema = z.strictObject({
  name: columnOrText,
  unit: columnOrText.optional(),
  /** The kind for every indicator of this entry (活動指標…, 事業費), or `{"column": …}`. */
  kind: z.union([z.string().trim().min(1), z.strictObject({ column })]).default("成果指標"),
  direction: column.optional(),
  baseline: column.optional(),
  /** The baseline's fiscal year when it has a column of its own (else read from the cell). */
  baselineYear: column.optional(),
  target: yearValues.optional(),
  /** The final target (最終目標); its year from the cell (`100 (令和7年度)`) or the plan's last. */
  finalTarget: column.optional(),
  result: yearValues.optional(),
  source: column.optional(),
  /** The level the indicator sits on, by its name in `levels` or `measure.name`; the measure when left out. */
  level: z.string().trim().min(1).optional(),
  /** `ratio` computes achievement as result / target even where there is a baseline. */
  achievement: z.enum(["auto", "ratio"]).default("auto"),
});

/** The column mapping (取込の対応表) a person writes or corrects: see docs/import-mapping.md. */
export const mappingSchema = z.strictObject({
  /** The sheet's name, or its 1-based position; the first sheet when left out. */
  sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
  /** The row holding the headings (1-based); 1 when left out. The data starts below it. */
  headerRow: z.number().int().min(1).default(1),
  plan: z.strictObject({
    title: z.string().trim().min(1, "計画名を指定してください"),
    asOf: z.iso.date("基準日は YYYY-MM-DD で指定してください"),
    /** The plan's span of fiscal years, when the sheet's roadmap does not give it. */
    fiscalYears: z
      .strictObject({
        first: z.number().int().min(1900).max(2199),
        last: z.number().int().min(1900).max(2199),
      })
      .refine((y) => y.first <= y.last, { message: "first は last 以前の年度にしてください" })
      .optional(),
  }),
  levels: z
    .array(levelSchema)
    .min(1, "階層を一つ以上指定してください")
    .max(MAX_LEVELS, `階層は取組を除いて ${MAX_LEVELS} つまで指定できます`)
    .refine((levels) => levels.every((l) => l.number !== undefined || l.title !== undefined), {
      message: "各階層に number か title の列を指定してください",
    }),
  measure: z.strictObject({
    name: z.string().trim().min(1).default("取組"),
    id: column.optional(),
    title: column,
  }),
  department: column.optional(),
  progress: column.optional(),
  roadmap: z.record(fiscalYearKey, column).optional(),
  status: z
    .strictObject({
      column,
      scale: z.array(scaleValue).min(1).optional(),
    })
    .optional(),
  fields: z
    .record(z.string().trim().min(1, "独自項目の見出しを指定してください"), column)
    .optional(),
  indicators: z.array(indicatorSchema).optional(),
});

export type ColumnMapping = z.infer<typeof mappingSchema>;
export type LevelMapping = ColumnMapping["levels"][number];
export type IndicatorMapping = NonNullable<ColumnMapping["indicators"]>[number];

/**
 * Check a mapping read from JSON: unknown keys, wrong types and bad values are refused with their
 * path in the mapping (`levels[0].number`).
 * @throws ShinchokuError `invalid_input` naming the mapping file and the path.
 * @example parseMapping(JSON.parse(await readFile("mapping.json", "utf8")), "mapping.json");
 */
export function parseMapping(value: unknown, file: string): ColumnMapping {
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error.issues[0]);
    const path = mappingPath(issue?.path ?? []);
    const message =
      issue?.code === "unrecognized_keys"
        ? `対応表に知らないキーがあります: ${issue.keys.map((k) => mappingPath([...(issue.path ?? []), k])).join("、")}`
        : `対応表の ${path || "全体"} が正しくありません: ${innerMessage(issue)}`;
    throw new ShinchokuError("invalid_input", message, {
      file,
      ...(path ? { field: path } : {}),
    });
  }
  const levelNames = [...parsed.data.levels.map((l) => l.name), parsed.data.measure.name];
  for (const [i, entry] of (parsed.data.indicators ?? []).entries())
    if (entry.level !== undefined && !levelNames.includes(entry.level))
      throw new ShinchokuError(
        "invalid_input",
        `対応表の indicators[${i}].level「${entry.level}」は階層の名前ではありません（${levelNames.join("、")}）`,
        { file, field: `indicators[${i}].level` },
      );
  return parsed.data;
}

/**
 * A value that fits no branch of a union (a scale value that is neither text nor an object) is
 * reported by the branch that got furthest, with its full path: `status.scale[0].status`.
 */
function deepestIssue(issue: z.core.$ZodIssue | undefined): z.core.$ZodIssue | undefined {
  if (issue?.code !== "invalid_union") return issue;
  const inner = issue.errors
    .flat()
    .sort((a, b) => b.path.length - a.path.length)
    .at(0);
  return inner && inner.path.length > 0
    ? deepestIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue)
    : issue;
}

/** An issue's message; a record key's own check (a fiscal year) is inside the issue. */
function innerMessage(issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === "invalid_key") return issue.issues[0]?.message ?? issue.message;
  return issue?.message ?? "";
}

/** `levels[0].number`, as a person reads a path in the mapping. */
export function mappingPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}
