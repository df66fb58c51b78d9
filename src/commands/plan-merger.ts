import type { Transaction } from "kysely";
import { similarity } from "../domain/japanese-text.ts";
import {
  draftItems,
  type GroupDraft,
  type ItemDraft,
  type MeasureDraft,
  type PlanDraft,
} from "../domain/plan-draft.ts";
import { parseRoadmapCell } from "../domain/roadmap-entry.ts";
import { suggestedStatus } from "../domain/suggested-status.ts";
import type { ImportReportBuilder } from "../import/import-report.ts";
import type { Database } from "../store/database.ts";
import type { MeasureExtrasWriter } from "./measure-extras-writer.ts";
import { TitleHistory } from "./title-history.ts";

type Trx = Transaction<Database>;
type MeasureRow = {
  id: number;
  item_id: number;
  code: string;
  title: string;
  relisting_of_measure_id: number | null;
};

const sameTitle = (a: string, b: string) => a.normalize("NFKC") === b.normalize("NFKC");

/** A later report's measure must be this alike to an existing one of the same item to match it. */
const SAME_MEASURE = 0.8;

/**
 * Bring a plan's stored hierarchy, roadmap and progress in line with a draft: match what is
 * there (groups by their numbers, items by number, measures by item and title), insert what
 * is new, add the period's progress. A new plan is the case where nothing matches.
 */
