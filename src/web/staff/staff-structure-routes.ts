import type { Context, Hono } from "hono";
import { addGroup } from "../../commands/structure/group-adder.ts";
import { addItem } from "../../commands/structure/item-adder.ts";
import { addMeasure } from "../../commands/structure/measure-adder.ts";
import { retireMeasure } from "../../commands/structure/measure-retirer.ts";
import { changePlacement } from "../../commands/structure/placement-changer.ts";
import { createPlan } from "../../commands/structure/plan-creator.ts";
import { extendSpan } from "../../commands/structure/span-extender.ts";
import { reviseTitle, type StructureKind } from "../../commands/structure/title-reviser.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { can } from "../../domain/staff-policy.ts";
import { type PlanStructure, planStructure } from "../../store/queries/plan-structure-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { NEW_PLAN_DEFAULTS, type NewPlanForm, newPlanPage } from "./new-plan-page.ts";
import type { StaffEnv } from "./staff-env.ts";
import {
  groupName,
  itemName,
  partPage,
  type StructureForm,
  structureBase,
  structurePage,
} from "./structure-page.ts";
import { type StructureTextKey, structureText } from "./structure-text.ts";

type C = Context<StaffEnv>;

/** A text of the structure pages in the language of the request. */
const say = (c: C, key: StructureTextKey) => structureText(pageContext(c).lang, key);

const text = (body: Record<string, unknown>, name: string, max = 2000) =>
  typeof body[name] === "string" ? (body[name] as string).slice(0, max) : "";

const NOTICES: Record<string, StructureTextKey> = {
  created: "doneCreated",
  group: "doneAdded",
  item: "doneAdded",
  measure: "doneAdded",
  span: "doneSpan",
  title: "doneTitle",
  move: "doneMove",
  renumber: "doneRenumber",
  relisting: "doneRelisting",
  retire: "doneRetire",
};

const KINDS: Record<string, StructureKind> = {
  groups: "group",
  items: "item",
  measures: "measure",
};

/** A command's refusal as errors beside the form's fields (`group-title`), or beside the period note. */
function fieldErrorsOf(error: ShinchokuError, prefix: string): FieldErrors {
  const field = error.location.field;
  if (error.id === "invalid_state" || field === "period" || !field)
    return { period: error.message };
  return { [prefix ? `${prefix}-${field}` : field]: error.message };
}

/**
 * The planning division (and administrators) make a plan and its structure on the staff side
 * (issue 16, point 2): `/staff/new-plan`, and `/staff/plans/:slug/structure` with its forms.
 * Who may comes first: an editor or another organization's planner gets 403 before anything is
 * read or stored. A refused form comes back with what was typed and the error beside the field.
 */
