import { recordAudit } from "../commands/audit-recorder.ts";
import { bumpRevision } from "../commands/revision-bumper.ts";
import { ShinchokuError } from "../domain/errors.ts";
import type { Store } from "../store/store.ts";
import type { Vocabulary } from "./model-vocabulary.ts";
import { generateOrganizations } from "./organization-generator.ts";
import { generatePlan } from "./plan-generator.ts";
import { writePlan } from "./plan-writer.ts";
import { loadModelVocabulary } from "./vocabulary-loader.ts";

/** Plan transactions in flight at once on PostgreSQL. */
const WRITERS_ON_POSTGRES = 3;

export interface DataSetOptions {
  organizations: number;
  plansPerOrganization: number;
  periods: number;
  seed: number;
  fromYear: number;
  /** The time written as created_at and in the audit trail (default: now). */
  now?: Date;
  vocabulary?: Vocabulary;
  /** Called after each plan is committed. */
  onProgress?: (progress: GenerationProgress) => void;
}

export interface GenerationProgress {
  plansDone: number;
  plansTotal: number;
  rows: number;
  seconds: number;
}

export interface GenerationSummary {
  organizations: number;
  plans: number;
  measures: number;
  progressRows: number;
  indicators: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/**
 * Generate a national data set into the store: the organizations in one transaction, then
 * each plan in a transaction of its own (multi-row INSERTs, its search entries, an audit
 * event, the data revision moved), so a reader sees whole plans only. Refuses a store that
 * already holds any of the organization codes it would create: generate into an empty store.
 * @example await generateDataSet(store, { organizations: 20, plansPerOrganization: 2, periods: 8, seed: 1, fromYear: 2013 })
 */
export async function generateDataSet(
  store: Store,
  options: DataSetOptions,
): Promise<GenerationSummary> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const now = (options.now ?? new Date()).toISOString();
  const vocabulary = options.vocabulary ?? loadModelVocabulary();
  const organizations = generateOrganizations(options.organizations, options.seed);
  const codes = organizations.map((o) => o.code);

  const orgIds = await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < codes.length; i += 500) {
      const clash = await trx
        .selectFrom("organization")
        .select("code")
        .where("code", "in", codes.slice(i, i + 500))
        .orderBy("code")
        .executeTakeFirst();
      if (clash)
        throw new ShinchokuError(
          "conflict",
          `団体コード ${clash.code} の団体が保存先にすでにあります。生成は空の保存先に行ってください（同じ引数で2回生成すると同じ団体コードになります）`,
          { field: "--orgs" },
        );
    }
    const ids = new Map<string, number>();
    for (let i = 0; i < organizations.length; i += 500) {
      const inserted = await trx
        .insertInto("organization")
        .values(
          organizations
            .slice(i, i + 500)
            .map((o) => ({ code: o.code, name: o.name, created_at: now })),
        )
        .returning(["id", "code"])
        .execute();
      for (const r of inserted) ids.set(r.code, r.id);
    }
    await recordAudit(trx, {
      actor: null,
      action: "organization.generate",
      entity: "organization",
      entityId: codes.length,
      after: { organizations: codes.length, seed: options.seed },
      at: now,
    });
    await bumpRevision(trx, new Date(now));
    return ids;
  });

  const summary = {
    organizations: organizations.length,
    plans: 0,
    measures: 0,
    progressRows: 0,
    indicators: 0,
  };
  let rows = organizations.length + 1;
  const tasks = organizations.flatMap((organization) =>
    Array.from({ length: options.plansPerOrganization }, (_, i) => ({
      organization,
      index: i + 1,
    })),
  );
  // PostgreSQL spends most of a plan's time in the server: a few plans in flight at once keep
  // both sides busy. SQLite has one connection; its transactions run one after the other.
  const writers = store.dialect === "postgres" ? WRITERS_ON_POSTGRES : 1;
  let next = 0;
  const writer = async () => {
    for (let task = tasks[next++]; task; task = tasks[next++]) {
      const plan = generatePlan(vocabulary, {
        organization: task.organization,
        index: task.index,
        periods: options.periods,
        fromYear: options.fromYear,
        seed: options.seed,
      });
      const organizationId = orgIds.get(task.organization.code) ?? 0;
      const written = await store.db.transaction().execute(async (trx) => {
        const counts = await writePlan(trx, organizationId, plan, now);
        await bumpRevision(trx);
        return counts;
      });
      summary.plans++;
      summary.measures += written.measures;
      summary.progressRows += written.progress;
      summary.indicators += written.indicators;
      rows += written.rows;
      options.onProgress?.({
        plansDone: summary.plans,
        plansTotal: tasks.length,
        rows,
        seconds: seconds(),
      });
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const total = seconds();
  return {
    ...summary,
    rows,
    seconds: Math.round(total * 100) / 100,
    rowsPerSecond: Math.round(rows / Math.max(total, 0.001)),
  };
}
