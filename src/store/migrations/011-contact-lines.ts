import type { Kysely } from "kysely";
import { encodeContact, parseContact } from "../../domain/contact-line.ts";
import type { DialectName } from "../dialect/dialect-name.ts";

type Plans = { plan: { id: number; contact: string | null } };

/**
 * A plan's contact becomes lines of data (name, address, phone, fax, e-mail, URL, text), stored
 * as JSON in the same `plan.contact` column: each contact stored as printed text is read once
 * here, so a Markdown link such as `[a@b.jp](mailto:a@b.jp)` is kept as an e-mail address.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  const plans = db as unknown as Kysely<Plans>;
  const rows = await plans
    .selectFrom("plan")
    .select(["id", "contact"])
    .where("contact", "is not", null)
    .execute();
  for (const row of rows) {
    const text = row.contact ?? "";
    if (text.startsWith("[")) continue; // already lines of data
    await plans
      .updateTable("plan")
      .set({ contact: encodeContact(parseContact(text)) })
      .where("id", "=", row.id)
      .execute();
  }
}
