import type { Store } from "../../src/store/store.ts";

/**
 * The original measures of an item (by number) that nothing re-lists, in order: measures a test
 * may move, re-list or retire without touching a re-listing.
 * @example const [moved] = await plainMeasures(store, 56);
 */
export async function plainMeasures(store: Store, itemNumber: number) {
  return store.db
    .selectFrom("measure as m")
    .innerJoin("item as i", "i.id", "m.item_id")
    .select(["m.id", "m.code"])
    .where("i.number", "=", itemNumber)
    .where("m.relisting_of_measure_id", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("measure as r")
            .select("r.id")
            .whereRef("r.relisting_of_measure_id", "=", "m.id"),
        ),
      ),
    )
    .orderBy("m.position")
    .execute();
}
