import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import { loadProgressDraft } from "../../store/queries/progress-draft-query.ts";
import { openDraftFigures } from "../../store/queries/progress-figures-query.ts";
import type { Store } from "../../store/store.ts";
import { type ProgressEdit, saveProgressIn } from "../cycle/progress-saver.ts";

/**
 * Save a measure's draft (as `saveProgress`) and read it back in the same transaction, so the
 * answer describes exactly what this save stored. Read after the commit instead, a publish
 * committed in between made the answer say 「受付中の報告期がありません」 for a save that was
 * stored.
 * @example const draft = await saveDraft(store, token.actor, edit);
 */
export async function saveDraft(store: Store, actor: Actor, edit: ProgressEdit, now = new Date()) {
  return store.db.transaction().execute(async (trx) => {
    await saveProgressIn(trx, actor, edit, now);
    const saved = await loadProgressDraft(trx, edit.planSlug, edit.measureCode);
    // saveProgressIn held the plan and found the period open: it is still open here.
    if (!saved?.period)
      throw new ShinchokuError("invalid_state", "受付中の報告期がありません", {
        field: "period",
      });
    const figures = await openDraftFigures(trx, edit.planSlug, edit.measureCode);
    return { ...saved, period: saved.period, figures };
  });
}
