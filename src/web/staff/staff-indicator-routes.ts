import type { Context, Hono } from "hono";
import { changeIndicator, type IndicatorChange } from "../../commands/cycle/indicator-definer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import {
  checkIndicatorDefinition,
  type IndicatorDefinitionForm,
} from "../../domain/indicator-definition.ts";
import { can } from "../../domain/staff-policy.ts";
import {
  type IndicatorSetting,
  indicatorSettings,
} from "../../store/queries/indicator-settings-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import {
  indicatorFormPage,
  indicatorSettingsPage,
  retireConfirmationPage,
} from "../views/staff/indicator-settings-page.ts";
import {
  type IndicatorSettingsTextKey,
  indicatorSettingsText,
} from "../views/staff/indicator-settings-text.ts";
import type { StaffEnv } from "./staff-env.ts";

/** A text of the indicator settings in the language of the request. */
const say = (c: Context, key: IndicatorSettingsTextKey) =>
  indicatorSettingsText(pageContext(c).lang, key);

type Body = Record<string, string | File | Array<string | File>>;

const field = (body: Body, name: string) => {
  const value = body[name];
  return typeof value === "string" ? value.slice(0, 1000) : "";
};

/** The form as typed: every `target-YYYY` field, whatever its year (out of span is refused). */
function formOf(body: Body): IndicatorDefinitionForm {
  const targets: Record<number, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const year = /^target-(\d{4})$/u.exec(name)?.[1];
    if (year && typeof value === "string") targets[Number(year)] = value.slice(0, 1000);
  }
  return {
    name: field(body, "name"),
    unit: field(body, "unit"),
    kind: field(body, "kind"),
    direction: field(body, "direction"),
    source: field(body, "source"),
    achievementForm: field(body, "achievementForm") || "auto",
    baselineYear: field(body, "baselineYear"),
    baselineValue: field(body, "baselineValue"),
    targets,
    finalYear: field(body, "finalYear"),
    finalValue: field(body, "finalValue"),
  };
}

/** A stored indicator as the form shows it. */
function formFrom(i: IndicatorSetting): IndicatorDefinitionForm {
  const targets: Record<number, string> = {};
  const baseline = i.values.find((v) => v.kind === "baseline");
  const final = i.values.find((v) => v.kind === "target" && v.final);
  for (const v of i.values)
    if (v.kind === "target" && !v.final && v.fiscalYear !== null)
      targets[v.fiscalYear] = v.value ?? "";
  return {
    name: i.name,
    unit: i.unit ?? "",
    kind: i.kind,
    direction: i.direction ?? "",
    source: i.source ?? "",
    achievementForm: i.achievementForm,
    baselineYear: baseline?.fiscalYear === null || !baseline ? "" : String(baseline.fiscalYear),
    baselineValue: baseline?.value ?? "",
    targets,
    finalYear: final?.fiscalYear === null || !final ? "" : String(final.fiscalYear),
    finalValue: final?.value ?? "",
  };
}

const EMPTY_FORM: IndicatorDefinitionForm = {
  name: "",
  unit: "",
  kind: "",
  direction: "",
  source: "",
  achievementForm: "auto",
  baselineYear: "",
  baselineValue: "",
  targets: {},
  finalYear: "",
  finalValue: "",
};

/**
 * The planning division defines, revises and retires indicators within the open period
 * (`/staff/plans/:slug/indicators`…): everyone of the plan's organization may read the list, a
 * planner or administrator may change it. A form post is one `changeIndicator` call; a refused
 * form is shown again as typed, with every problem beside its field.
 */
