import assert from "node:assert/strict";
import { after as afterAll, before, it } from "node:test";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { saveProgress } from "../../src/commands/cycle/progress-saver.ts";
import { SESSION_COOKIE } from "../../src/web/staff/staff-env.ts";
import { csrfOf } from "../factories/staff-client.ts";
import { forEachStore } from "../store-targets.ts";
import {
  type Answer,
  after,
  closePeriod,
  putDraft,
  type RaceFixture,
  raceFixture,
  versionsOf,
} from "./race-fixture.ts";

const ROUNDS = 4;

forEachStore("a bulk accept racing draft saves over HTTP", (dialect) => {
  let r: RaceFixture;
  before(async () => {
    r = await raceFixture(dialect);
  });
  afterAll(() => r.dispose());

  it("either accepts every ticked draft before the saves (which are then refused) or accepts none and keeps the saves, and says which", async () => {
    const { store, f, origin } = r;
    const nursery = await r.codesOf("保育幼稚園課");
    const transport = await r.codesOf("交通政策課");
    const targets = [
      { code: nursery[0] ?? "", token: f.tokens.nursery, actor: f.staff.nursery },
      { code: transport[0] ?? "", token: f.tokens.transport, actor: f.staff.transport },
      { code: nursery[1] ?? "", token: f.tokens.nursery, actor: f.staff.nursery },
      { code: transport[1] ?? "", token: f.tokens.transport, actor: f.staff.transport },
    ];
    const cookie = `${SESSION_COOKIE}=${f.staff.tokens.planner}`;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const asOf = r.nextAsOf();
      await openPeriod(store, f.staff.planner, { planSlug: f.planSlug, asOf, deadline: null });
      for (const t of targets)
        await saveProgress(store, t.actor, {
          planSlug: f.planSlug,
          asOf,
          measureCode: t.code,
          narrative: `確認待ち ${asOf} ${t.code}`,
          statusCode: null,
          expectedVersion: 1,
        });
      const versions = await versionsOf(store, asOf, f.planSlug);
      // The list as the planner read it: every ticked draft at the version it showed.
      const list = await fetch(`${origin}/staff/plans/${f.planSlug}/review?state=submitted`, {
        headers: { cookie },
      });
      const csrf = csrfOf(await list.text());
      const form = new URLSearchParams([
        ["_csrf", csrf],
        ...targets.map((t): [string, string] => ["measure", `${t.code}@${versions.get(t.code)}`]),
      ]);
      const texts = targets.map((t) => `一括確認と競合する保存 ${asOf} ${t.code}`);
      const accept = after([0, 12, 3, 30][round] ?? 0, async () => {
        const res = await fetch(`${origin}/staff/plans/${f.planSlug}/review/accept`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: form,
        });
        await res.arrayBuffer();
        return res.status;
      });
      const puts = targets.map((t, i) =>
        after(2 + i * 4, () =>
          putDraft(origin, f.planSlug, t.code, t.token, {
            narrative: texts[i] ?? "",
            expectedVersion: versions.get(t.code) ?? 0,
          }),
        ),
      );
      const accepted = await accept;
      const answers: Answer[] = await Promise.all(puts);

      const rows = new Map(
        (
          await store.db
            .selectFrom("progress")
            .innerJoin("measure", "measure.id", "progress.measure_id")
            .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
            .select(["measure.code", "progress.narrative", "progress.review_state"])
            .where("p.as_of", "=", asOf)
            .execute()
        ).map((row) => [row.code, row]),
      );
      const acceptEvents = (
        await store.db
          .selectFrom("audit_event")
          .select(["entity_id"])
          .where("action", "=", "progress.accept")
          .execute()
      ).filter((e) => e.entity_id.endsWith(`@${asOf}`));
      assert.ok([303, 409].includes(accepted), `round ${round}: bulk accept answered ${accepted}`);
      if (accepted === 303) {
        assert.equal(acceptEvents.length, targets.length, `round ${round}: every accept recorded`);
        for (const [i, t] of targets.entries()) {
          assert.equal(rows.get(t.code)?.review_state, "accepted", `round ${round}: ${t.code}`);
          assert.equal(answers[i]?.status, 409, `round ${round}: PUT ${i} after the accept`);
          assert.notEqual(rows.get(t.code)?.narrative, texts[i], `round ${round}: PUT ${i} stored`);
        }
      } else {
        assert.deepEqual(acceptEvents, [], `round ${round}: a refused bulk accept recorded`);
        assert.ok(
          answers.some((a) => a.status === 200),
          `round ${round}: refused though no save came first`,
        );
        for (const [i, t] of targets.entries()) {
          const row = rows.get(t.code);
          assert.notEqual(row?.review_state, "accepted", `round ${round}: ${t.code} accepted`);
          if (answers[i]?.status === 200) {
            assert.equal(row?.narrative, texts[i], `round ${round}: PUT ${i} answered 200`);
            assert.equal(row?.review_state, "submitted");
          } else {
            assert.equal(
              answers[i]?.status,
              409,
              `round ${round}: PUT ${i}: ${JSON.stringify(answers[i])}`,
            );
            assert.notEqual(
              row?.narrative,
              texts[i],
              `round ${round}: PUT ${i} refused, yet stored`,
            );
          }
        }
      }
      outcomes.push(
        `${accepted === 303 ? "accepted" : "refused"} ${answers.filter((a) => a.status === 200).length}/${answers.length} saved`,
      );
      await closePeriod(r, asOf);
    }
    // Only for the log: which way the rounds went.
    console.log(`${dialect}: ${outcomes.join("; ")}`);
  });
});
