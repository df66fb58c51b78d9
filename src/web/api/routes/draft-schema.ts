import { z } from "zod";
import { MAX_NARRATIVE_LENGTH } from "../../../commands/cycle/progress-saver.ts";

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
  },
  { error: "narrative, statusCode, expectedVersion だけを指定してください" },
);

export type DraftBody = z.infer<typeof draftSchema>;