export function staffIndicatorRoutes(staff: Hono<StaffEnv>, store: Store): void {
  /** The settings and the person, or the response that refuses them. */
  async function load(c: Context<StaffEnv>, change: boolean) {
    const session = c.get("session");
    if (!session) return { refused: c.text(say(c, "signIn"), 401) } as const;
    const settings = await indicatorSettings(store.db, c.req.param("slug") ?? "");
    const organizationId = settings?.plan.organization_id ?? -1;
    if (!settings || !can(session.actor, "drafts.view", { organizationId }))
      return { refused: c.text(say(c, "planNotFound"), 404) } as const;
    if (change && !can(session.actor, "indicator.define", { organizationId }))
      return { refused: c.text(say(c, "forbidden"), 403) } as const;
    return { session, settings } as const;
  }

  staff.get("/plans/:slug/indicators", async (c) => {
    const loaded = await load(c, false);
    if ("refused" in loaded) return loaded.refused;
    const owner = c.req.query("owner") ?? null;
    const saved = c.req.query("saved");
    return c.html(
      indicatorSettingsPage(pageContext(c), {
        session: loaded.session,
        settings: loaded.settings,
        owner:
          owner !== null && loaded.settings.owners.some((o) => o.value === owner) ? owner : null,
        mayDefine: can(loaded.session.actor, "indicator.define", {
          organizationId: loaded.settings.plan.organization_id,
        }),
        ...(saved ? { notice: say(c, "saved").replace("{code}", () => saved) } : {}),
      }),
    );
  });

  staff.get("/plans/:slug/indicators/new", async (c) => {
    const loaded = await load(c, true);
    if ("refused" in loaded) return loaded.refused;
    const owner = c.req.query("owner") ?? "";
    return c.html(
      indicatorFormPage(pageContext(c), {
        session: loaded.session,
        settings: loaded.settings,
        code: null,
        owner,
        form: { ...EMPTY_FORM, kind: loaded.settings.kinds[0] ?? "" },
        errors: {},
      }),
    );
  });

  staff.get("/plans/:slug/indicators/:code/edit", async (c) => {
    const loaded = await load(c, true);
    if ("refused" in loaded) return loaded.refused;
    const stored = loaded.settings.indicators.find((i) => i.code === c.req.param("code"));
    if (!stored || stored.retired) return c.text(say(c, "indicatorNotFound"), 404);
    return c.html(
      indicatorFormPage(pageContext(c), {
        session: loaded.session,
        settings: loaded.settings,
        code: stored.code,
        owner: stored.owner,
        form: formFrom(stored),
        errors: {},
      }),
    );
  });

  staff.get("/plans/:slug/indicators/:code/retire", async (c) => {
    const loaded = await load(c, true);
    if ("refused" in loaded) return loaded.refused;
    const stored = loaded.settings.indicators.find((i) => i.code === c.req.param("code"));
    if (!stored || stored.retired) return c.text(say(c, "indicatorNotFound"), 404);
    return c.html(
      retireConfirmationPage(pageContext(c), {
        session: loaded.session,
        settings: loaded.settings,
        indicator: stored,
      }),
    );
  });

  async function post(c: Context<StaffEnv>, code: string | null, retire: boolean) {
    const loaded = await load(c, true);
    if ("refused" in loaded) return loaded.refused;
    const { session, settings } = loaded;
    const stored = code === null ? null : settings.indicators.find((i) => i.code === code);
    if (code !== null && !stored) return c.text(say(c, "indicatorNotFound"), 404);
    const body = (await c.req.parseBody()) as Body;
    const form = formOf(body);
    const owner = stored ? stored.owner : field(body, "owner");
    const errors: Record<string, string> = {};
    if (!retire) {
      if (code === null && !settings.owners.some((o) => o.value === owner))
        errors.owner = say(c, "ownerMissing");
      Object.assign(
        errors,
        checkIndicatorDefinition(form, {
          kinds: settings.kinds,
          firstFiscalYear: settings.plan.first_fiscal_year,
          lastFiscalYear: settings.plan.last_fiscal_year,
        }).errors,
      );
    }
    const list = `/staff/plans/${encodeURIComponent(settings.plan.slug)}/indicators`;
    try {
      if (Object.keys(errors).length === 0) {
        const change: IndicatorChange = retire
          ? { action: "retire", code: code ?? "" }
          : code === null
            ? { action: "define", owner, form }
            : { action: "revise", code, form };
        const done = await changeIndicator(store, session.actor, settings.plan.slug, change);
        return c.redirect(
          `${list}?owner=${encodeURIComponent(owner)}&saved=${encodeURIComponent(done.code)}`,
          303,
        );
      }
    } catch (error) {
      if (!(error instanceof ShinchokuError)) throw error;
      if (error.id === "forbidden") return c.text(error.message, 403);
      if (error.id === "not_found") return c.text(error.message, 404);
      if (retire) return c.text(error.message, error.id === "invalid_state" ? 409 : 400);
      errors[error.location.field ?? "name"] = error.message;
    }
    return c.html(
      indicatorFormPage(pageContext(c), {
        session,
        settings,
        code,
        owner,
        form,
        errors,
      }),
      400,
    );
  }

  staff.post("/plans/:slug/indicators", (c) => post(c, null, false));
  staff.post("/plans/:slug/indicators/:code", (c) => post(c, c.req.param("code"), false));
  staff.post("/plans/:slug/indicators/:code/retire", (c) => post(c, c.req.param("code"), true));
}
