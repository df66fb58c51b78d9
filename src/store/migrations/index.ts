import type { Kysely, Migration, MigrationProvider } from "kysely";
import type { DialectName } from "../dialect/dialect-name.ts";
import * as initialSchema from "./001-initial-schema.ts";
import * as searchIndex from "./002-search-index.ts";
import * as dataRevision from "./003-data-revision.ts";
import * as reportingCycle from "./004-reporting-cycle.ts";
import * as apiToken from "./005-api-token.ts";
import * as roadmapRevision from "./006-roadmap-revision.ts";
import * as progressFigureQualifier from "./007-progress-figure-qualifier.ts";
import * as currentSearchEntries from "./008-current-search-entries.ts";
import * as windowedNationalSearch from "./009-windowed-national-search.ts";
import * as serverSecret from "./010-server-secret.ts";
import * as contactLines from "./011-contact-lines.ts";
import * as measureFields from "./012-measure-fields.ts";
import * as planLevelsAndTitles from "./013-plan-levels-and-titles.ts";
import * as indicators from "./014-indicators.ts";
import * as stagedUploads from "./015-staged-uploads.ts";
import * as accountState from "./016-account-state.ts";
import * as mailReminders from "./018-mail-reminders.ts";
import * as suggestedStatuses from "./019-suggested-statuses.ts";
import * as indicatorRevisions from "./020-indicator-revisions.ts";
import * as structurePeriods from "./021-structure-periods.ts";
import * as indicatorNameIndex from "./022-indicator-name-index.ts";

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const MIGRATIONS: Record<string, DialectMigration> = {
  "001-initial-schema": initialSchema,
  "002-search-index": searchIndex,
  "003-data-revision": dataRevision,
  "004-reporting-cycle": reportingCycle,
  "005-api-token": apiToken,
  "006-roadmap-revision": roadmapRevision,
  "007-progress-figure-qualifier": progressFigureQualifier,
  "008-current-search-entries": currentSearchEntries,
  "009-windowed-national-search": windowedNationalSearch,
  "010-server-secret": serverSecret,
  "011-contact-lines": contactLines,
  "012-measure-fields": measureFields,
  "013-plan-levels-and-titles": planLevelsAndTitles,
  "014-indicators": indicators,
  "015-staged-uploads": stagedUploads,
  "016-account-state": accountState,
  "018-mail-reminders": mailReminders,
  "019-suggested-statuses": suggestedStatuses,
  "020-indicator-revisions": indicatorRevisions,
  "021-structure-periods": structurePeriods,
  "022-indicator-name-index": indicatorNameIndex,
};

/** The migrations, bound to the database they run on. */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      const bound: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS))
        bound[name] = { up: (db) => m.up(db, dialect) };
      return bound;
    },
  };
}