export function staffStructureRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const forbidden = (c: C) => c.text(say(c, "forbidden"), 403);

  staff.get("/new-plan", (c) => {
    const session = c.get("session");
    if (!session) return c.text(say(c, "signIn"), 401);
    if (!can(session.actor, "plan.structure", { organizationId: session.actor.organizationId }))
      return forbidden(c);
    return c.html(newPlanPage(pageContext(c), { session, values: NEW_PLAN_DEFAULTS, errors: {} }));
  });

  staff.post("/new-plan", async (c) => {
    const session = c.get("session");
    if (!session) return c.text(say(c, "signIn"), 401);
    if (!can(session.actor, "plan.structure", { organizationId: session.actor.organizationId }))
      return forbidden(c);
    const body = await c.req.parseBody();
    const preset = text(body, "statusPreset", 10);
    const values: NewPlanForm = {
      title: text(body, "title", 400),
      slug: text(body, "slug", 100),
      levels: text(body, "levels"),
      measureLevel: text(body, "measureLevel", 100),
      firstFiscalYear: text(body, "firstFiscalYear", 20),
      lastFiscalYear: text(body, "lastFiscalYear", 20),
      statusPreset: preset === "abcd" || preset === "lines" ? preset : "default",
      statusLines: text(body, "statusLines"),
      firstAsOf: text(body, "firstAsOf", 20),
    };
    try {
      const plan = await createPlan(store, session.actor, {
        ...values,
        levels: values.levels.split(/\r?\n/u),
        statusPreset: values.statusPreset as "default" | "abcd" | "lines",
      });
      return c.redirect(`${structureBase(plan.slug)}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ShinchokuError)) throw error;
      if (error.id === "forbidden") return forbidden(c);
      return c.html(
        newPlanPage(pageContext(c), {
          session,
          values,
          errors: { [error.location.field ?? "title"]: error.message },
        }),
        400,
      );
    }
  });

  /** The plan's structure, when the signed-in person may change it; else the response to send. */
  const load = async (c: C): Promise<PlanStructure | Response> => {
    const session = c.get("session");
    if (!session) return c.text(say(c, "signIn"), 401);
    const structure = await planStructure(store.db, c.req.param("slug") ?? "");
    if (!structure) return c.text(say(c, "planNotFound"), 404);
    if (!can(session.actor, "plan.structure", { organizationId: structure.plan.organization_id }))
      return forbidden(c);
    return structure;
  };

  const render = async (c: C, values: StructureForm = {}, errors: FieldErrors = {}) => {
    const structure = await load(c);
    if (structure instanceof Response) return structure;
    const session = c.get("session");
    if (!session) return c.text(say(c, "signIn"), 401);
    const doneKey = c.req.query("done") ?? "";
    const done = Object.hasOwn(NOTICES, doneKey) ? NOTICES[doneKey] : undefined;
    const notice = done ? say(c, done) : undefined;
    return c.html(
      structurePage(pageContext(c), {
        session,
        structure,
        values,
        errors,
        ...(notice ? { notice } : {}),
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/plans/:slug/structure", (c) => render(c));

  const adding = (
    path: string,
    prefix: string,
    fields: readonly string[],
    run: (slug: string, values: StructureForm, c: C) => Promise<unknown>,
  ) =>
    staff.post(`/plans/:slug/structure/${path}`, async (c) => {
      const structure = await load(c);
      if (structure instanceof Response) return structure;
      const body = await c.req.parseBody();
      const values: StructureForm = {};
      for (const f of fields) values[`${prefix}-${f}`] = text(body, `${prefix}-${f}`, 600);
      try {
        await run(structure.plan.slug, values, c);
        return c.redirect(`${structureBase(structure.plan.slug)}?done=${prefix}`, 303);
      } catch (error) {
        if (!(error instanceof ShinchokuError)) throw error;
        if (error.id === "forbidden") return forbidden(c);
        return render(c, values, fieldErrorsOf(error, prefix));
      }
    });
  const actorOf = (c: C) => {
    const session = c.get("session");
    if (!session) throw new ShinchokuError("unauthenticated", "ログインしてください");
    return session.actor;
  };

  adding("groups", "group", ["parentId", "number", "label", "title"], (planSlug, v, c) =>
    addGroup(store, actorOf(c), {
      planSlug,
      parentId: v["group-parentId"] ?? "",
      number: v["group-number"] ?? "",
      label: v["group-label"] ?? "",
      title: v["group-title"] ?? "",
    }),
  );
  adding("items", "item", ["groupId", "number", "label", "title"], (planSlug, v, c) =>
    addItem(store, actorOf(c), {
      planSlug,
      groupId: v["item-groupId"] ?? "",
      number: v["item-number"] ?? "",
      label: v["item-label"] ?? "",
      title: v["item-title"] ?? "",
    }),
  );
  adding("measures", "measure", ["itemId", "code", "title", "departmentId"], (planSlug, v, c) =>
    addMeasure(store, actorOf(c), {
      planSlug,
      itemId: v["measure-itemId"] ?? "",
      code: v["measure-code"] ?? "",
      title: v["measure-title"] ?? "",
      departmentId: v["measure-departmentId"] ?? "",
    }),
  );
  adding("span", "span", [], (planSlug, _v, c) => extendSpan(store, actorOf(c), { planSlug }));

  /** One group, item or measure of the plan with its name and what its forms start from. */
  const part = (
    structure: PlanStructure,
    kind: string,
    rawId: string,
  ): { id: number; name: string; values: StructureForm } | null => {
    const id = /^\d{1,9}$/u.test(rawId) ? Number(rawId) : -1;
    if (kind === "groups") {
      const g = structure.groups.find((x) => x.id === id);
      return g
        ? {
            id,
            name: groupName(structure, g),
            values: { title: g.title, number: String(g.number), label: g.label },
          }
        : null;
    }
    if (kind === "items") {
      const i = structure.items.find((x) => x.id === id);
      return i
        ? {
            id,
            name: itemName(structure, i),
            values: {
              title: i.title,
              number: i.number === null ? "" : String(i.number),
              label: i.label,
            },
          }
        : null;
    }
    const m = structure.measures.find((x) => x.id === id);
    return m
      ? {
          id,
          name: `${m.code} ${m.title}`,
          values: { title: m.title, originalCode: m.relistingOf ?? "" },
        }
      : null;
  };

  const renderPart = async (c: C, typed: StructureForm = {}, errors: FieldErrors = {}) => {
    const structure = await load(c);
    if (structure instanceof Response) return structure;
    const session = c.get("session");
    const kind = c.req.param("kind") ?? "";
    if (!session || !(kind in KINDS)) return c.text(say(c, "notFound"), 404);
    const found = part(structure, kind, c.req.param("id") ?? "");
    if (!found) return c.text(say(c, "notFound"), 404);
    return c.html(
      partPage(pageContext(c), {
        session,
        structure,
        kind: kind as "groups" | "items" | "measures",
        id: found.id,
        name: found.name,
        values: { ...found.values, ...typed },
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/plans/:slug/structure/:kind/:id", (c) => renderPart(c));

  /** A form of a part's page: its fields as typed, the command, back to the structure or the page again. */
  const partForm = (
    action: string,
    fields: readonly string[],
    kinds: readonly StructureKind[],
    run: (
      planSlug: string,
      kind: StructureKind,
      id: number,
      values: StructureForm,
      c: C,
    ) => Promise<unknown>,
  ) =>
    staff.post(`/plans/:slug/structure/:kind/:id/${action}`, async (c) => {
      const structure = await load(c);
      if (structure instanceof Response) return structure;
      const kind = KINDS[c.req.param("kind")];
      const found = kind ? part(structure, c.req.param("kind"), c.req.param("id")) : null;
      if (!kind || !found || !kinds.includes(kind)) return c.text(say(c, "notFound"), 404);
      const body = await c.req.parseBody();
      const values: StructureForm = {};
      for (const f of fields) values[f] = text(body, f, 600);
      try {
        await run(structure.plan.slug, kind, found.id, values, c);
        return c.redirect(`${structureBase(structure.plan.slug)}?done=${action}`, 303);
      } catch (error) {
        if (!(error instanceof ShinchokuError)) throw error;
        if (error.id === "forbidden") return forbidden(c);
        return renderPart(c, values, fieldErrorsOf(error, ""));
      }
    });

  partForm("title", ["title"], ["group", "item", "measure"], (planSlug, kind, id, v, c) =>
    reviseTitle(store, actorOf(c), { planSlug, kind, id, title: v.title ?? "" }),
  );
  partForm("move", ["parentId"], ["item", "measure"], (planSlug, kind, id, v, c) =>
    changePlacement(store, actorOf(c), {
      planSlug,
      action: "move",
      kind: kind as "item" | "measure",
      id,
      parentId: v.parentId ?? "",
    }),
  );
  partForm("renumber", ["number", "label"], ["group", "item"], (planSlug, kind, id, v, c) =>
    changePlacement(store, actorOf(c), {
      planSlug,
      action: "renumber",
      kind: kind as "group" | "item",
      id,
      number: v.number ?? "",
      label: v.label ?? "",
    }),
  );
  partForm("relisting", ["originalCode"], ["measure"], (planSlug, _kind, id, v, c) =>
    changePlacement(store, actorOf(c), {
      planSlug,
      action: "relist",
      kind: "measure",
      id,
      originalCode: v.originalCode ?? "",
    }),
  );
  partForm("retire", [], ["measure"], (planSlug, _kind, id, _v, c) =>
    retireMeasure(store, actorOf(c), { planSlug, measureId: id }),
  );
}
