import assert from "node:assert/strict";
import { after as afterAll, before, it } from "node:test";
import { forEachStore } from "../store-targets.ts";
import { after, type RaceFixture, raceFixture } from "./race-fixture.ts";

const ROUNDS = 3;

/**
 * Two people creating the same name at the same moment: on PostgreSQL both transactions find the
 * name free before either commits, and the second insert broke the unique constraint, which the
 * server answered with a 500. Now one is created and the other gets the form back with the
 * conflict beside its field (400), on both stores.
 */
forEachStore("the same name created twice at once over HTTP", (dialect) => {
  let r: RaceFixture;
  before(async () => {
    r = await raceFixture(dialect);
  });
  afterAll(() => r.dispose());

  /** Statuses of two posts fired 1 ms apart, sorted. */
  const twice = async (post: () => Promise<number>) =>
    (await Promise.all([post(), after(1, post)])).sort();

  it("makes one plan of a typed address and refuses the other; two plans without an address both get one", async () => {
    const form = {
      title: "窓口改革計画",
      levels: "柱\n項目",
      measureLevel: "取組",
      firstFiscalYear: "2024",
      lastFiscalYear: "2027",
      statusPreset: "abcd",
      statusLines: "",
      firstAsOf: "",
    };
    for (let round = 0; round < ROUNDS; round++) {
      const slug = `race-plan-${round}`;
      assert.deepEqual(
        await twice(() => r.planner("/staff/new-plan", { ...form, slug })),
        [303, 400],
        `round ${round}`,
      );
      const plans = await r.store.db
        .selectFrom("plan")
        .select("id")
        .where("slug", "=", slug)
        .execute();
      assert.equal(plans.length, 1);
    }
    const before = (await r.store.db.selectFrom("plan").select("slug").execute()).length;
    assert.deepEqual(
      await twice(() => r.planner("/staff/new-plan", { ...form, slug: "" })),
      [303, 303],
    );
    const slugs = (await r.store.db.selectFrom("plan").select("slug").execute()).map((p) => p.slug);
    assert.equal(slugs.length, before + 2);
    assert.equal(new Set(slugs).size, slugs.length, "every plan an address of its own");
    const audits = await r.store.db
      .selectFrom("audit_event")
      .select("id")
      .where("action", "=", "plan.create")
      .execute();
    assert.equal(audits.length, ROUNDS + 2, "one audit event per plan made, none for a refusal");
  });

  it("makes one department of a name and refuses the other", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `競合課${round}`;
      assert.deepEqual(await twice(() => r.admin("/staff/departments", { name })), [303, 400]);
      const rows = await r.store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", name)
        .execute();
      assert.equal(rows.length, 1, `round ${round}`);
    }
  });

  it("makes one account of a login and refuses the other", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const login = `race-login-${round}`;
      const form = { login, displayName: "競合 太郎", role: "viewer", departmentId: "", email: "" };
      assert.deepEqual(await twice(() => r.admin("/staff/accounts/new", form)), [201, 400]);
      const rows = await r.store.db
        .selectFrom("account")
        .select("id")
        .where("login", "=", login)
        .execute();
      assert.equal(rows.length, 1, `round ${round}`);
    }
  });
});
