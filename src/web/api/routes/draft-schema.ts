import { z } from "zod";
import { MAX_NARRATIVE_LENGTH } from "../../../commands/cycle/progress-saver.ts";
import { FIGURE_QUALIFIERS } from "../../../domain/confirmed-figure.ts";

const NUMBER_ERROR = '数（6441）か数字の文字列（"6,441"）で指定してください';

/**
 * A confirmed figure's shape; its values (finite, total > 0, lengths, at most 30) are checked by
 * `validateFigures` in the save, as for the staff form, so the messages are the same.
 */
function figureSchema() {
  const numberOrText = z.union([z.number(), z.string()], { error: NUMBER_ERROR });
  return z.strictObject(
    {
      value: numberOrText,
      total: numberOrText.nullable().optional(),
      unit: z.string({ error: "単位を文字列で指定してください" }).nullable().optional(),
      qualifier: z
        .string({ error: `修飾語は ${FIGURE_QUALIFIERS.join("、")} か null で指定してください` })
        .nullable()
        .optional(),
      text: z.string({ error: "元の表記を文字列で指定してください" }).nullable().optional(),
    },
    { error: "数値は value, total, unit, qualifier, text だけを指定してください" },
  );
}

/**
 * The body of `PUT /v1/plans/{plan}/measures/{measure}/draft`. Unknown members are refused, so
 * a misspelt `status` is an error rather than a status silently left unchanged.
 */
export const draftSchema = z.strictObject(
  {
    narrative: z
      .string({ error: "進捗状況を文字列で指定してください" })
      .max(MAX_NARRATIVE_LENGTH * 2, { error: `${MAX_NARRATIVE_LENGTH}文字以内にしてください` }),
    statusCode: z.string({ error: "状況区分のコードか null を指定してください" }).nullable(),
    expectedVersion: z
      .number({ error: "編集を始めた版（整数）を指定してください" })
      .int({ error: "編集を始めた版（整数）を指定してください" })
      .min(0, { error: "編集を始めた版（整数）を指定してください" }),
    figures: z
      .array(figureSchema(), { error: "figures は数値の配列で指定してください" })
      .optional(),
  },
  { error: "narrative, statusCode, expectedVersion, figures だけを指定してください" },
);

export type DraftBody = z.infer<typeof draftSchema>;
