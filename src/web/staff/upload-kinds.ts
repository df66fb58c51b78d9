import type { UploadKind } from "../../commands/uploads/staged-uploads.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";

/**
 * What this person may upload: plans (planners and administrators, `plan.import`), and a
 * department's filled-in workbook (whoever may edit progress: a department editor for their own
 * department's measures, as the CLI's `--as` import checks row by row).
 */
export function uploadKindsFor(actor: Actor): UploadKind[] {
  const organizationId = actor.organizationId;
  const own = actor.departmentId === null ? [] : [actor.departmentId];
  return [
    ...(can(actor, "plan.import", { organizationId }) ? (["plan"] as const) : []),
    ...(can(actor, "progress.edit", { organizationId, departmentIds: own })
      ? (["workbook"] as const)
      : []),
  ];
}