export async function mergeDraft(
  trx: Trx,
  plan: { id: number; isNew: boolean },
  draft: PlanDraft,
  periodId: number,
  report: ImportReportBuilder,
  now: string,
  extras?: MeasureExtrasWriter,
) {
  const asOf = draft.period.asOf;
  const titles = await TitleHistory.load(trx, plan.id, { id: periodId, asOf });
  const groups = await trx
    .selectFrom("plan_group")
    .selectAll()
    .where("plan_id", "=", plan.id)
    .execute();
  const items = await trx.selectFrom("item").selectAll().where("plan_id", "=", plan.id).execute();
  const measures: MeasureRow[] = await trx
    .selectFrom("measure")
    .select(["id", "item_id", "code", "title", "relisting_of_measure_id"])
    .where("plan_id", "=", plan.id)
    .execute();
  // A report imported without statuses gets the statuses suggested by its narratives, as
  // suggestions (「本文から自動判定」), where the rules speak the plan's scheme.
  const schemeCodes = new Set(
    (
      await trx
        .selectFrom("status_definition")
        .select("code")
        .where("plan_id", "=", plan.id)
        .execute()
    ).map((s) => s.code),
  );
  let nextCode =
    measures.reduce((max, m) => Math.max(max, Number(m.code.replace(/\D/gu, "")) || 0), 0) + 1;
  const matchedIds = new Set<number>();
  let added = 0;

  const groupId = async (
    group: GroupDraft,
    parentId: number | null,
    position: number,
  ): Promise<number> => {
    const siblings = groups.filter((g) => g.parent_id === parentId && g.level === group.level);
    // A level printed without numbers (a title-only column of a mapped sheet) is known by its title.
    const found =
      group.label === "" && group.line !== null
        ? siblings.find((g) => g.label === "" && sameTitle(g.title, group.title))
        : siblings.find((g) => g.number === group.number);
    if (found) {
      const title = await titles.keep({ plan_group_id: found.id }, found.title, group.title);
      if (found.title !== title) {
        await trx.updateTable("plan_group").set({ title }).where("id", "=", found.id).execute();
        found.title = title;
      }
      return found.id;
    }
    // An unnumbered group's number only tells it from its siblings in a URL.
    const number = siblings.some((g) => g.number === group.number)
      ? Math.max(...siblings.map((g) => g.number)) + 1
      : group.number;
    const row = await trx
      .insertInto("plan_group")
      .values({
        plan_id: plan.id,
        parent_id: parentId,
        level: group.level,
        number,
        label: group.label,
        title: group.title,
        position,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    groups.push({
      id: row.id,
      plan_id: plan.id,
      parent_id: parentId,
      level: group.level,
      number,
      label: group.label,
      title: group.title,
      position,
      introduced_period_id: null,
    });
    return row.id;
  };

  const itemIds = new Map<ItemDraft, number>();
  const measureIds = new Map<MeasureDraft, number>();

  const mergeItem = async (item: ItemDraft, gid: number, position: number) => {
    let row = items.find((i) =>
      item.number !== null
        ? i.number === item.number
        : i.number === null && i.group_id === gid && similarity(i.title, item.title) >= 0.9,
    );
    if (row) {
      const title = await titles.keep({ item_id: row.id }, row.title, item.title);
      await trx
        .updateTable("item")
        .set({ group_id: gid, label: item.label, title, position })
        .where("id", "=", row.id)
        .execute();
      row.title = title;
    } else {
      const inserted = await trx
        .insertInto("item")
        .values({
          plan_id: plan.id,
          group_id: gid,
          number: item.number,
          label: item.label,
          title: item.title,
          position,
          relisting_of_item_id: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      row = {
        id: inserted.id,
        plan_id: plan.id,
        group_id: gid,
        number: item.number,
        label: item.label,
        title: item.title,
        position,
        relisting_of_item_id: null,
        introduced_period_id: null,
      };
      items.push(row);
    }
    itemIds.set(item, row.id);
    const itemId = row.id;
    await extras?.writeItem(itemId, item);
    for (const [position, measure] of item.measures.entries()) {
      const candidates = measures.filter((m) => m.item_id === itemId && !matchedIds.has(m.id));
      let best: MeasureRow | undefined;
      let bestScore = 0;
      for (const c of candidates) {
        const score = similarity(c.title, measure.title);
        if (score > bestScore) [best, bestScore] = [c, score];
      }
      // A city's own measure ID (a mapped sheet's 取組ID) matches wherever the measure now stands.
      const byCode = measure.code
        ? measures.find((m) => m.code === measure.code && !matchedIds.has(m.id))
        : undefined;
      if (draft.matchByCode && byCode) [best, bestScore] = [byCode, 1];
      let id: number;
      if (best && bestScore >= SAME_MEASURE) {
        id = best.id;
        best.item_id = itemId;
        const title = await titles.keep({ measure_id: id }, best.title, measure.title);
        best.title = title;
        await trx
          .updateTable("measure")
          .set({ title, position, item_id: itemId })
          .where("id", "=", id)
          .execute();
      } else {
        const taken = (code: string) => measures.some((m) => m.code === code);
        let code = measure.code && !taken(measure.code) ? measure.code : "";
        while (code === "" || taken(code)) code = `M${String(nextCode++).padStart(4, "0")}`;
        const inserted = await trx
          .insertInto("measure")
          .values({
            plan_id: plan.id,
            item_id: itemId,
            code,
            title: measure.title,
            position,
            relisting_of_measure_id: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        id = inserted.id;
        measures.push({
          id,
          item_id: itemId,
          code,
          title: measure.title,
          relisting_of_measure_id: null,
        });
        if (!plan.isNew)
          report.info(
            measure.line,
            "measure-added",
            `新しい取組「${measure.title}」を追加しました（${code}）`,
          );
        added++;
      }
      matchedIds.add(id);
      measureIds.set(measure, id);
      await writeRoadmap(trx, id, measure, report, { periodId, now });
      await extras?.write(id, measure);
      if (measure.progress !== null) {
        const suggestion = measure.statusCode
          ? null
          : suggestedStatus(measure.progress, schemeCodes);
        const progress = await trx
          .insertInto("progress")
          .values({
            measure_id: id,
            reporting_period_id: periodId,
            narrative: measure.progress,
            status_code: measure.statusCode || (suggestion?.code ?? null),
            status_suggested: suggestion ? 1 : 0,
            status_words: suggestion ? JSON.stringify(suggestion.words) : null,
            version: 1,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const figures = measure.figures ?? [];
        if (figures.length > 0)
          await trx
            .insertInto("progress_figure")
            .values(figures.map((f, position) => ({ progress_id: progress.id, position, ...f })))
            .execute();
      }
    }
  };

  const walk = async (group: GroupDraft, parentId: number | null, position: number) => {
    const gid = await groupId(group, parentId, position);
    await extras?.writeGroup(gid, group);
    for (const [i, item] of group.items.entries()) await mergeItem(item, gid, i);
    for (const [i, child] of group.children.entries()) await walk(child, gid, i);
  };
  for (const [i, pillar] of draft.pillars.entries()) await walk(pillar, null, i);

  // References last: a re-listing may point forward (No.91 re-lists No.130).
  const all = draftItems(draft);
  const byNumber = new Map(all.filter((i) => i.number !== null).map((i) => [i.number, i]));
  for (const item of all) {
    const source =
      item.relistingOfItemNumber === null ? undefined : byNumber.get(item.relistingOfItemNumber);
    const sourceId = source ? itemIds.get(source) : undefined;
    await trx
      .updateTable("item")
      .set({ relisting_of_item_id: sourceId ?? null })
      .where("id", "=", itemIds.get(item) ?? -1)
      .execute();
    for (const measure of item.measures) {
      const ref = measure.relisting;
      const original = ref ? byNumber.get(ref.itemNumber)?.measures[ref.measureIndex] : undefined;
      const originalId = original ? measureIds.get(original) : undefined;
      await trx
        .updateTable("measure")
        .set({ relisting_of_measure_id: originalId ?? null })
        .where("id", "=", measureIds.get(measure) ?? -1)
        .execute();
    }
  }

  const missing = measures.filter((m) => !matchedIds.has(m.id));
  for (const m of missing) {
    report.warn(
      null,
      "measure-missing",
      `取組 ${m.code}「${m.title}」は今回の報告にありません（削除せず残しました）`,
    );
  }
  return { measures: matchedIds.size - added, added, missing: missing.length };
}

/**
 * Store a measure's roadmap as printed in this period: the current roadmap (`roadmap_entry`) and,
 * where a cell is new or changed, a revision that holds from this period on.
 */
async function writeRoadmap(
  trx: Trx,
  measureId: number,
  measure: MeasureDraft,
  report: ImportReportBuilder,
  at: { periodId: number; now: string },
) {
  for (const entry of measure.roadmap) {
    const cell = parseRoadmapCell(entry.text);
    const values = {
      text: cell.text,
      continued: cell.continued ? 1 : 0,
      none: cell.none ? 1 : 0,
      addition: cell.addition,
    };
    const existing = await trx
      .selectFrom("roadmap_entry")
      .select(["id", "text"])
      .where("measure_id", "=", measureId)
      .where("fiscal_year", "=", entry.fiscalYear)
      .executeTakeFirst();
    if (!existing || existing.text !== cell.text) {
      await trx
        .insertInto("roadmap_revision")
        .values({
          measure_id: measureId,
          fiscal_year: entry.fiscalYear,
          reporting_period_id: at.periodId,
          ...values,
          created_at: at.now,
          created_by: null,
        })
        .execute();
    }
    if (!existing) {
      await trx
        .insertInto("roadmap_entry")
        .values({ measure_id: measureId, fiscal_year: entry.fiscalYear, ...values })
        .execute();
    } else if (existing.text !== cell.text) {
      report.info(
        measure.line,
        "roadmap-revised",
        `「${measure.title}」の ${entry.fiscalYear} 年度の行程を「${existing.text}」から「${cell.text}」に改めました`,
      );
      await trx.updateTable("roadmap_entry").set(values).where("id", "=", existing.id).execute();
    }
  }
}
