import assert from "node:assert/strict";
import { after as afterAll, before, it } from "node:test";
import { forEachStore } from "../store-targets.ts";
import {
  type Answer,
  after,
  closePeriod,
  openAllAccepted,
  periodState,
  putDraft,
  type RaceFixture,
  raceFixture,
  versionsOf,
} from "./race-fixture.ts";

const ROUNDS = 4;
const PUTS = 10;

forEachStore("a publish racing draft saves over HTTP", (dialect) => {
  let r: RaceFixture;
  before(async () => {
    r = await raceFixture(dialect);
  });
  afterAll(() => r.dispose());

  it("either keeps a save before the publish (which then refuses) or refuses it with nothing stored, and says which", async () => {
    const { store, f, origin } = r;
    const nursery = await r.codesOf("保育幼稚園課");
    const transport = await r.codesOf("交通政策課");
    // Each PUT a measure of its own, alternating between the two departments' tokens.
    const targets = Array.from({ length: PUTS }, (_, i) => {
      const own = i % 2 === 0 ? nursery : transport;
      const code = own[Math.floor(i / 2) % own.length] ?? "";
      return { code, token: i % 2 === 0 ? f.tokens.nursery : f.tokens.transport };
    });
    assert.equal(new Set(targets.map((t) => t.code)).size, PUTS, "ten different measures");
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const asOf = r.nextAsOf();
      await openAllAccepted(
        r,
        asOf,
        targets.slice(0, 4).map((t) => t.code),
      );
      const versions = await versionsOf(store, asOf, f.planSlug);
      const texts = targets.map((_, i) => `公表と競合する保存 ${asOf} ${i}`);

      // The confirmation is read first, as a person would; the publish then races the saves.
      const confirmed = await r.publishForm(asOf);
      // The publish first, or some saves ahead of it: both orders must come out whole.
      const publish = after([0, 15, 0, 45][round % 4] ?? 0, () =>
        r.planner(`/staff/plans/${f.planSlug}/publish`, confirmed),
      );
      const puts = targets.map((t, i) =>
        after(2 + i * 5, () =>
          putDraft(origin, f.planSlug, t.code, t.token, {
            narrative: texts[i] ?? "",
            expectedVersion: versions.get(t.code) ?? 0,
          }),
        ),
      );
      const published = await publish;
      const answers: Answer[] = await Promise.all(puts);

      // The publish's answer tells the truth.
      const state = await periodState(store, f.planSlug, asOf);
      assert.equal(published === 303, state === "published", `round ${round}: ${published}`);
      if (published !== 303) assert.equal(published, 400, "a refused publish is a form error");

      const rows = await store.db
        .selectFrom("progress")
        .innerJoin("measure", "measure.id", "progress.measure_id")
        .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
        .select(["measure.code", "progress.narrative", "progress.review_state"])
        .where("p.as_of", "=", asOf)
        .execute();
      const rowOf = new Map(rows.map((row) => [row.code, row]));
      if (state === "published")
        assert.deepEqual(
          rows.filter((row) => ["submitted", "returned"].includes(row.review_state)),
          [],
          `round ${round}: the published period holds no unreviewed draft`,
        );
      const events = await store.db
        .selectFrom("audit_event")
        .select(["id", "action", "entity_id", "after"])
        .where("action", "in", ["progress.save", "period.publish"])
        .orderBy("id")
        .execute();
      answers.forEach((answer, i) => {
        const text = texts[i] ?? "";
        const row = rowOf.get(targets[i]?.code ?? "");
        if (answer.status === 200) {
          // Landed before the publish, so the publish must have refused.
          assert.equal(
            state,
            "open",
            `round ${round}: PUT ${i} saved, yet the period was published`,
          );
          assert.equal(answer.body.narrative, text);
          assert.equal(answer.body.reviewState, "submitted");
          assert.equal(row?.narrative, text, `round ${round}: PUT ${i} answered 200: stored`);
          assert.equal(row?.review_state, "submitted");
        } else {
          assert.equal(answer.status, 409, `round ${round}: PUT ${i}: ${JSON.stringify(answer)}`);
          assert.notEqual(
            row?.narrative,
            text,
            `round ${round}: PUT ${i} answered 409, yet stored`,
          );
          assert.ok(
            !events.some((e) => String(e.after).includes(text)),
            `round ${round}: PUT ${i} answered 409, yet audited`,
          );
        }
      });
      const periodId = await store.db
        .selectFrom("reporting_period")
        .select("id")
        .where("as_of", "=", asOf)
        .executeTakeFirstOrThrow();
      const publishEvent = events.find(
        (e) => e.action === "period.publish" && e.entity_id === String(periodId.id),
      );
      assert.equal(publishEvent !== undefined, state === "published");
      const late = events.filter(
        (e) =>
          e.action === "progress.save" &&
          e.id > (publishEvent?.id ?? Number.POSITIVE_INFINITY) &&
          e.entity_id.endsWith(`@${asOf}`),
      );
      assert.deepEqual(late, [], `round ${round}: no save of the period after its publish`);
      outcomes.push(
        `${state} ${answers.filter((a) => a.status === 200).length}/${answers.length} saved`,
      );
      await closePeriod(r, asOf);
    }
    // Only for the log: which way the rounds went.
    console.log(`${dialect}: ${outcomes.join("; ")}`);
  });
});
