import type { Transaction } from "kysely";
import { ShinchokuError } from "../domain/errors.ts";
import {
  DEFAULT_INDICATOR_KINDS,
  DEFAULT_SCORE_BANDS,
  type IndicatorDraft,
  type IndicatorValue,
  type ScoreBand,
} from "../domain/indicator.ts";
import { indexText } from "../domain/search-tokens.ts";
import type { ImportReportBuilder } from "../import/import-report.ts";
import type { Database } from "../store/database.ts";
import { reviseAfterImport } from "./indicator-revisions.ts";

type Trx = Transaction<Database>;

/** What an indicator belongs to: one measure, item or group. */
export type IndicatorOwner = { measureId: number } | { itemId: number } | { groupId: number };

/**
 * Store the indicators a draft brings, inside the import's transaction: an indicator is matched
 * by its owner and name (a new one gets the next `I0001`-style ID), its unit, kind, direction and
 * source take the draft's, and each value replaces the stored value of the same kind, fiscal year
 * and period; values the draft does not mention are kept. The plan gets the default kinds and
 * score bands the first time it has an indicator; a kind it does not list yet is added.
 */
export class IndicatorWriter {
  private kinds: string[] | null = null;
  private codes: Set<string> | null = null;
  private nextNumber = 1;
  private readonly periods = new Map<string, number>();
  written = 0;

  constructor(
    private readonly trx: Trx,
    private readonly planId: number,
    private readonly report: ImportReportBuilder,
    /** The kinds and bands a plan without any gets (our JSON's); the defaults otherwise. */
    private readonly scheme?: { kinds: string[]; bands: ScoreBand[] },
  ) {}

