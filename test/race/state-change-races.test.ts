import assert from "node:assert/strict";
import { after as afterAll, before, it } from "node:test";
import { issueApiToken, revokeApiToken } from "../../src/commands/api/api-token-issuer.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { saveProgress } from "../../src/commands/cycle/progress-saver.ts";
import { assignDepartment } from "../../src/commands/departments/department-assigner.ts";
import type { Store } from "../../src/store/store.ts";
import { forEachStore } from "../store-targets.ts";
import {
  after,
  closePeriod,
  openAllAccepted,
  periodState,
  putDraft,
  type RaceFixture,
  raceFixture,
  versionsOf,
} from "./race-fixture.ts";

const ROUNDS = 3;

/** Audit events of some actions, oldest first (ids follow the order in which they committed). */
function events(store: Store, actions: string[]) {
  return store.db
    .selectFrom("audit_event")
    .select(["id", "action", "entity_id", "account_id", "after"])
    .where("action", "in", actions)
    .orderBy("id")
    .execute();
}

async function rowsOf(store: Store, asOf: string) {
  return store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
    .select(["measure.code", "progress.narrative", "progress.review_state"])
    .where("p.as_of", "=", asOf)
    .execute();
}

forEachStore("state changes racing each other over HTTP", (dialect) => {
  let r: RaceFixture;
  before(async () => {
    r = await raceFixture(dialect);
  });
  afterAll(() => r.dispose());

  it("opens one period when two opens race, and tells the other it was refused", async () => {
    const { store, f } = r;
    for (let round = 0; round < ROUNDS; round++) {
      const dates = [r.nextAsOf(), r.nextAsOf()];
      const answers = await Promise.all(
        dates.map((asOf, i) =>
          after(i * 2, () => r.planner(`/staff/plans/${f.planSlug}/periods`, { asOf })),
        ),
      );
      const open = await store.db
        .selectFrom("reporting_period")
        .select("as_of")
        .where("state", "=", "open")
        .execute();
      assert.equal(open.length, 1, `round ${round}: one open period, not ${open.length}`);
      assert.deepEqual([...answers].sort(), [303, 400], `round ${round}: ${answers}`);
      assert.equal(open[0]?.as_of, dates[answers.indexOf(303)], "the answer names the opened one");
      const opened = (await events(store, ["period.open"])).filter((e) =>
        dates.some((d) => String(e.after).includes(d)),
      );
      assert.equal(opened.length, 1, `round ${round}: one period.open recorded`);
      await closePeriod(r, open[0]?.as_of ?? "");
    }
  });

  it("keeps every review of a racing publish before it (and the publish counts it) or refuses it", async () => {
    const { store, f } = r;
    const nursery = await r.codesOf("保育幼稚園課");
    const transport = await r.codesOf("交通政策課");
    const accepted = [...nursery.slice(0, 2), ...transport.slice(0, 2)];
    const waiting = [nursery[2] ?? "", transport[2] ?? ""];
    // Every draft accepted and the planner returning some while the publish runs (as in the
    // issue); or two drafts waiting, accepted just before or while the publish runs.
    const rounds = [
      { submitted: [] as string[], publishAt: 0, reviewsFrom: 2 },
      { submitted: waiting, publishAt: 10, reviewsFrom: 0 },
      { submitted: [] as string[], publishAt: 0, reviewsFrom: 6 },
    ];
    const outcomes: string[] = [];
    for (const [round, { submitted, publishAt, reviewsFrom }] of rounds.entries()) {
      const asOf = r.nextAsOf();
      await openAllAccepted(r, asOf, accepted);
      for (const code of submitted)
        await saveProgress(store, code === submitted[0] ? f.staff.nursery : f.staff.transport, {
          planSlug: f.planSlug,
          asOf,
          measureCode: code,
          narrative: `確認待ち ${code}`,
          statusCode: null,
          expectedVersion: 1,
        });
      const versions = await versionsOf(store, asOf, f.planSlug);
      // The waiting drafts accepted, and the accepted ones returned, while the publish runs.
      const reviews = [
        ...submitted.map((code) => ({ code, decision: "accept" })),
        ...accepted.map((code) => ({ code, decision: "return" })),
      ];
      // The confirmation is read before the race: a review landing first makes it stale.
      const confirmed = await r.publishForm(asOf);
      const publish = after(publishAt, () =>
        r.planner(`/staff/plans/${f.planSlug}/publish`, confirmed),
      );
      const answers = await Promise.all(
        reviews.map((v, i) =>
          after(reviewsFrom + i * 4, () =>
            r.planner(`/staff/plans/${f.planSlug}/measures/${v.code}/review`, {
              decision: v.decision,
              comment: v.decision === "return" ? `公表中の差戻し ${asOf}` : "",
              version: String(versions.get(v.code) ?? 0),
            }),
          ),
        ),
      );
      const published = await publish;
      const state = await periodState(store, f.planSlug, asOf);
      assert.equal(published === 303, state === "published", `round ${round}: ${published}`);
      const rows = new Map((await rowsOf(store, asOf)).map((row) => [row.code, row]));
      const periodEvents = (
        await events(store, ["progress.accept", "progress.return", "period.publish"])
      ).filter((e) => e.entity_id.endsWith(`@${asOf}`) || e.action === "period.publish");
      const publishEvent =
        state === "published"
          ? periodEvents.filter((e) => e.action === "period.publish").at(-1)
          : undefined;
      if (state === "published")
        assert.deepEqual(
          [...rows.values()].filter((row) => ["submitted", "returned"].includes(row.review_state)),
          [],
          `round ${round}: nothing unreviewed or returned in the published period`,
        );
      reviews.forEach((v, i) => {
        const recorded = periodEvents.filter(
          (e) => e.action === `progress.${v.decision}` && e.entity_id === `${v.code}@${asOf}`,
        );
        if (answers[i] === 303) {
          assert.equal(recorded.length, 1, `round ${round}: review ${i} recorded once`);
          assert.ok(
            (recorded[0]?.id ?? 0) < (publishEvent?.id ?? Number.POSITIVE_INFINITY),
            `round ${round}: review ${i} answered 303, recorded after the publish`,
          );
          assert.equal(
            rows.get(v.code)?.review_state,
            v.decision === "accept" ? "accepted" : "returned",
          );
        } else {
          assert.equal(answers[i], 400, `round ${round}: review ${i} answered ${answers[i]}`);
          assert.deepEqual(recorded, [], `round ${round}: review ${i} refused, yet recorded`);
        }
      });
      outcomes.push(`${state} ${answers.filter((a) => a === 303).length}/${answers.length}`);
      await closePeriod(r, asOf);
    }
    // Only for the log: which way the rounds went.
    console.log(`${dialect} reviews: ${outcomes.join("; ")}`);
  });

  it("keeps one of two decisions racing on one draft and refuses the other with nothing recorded", async () => {
    const { store, f } = r;
    const codes = (await r.codesOf("交通政策課")).slice(0, ROUNDS);
    const asOf = r.nextAsOf();
    await openPeriod(store, f.staff.planner, { planSlug: f.planSlug, asOf, deadline: null });
    for (const code of codes)
      await saveProgress(store, f.staff.transport, {
        planSlug: f.planSlug,
        asOf,
        measureCode: code,
        narrative: `確認待ち ${code}`,
        statusCode: null,
        expectedVersion: 1,
      });
    const versions = await versionsOf(store, asOf, f.planSlug);
    for (const [round, code] of codes.entries()) {
      const decisions = ["accept", "return"];
      const answers = await Promise.all(
        decisions.map((decision, i) =>
          after(i, () =>
            r.planner(`/staff/plans/${f.planSlug}/measures/${code}/review`, {
              decision,
              comment: decision === "return" ? "同時の差戻し" : "",
              version: String(versions.get(code) ?? 0),
            }),
          ),
        ),
      );
      assert.deepEqual([...answers].sort(), [303, 400], `round ${round}: ${answers}`);
      const winner = decisions[answers.indexOf(303)];
      const recorded = (await events(store, ["progress.accept", "progress.return"])).filter(
        (e) => e.entity_id === `${code}@${asOf}`,
      );
      assert.deepEqual(
        recorded.map((e) => e.action),
        [`progress.${winner}`],
        `round ${round}: only the decision that answered 303 is recorded`,
      );
      const row = (await rowsOf(store, asOf)).find((x) => x.code === code);
      assert.equal(row?.review_state, winner === "accept" ? "accepted" : "returned");
    }
    await closePeriod(r, asOf);
  });

  it("refuses every save through a token revoked before it commits, and keeps the ones before", async () => {
    const { store, f, origin } = r;
    const codes = (await r.codesOf("保育幼稚園課")).slice(0, 5);
    const asOf = r.nextAsOf();
    await openPeriod(store, f.staff.planner, { planSlug: f.planSlug, asOf, deadline: null });
    for (let round = 0; round < ROUNDS; round++) {
      const issued = await issueApiToken(store, f.staff.admin, {
        department: "保育幼稚園課",
        name: `連携 ${round}`,
      });
      const versions = await versionsOf(store, asOf, f.planSlug);
      const texts = codes.map((_, i) => `失効と競合する保存 ${round} ${i}`);
      const revoke = after(6, () => revokeApiToken(store, f.staff.admin, { id: issued.id }));
      const answers = await Promise.all(
        codes.map((code, i) =>
          after(i * 3, () =>
            putDraft(origin, f.planSlug, code, issued.token, {
              narrative: texts[i] ?? "",
              expectedVersion: versions.get(code) ?? 0,
            }),
          ),
        ),
      );
      await revoke;
      const all = await events(store, ["progress.save", "api_token.revoke"]);
      const revoked = all.find(
        (e) => e.action === "api_token.revoke" && e.entity_id === String(issued.id),
      );
      assert.ok(revoked, "the revocation is recorded");
      const rows = new Map((await rowsOf(store, asOf)).map((row) => [row.code, row]));
      answers.forEach((answer, i) => {
        const text = texts[i] ?? "";
        const saved = all.filter((e) => e.action === "progress.save" && e.after?.includes(text));
        if (answer.status === 200) {
          assert.equal(rows.get(codes[i] ?? "")?.narrative, text);
          assert.equal(saved.length, 1);
          assert.ok(
            (saved[0]?.id ?? 0) < revoked.id,
            `round ${round}: PUT ${i} answered 200, saved after the revocation`,
          );
        } else {
          assert.equal(answer.status, 401, `round ${round}: PUT ${i}: ${JSON.stringify(answer)}`);
          assert.notEqual(rows.get(codes[i] ?? "")?.narrative, text);
          assert.deepEqual(saved, [], `round ${round}: PUT ${i} answered 401, yet saved`);
        }
      });
    }
    await closePeriod(r, asOf);
  });

  it("refuses every save by a department that a racing assignment took the measure from, or keeps it before", async () => {
    const { store, f, origin } = r;
    const codes = (await r.codesOf("保育幼稚園課")).slice(0, 5);
    const asOf = r.nextAsOf();
    await openPeriod(store, f.staff.planner, { planSlug: f.planSlug, asOf, deadline: null });
    for (let round = 0; round < ROUNDS; round++) {
      const versions = await versionsOf(store, asOf, f.planSlug);
      const texts = codes.map((_, i) => `担当替えと競合する保存 ${round} ${i}`);
      const assign = after(6, () =>
        r.planner(`/staff/plans/${f.planSlug}/departments`, {
          department: "交通政策課",
          items: "56-58",
          role: "lead",
        }),
      );
      const answers = await Promise.all(
        codes.map((code, i) =>
          after(i * 3, () =>
            putDraft(origin, f.planSlug, code, f.tokens.nursery, {
              narrative: texts[i] ?? "",
              expectedVersion: versions.get(code) ?? 0,
            }),
          ),
        ),
      );
      assert.equal(await assign, 303, "the assignment is made");
      const all = await events(store, ["progress.save", "department.assign"]);
      const assigned = all.filter((e) => e.action === "department.assign").at(-1);
      assert.ok(assigned?.after?.includes("交通政策課"));
      const rows = new Map((await rowsOf(store, asOf)).map((row) => [row.code, row]));
      answers.forEach((answer, i) => {
        const text = texts[i] ?? "";
        const saved = all.filter((e) => e.action === "progress.save" && e.after?.includes(text));
        if (answer.status === 200) {
          assert.equal(rows.get(codes[i] ?? "")?.narrative, text);
          assert.ok(
            (saved[0]?.id ?? 0) < (assigned?.id ?? 0),
            `round ${round}: PUT ${i} answered 200, saved after the measure changed hands`,
          );
        } else {
          assert.equal(answer.status, 403, `round ${round}: PUT ${i}: ${JSON.stringify(answer)}`);
          assert.notEqual(rows.get(codes[i] ?? "")?.narrative, text);
          assert.deepEqual(saved, [], `round ${round}: PUT ${i} answered 403, yet saved`);
        }
      });
      // The measures go back to their department for the next round.
      await assignDepartment(store, f.staff.planner, {
        planSlug: f.planSlug,
        department: "保育幼稚園課",
        itemNumbers: [56, 57, 58],
        role: "lead",
      });
    }
    await closePeriod(r, asOf);
  });
});
