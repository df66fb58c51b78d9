import { z } from "zod";

/** The JSON document written by `shinchoku export --format json` (docs/json-format.md). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, "YYYY-MM-DD で指定してください");

const roadmapEntry = z.object({
  fiscalYear: z.number().int().min(1868).max(2200),
  text: z.string(),
  continued: z.boolean(),
  none: z.boolean(),
  activity: z.string().nullable(),
});

const figure = z.strictObject({
  value: z.number(),
  total: z.number().nullable(),
  unit: z.string().nullable(),
  qualifier: z.string().nullable(),
  text: z.string(),
});

const measure = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/u),
  title: z.string().min(1),
  relistingOf: z.object({ id: z.string(), itemNumber: z.number().int().nullable() }).nullable(),
  roadmap: z.array(roadmapEntry),
  progress: z
    .object({
      narrative: z.string(),
      statusCode: z.string().nullable(),
      // Absent in documents written before: the status is then the city's own.
      statusSource: z.enum(["confirmed", "suggested"]).nullable().optional(),
      statusSuggestion: z
        .object({ label: z.string(), words: z.array(z.string()) })
        .nullable()
        .optional(),
      // Checked further by validateFigures when read; absent in documents written before.
      figures: z.array(figure).optional(),
    })
    .nullable(),
});

const item = z.object({
  number: z.number().int().positive().nullable(),
  label: z.string(),
  // A mapped sheet's item level may have numbers and no title column.
  title: z.string(),
  relistingOfItemNumber: z.number().int().positive().nullable(),
  measures: z.array(measure),
});

export type PlanJsonGroup = {
  level: "pillar" | "area" | "category";
  number: number;
  label: string;
  title: string;
  children?: PlanJsonGroup[] | undefined;
  items?: z.infer<typeof item>[] | undefined;
};

const group: z.ZodType<PlanJsonGroup> = z.lazy(() =>
  z.object({
    level: z.enum(["pillar", "area", "category"]),
    number: z.number().int().positive(),
    label: z.string(),
    title: z.string(),
    children: z.array(group).optional(),
    items: z.array(item).optional(),
  }),
);

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/u, "数値（例: 5.05）の文字列にしてください");

const indicator = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/u),
  name: z.string().min(1),
  unit: z.string().nullable(),
  kind: z.string().min(1),
  direction: z.enum(["increase", "decrease", "maintain"]).nullable(),
  source: z.string().nullable(),
  achievementForm: z.enum(["auto", "ratio"]),
  place: z.discriminatedUnion("level", [
    z.object({ level: z.literal("measure"), measure: z.string() }),
    z.object({ level: z.literal("item"), itemNumber: z.number().int() }),
    z.object({
      level: z.literal("group"),
      groupLevel: z.enum(["pillar", "area", "category"]),
      groupPath: z.array(z.number().int()).min(1),
    }),
  ]),
  values: z.array(
    z.object({
      kind: z.enum(["baseline", "target", "result"]),
      fiscalYear: z.number().int().min(1868).max(2200).nullable(),
      final: z.boolean(),
      periodAsOf: isoDate.nullable(),
      value: decimal.nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const planJsonSchema = z.object({
  format: z.literal("shinchoku-plan/1"),
  organization: z.object({ code: z.string(), name: z.string().min(1) }),
  plan: z.object({
    id: z.string(),
    title: z.string().min(1),
    fiscalYears: z.array(z.number().int()).min(1),
    // Lines of data since issue 13; a string (an export made before) is read as printed text.
    contact: z
      .union([
        z.string(),
        z.array(
          z.object({
            kind: z.enum(["name", "address", "phone", "fax", "email", "url", "text"]),
            value: z.string().min(1),
            label: z.string().optional(),
          }),
        ),
      ])
      .nullable(),
  }),
  levels: z.array(
    z.object({ key: z.enum(["pillar", "area", "category", "item", "measure"]), name: z.string() }),
  ),
  statuses: z.array(z.object({ code: z.string(), name: z.string() })),
  periods: z.array(
    z.object({ asOf: isoDate, publishedOn: z.string().nullable(), state: z.string() }),
  ),
  period: z
    .object({ asOf: isoDate, publishedOn: z.string().nullable(), state: z.string() })
    .nullable(),
  pillars: z.array(group),
  // Since issue 15; absent in documents written before.
  indicatorKinds: z.array(z.string().min(1)).optional(),
  scoreBands: z
    .array(z.object({ label: z.string().min(1), minimum: decimal.nullable() }))
    .optional(),
  indicators: z.array(indicator).optional(),
});

export type PlanJson = z.infer<typeof planJsonSchema>;
