import type { Transaction } from "kysely";
import { ShinchokuError } from "../domain/errors.ts";
import type { GroupDraft, ItemDraft, MeasureDraft } from "../domain/plan-draft.ts";
import type { ImportReportBuilder } from "../import/import-report.ts";
import type { Database } from "../store/database.ts";
import type { IndicatorWriter } from "./indicator-writer.ts";

type Trx = Transaction<Database>;

/**
 * Store what a measure brings beside its roadmap and progress, when the source gives it: its
 * responsible department (linked as lead; created in the organization when new if
 * `createDepartments`, else the import is refused naming every unknown department), its custom
 * fields for the period (a row only where the value differs from the latest earlier period's), and
 * the indicators of measures, items and groups.
 */
export class MeasureExtrasWriter {
  private readonly departments = new Map<string, number>();
  private readonly created: string[] = [];
  private readonly unknown: string[] = [];

  constructor(
    private readonly trx: Trx,
    private readonly plan: { id: number; organizationId: number },
    private readonly period: { id: number; asOf: string },
    private readonly now: string,
    private readonly indicators?: IndicatorWriter,
    private readonly createDepartments = true,
  ) {}

  /** A group's indicators (a 施策's KPI). */
  async writeGroup(groupId: number, group: GroupDraft): Promise<void> {
    await this.indicators?.write({ groupId }, group.indicators ?? []);
  }

  /** An item's indicators. */
  async writeItem(itemId: number, item: ItemDraft): Promise<void> {
    await this.indicators?.write({ itemId }, item.indicators ?? []);
  }

  async write(measureId: number, measure: MeasureDraft): Promise<void> {
    const name = measure.department?.trim();
    const departmentId = name ? await this.department(name) : undefined;
    if (departmentId !== undefined) await this.link(measureId, departmentId);
    await this.indicators?.write({ measureId }, measure.indicators ?? []);
    for (const [position, field] of (measure.fields ?? []).entries()) {
      const latest = await this.trx
        .selectFrom("measure_field")
        .innerJoin("reporting_period", "reporting_period.id", "measure_field.reporting_period_id")
        .select("measure_field.value")
        .where("measure_field.measure_id", "=", measureId)
        .where("measure_field.heading", "=", field.heading)
        .where("reporting_period.as_of", "<", this.period.asOf)
        .orderBy("reporting_period.as_of", "desc")
        .executeTakeFirst();
      if (latest?.value === field.value) continue;
      await this.trx
        .insertInto("measure_field")
        .values({
          measure_id: measureId,
          reporting_period_id: this.period.id,
          heading: field.heading,
          value: field.value,
          position,
        })
        .execute();
    }
  }

  /**
   * Say which departments the import created; or, when it was not told to create them, refuse
   * the whole import (the caller's transaction rolls back) naming the departments it lacks.
   */
  reportCreated(report: ImportReportBuilder): void {
    if (this.unknown.length > 0)
      throw new ShinchokuError(
        "invalid_input",
        `この団体にない担当課がデータにあります: ${this.unknown.map((n) => `「${n}」`).join("、")}。打ち間違いでなければ、担当課を作ってから取り込むか、--create-departments を付けてください`,
        { file: report.source, field: "担当課" },
      );
    if (this.created.length > 0)
      report.info(
        null,
        "departments-created",
        `担当課を ${this.created.length} 件作りました: ${this.created.join("、")}`,
      );
  }

  private async department(name: string): Promise<number | undefined> {
    const known = this.departments.get(name);
    if (known !== undefined) return known;
    if (this.unknown.includes(name)) return undefined;
    const found = await this.trx
      .selectFrom("department")
      .select("id")
      .where("organization_id", "=", this.plan.organizationId)
      .where("name", "=", name)
      .executeTakeFirst();
    let id = found?.id;
    if (id === undefined && !this.createDepartments) {
      this.unknown.push(name);
      return undefined;
    }
    if (id === undefined) {
      id = (
        await this.trx
          .insertInto("department")
          .values({ organization_id: this.plan.organizationId, name, created_at: this.now })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
      this.created.push(name);
    }
    this.departments.set(name, id);
    return id;
  }

  private async link(measureId: number, departmentId: number): Promise<void> {
    const lead = await this.trx
      .selectFrom("measure_department")
      .select(["id", "department_id"])
      .where("measure_id", "=", measureId)
      .where("role", "=", "lead")
      .executeTakeFirst();
    if (lead?.department_id === departmentId) return;
    // The data names the lead department: one named before is kept as contributing.
    if (lead)
      await this.trx
        .updateTable("measure_department")
        .set({ role: "contributor" })
        .where("id", "=", lead.id)
        .execute();
    await this.trx
      .deleteFrom("measure_department")
      .where("measure_id", "=", measureId)
      .where("department_id", "=", departmentId)
      .execute();
    await this.trx
      .insertInto("measure_department")
      .values({ measure_id: measureId, department_id: departmentId, role: "lead" })
      .execute();
  }
}