  async write(owner: IndicatorOwner, indicators: readonly IndicatorDraft[]): Promise<void> {
    if (indicators.length === 0) return;
    const seen = new Set<string>();
    for (const ind of indicators) {
      if (seen.has(ind.name))
        throw new ShinchokuError(
          "invalid_input",
          `指標「${ind.name}」が同じ取組・階層に2つあります`,
          ind.line === null ? { field: ind.name } : { line: ind.line, field: ind.name },
        );
      seen.add(ind.name);
    }
    await this.prepare();
    const ownerColumn =
      "measureId" in owner
        ? (["measure_id", owner.measureId] as const)
        : "itemId" in owner
          ? (["item_id", owner.itemId] as const)
          : (["group_id", owner.groupId] as const);
    const stored = await this.trx
      .selectFrom("indicator")
      .select(["id", "name", "position"])
      .where(ownerColumn[0], "=", ownerColumn[1])
      .execute();
    let position = stored.reduce((max, s) => Math.max(max, s.position), -1) + 1;
    for (const ind of indicators) {
      await this.ensureKind(ind.kind);
      const values = {
        name: ind.name,
        name_grams: indexText(ind.name),
        unit: ind.unit,
        kind: ind.kind,
        direction: ind.direction,
        source: ind.source,
        achievement_form: ind.achievementForm,
      };
      const found = stored.find((s) => s.name === ind.name);
      let id: number;
      if (found) {
        id = found.id;
        await this.trx.updateTable("indicator").set(values).where("id", "=", id).execute();
      } else {
        id = (
          await this.trx
            .insertInto("indicator")
            .values({
              plan_id: this.planId,
              measure_id: "measureId" in owner ? owner.measureId : null,
              item_id: "itemId" in owner ? owner.itemId : null,
              group_id: "groupId" in owner ? owner.groupId : null,
              code: this.nextCode(ind.code ?? null),
              position: position++,
              ...values,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      }
      for (const value of ind.values) await this.writeValue(id, value, ind);
      // A revised indicator shows its revisions: the import's change becomes the latest one.
      if (found) await reviseAfterImport(this.trx, this.planId, id, new Date().toISOString());
      this.written++;
    }
  }

  private async writeValue(indicatorId: number, v: IndicatorValue, ind: IndicatorDraft) {
    const periodId = v.periodAsOf === null ? null : await this.periodId(v.periodAsOf, ind);
    await this.trx
      .deleteFrom("indicator_value")
      .where("indicator_id", "=", indicatorId)
      .where("kind", "=", v.kind)
      .where("final", "=", v.final ? 1 : 0)
      .where((eb) =>
        eb.and([
          v.fiscalYear === null
            ? eb("fiscal_year", "is", null)
            : eb("fiscal_year", "=", v.fiscalYear),
          periodId === null
            ? eb("reporting_period_id", "is", null)
            : eb("reporting_period_id", "=", periodId),
        ]),
      )
      .execute();
    await this.trx
      .insertInto("indicator_value")
      .values({
        indicator_id: indicatorId,
        kind: v.kind,
        fiscal_year: v.fiscalYear,
        final: v.final ? 1 : 0,
        reporting_period_id: periodId,
        value: v.value,
        note: v.note,
      })
      .execute();
  }

  private async periodId(asOf: string, ind: IndicatorDraft): Promise<number> {
    const known = this.periods.get(asOf);
    if (known !== undefined) return known;
    const row = await this.trx
      .selectFrom("reporting_period")
      .select("id")
      .where("plan_id", "=", this.planId)
      .where("as_of", "=", asOf)
      .executeTakeFirst();
    if (!row)
      throw new ShinchokuError(
        "invalid_input",
        `指標「${ind.name}」の実績の基準日 ${asOf} の報告がこの計画にありません`,
        ind.line === null ? { field: ind.name } : { line: ind.line, field: ind.name },
      );
    this.periods.set(asOf, row.id);
    return row.id;
  }

  private nextCode(wanted: string | null): string {
    let code = wanted !== null && !this.codes?.has(wanted) ? wanted : "";
    while (code === "" || this.codes?.has(code))
      code = `I${String(this.nextNumber++).padStart(4, "0")}`;
    this.codes?.add(code);
    return code;
  }

  /** The plan's kinds and codes, and its default kinds and bands if it has none yet. */
  private async prepare() {
    if (this.kinds !== null) return;
    const kinds = await this.trx
      .selectFrom("indicator_kind")
      .select("name")
      .where("plan_id", "=", this.planId)
      .orderBy("position")
      .execute();
    this.kinds = kinds.map((k) => k.name);
    if (this.kinds.length === 0) {
      this.kinds = [...(this.scheme?.kinds.length ? this.scheme.kinds : DEFAULT_INDICATOR_KINDS)];
      await this.trx
        .insertInto("indicator_kind")
        .values(this.kinds.map((name, position) => ({ plan_id: this.planId, name, position })))
        .execute();
    }
    const bands = await this.trx
      .selectFrom("indicator_score_band")
      .select("id")
      .where("plan_id", "=", this.planId)
      .executeTakeFirst();
    if (!bands)
      await this.trx
        .insertInto("indicator_score_band")
        .values(
          (this.scheme?.bands.length ? this.scheme.bands : DEFAULT_SCORE_BANDS).map(
            (b, position) => ({
              plan_id: this.planId,
              label: b.label,
              minimum: b.minimum,
              position,
            }),
          ),
        )
        .execute();
    const codes = await this.trx
      .selectFrom("indicator")
      .select("code")
      .where("plan_id", "=", this.planId)
      .execute();
    this.codes = new Set(codes.map((c) => c.code));
  }

  private async ensureKind(kind: string) {
    if (this.kinds?.includes(kind)) return;
    await this.trx
      .insertInto("indicator_kind")
      .values({ plan_id: this.planId, name: kind, position: this.kinds?.length ?? 0 })
      .execute();
    this.kinds?.push(kind);
    this.report.info(
      null,
      "indicator-kind-added",
      `指標の種類「${kind}」を計画の種類の一覧に加えました`,
    );
  }
}
