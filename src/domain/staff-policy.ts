/**
 * Who may do what: the roles of staff accounts and the one function that decides. Pure; every
 * command asks it before writing, and the web layer asks it before showing a form.
 */

export const STAFF_ROLES = ["administrator", "planner", "departmentEditor", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in person, as the commands see them. */
export interface Actor {
  accountId: number;
  organizationId: number;
  role: StaffRole;
  /** The department of a department editor; null for the other roles. */
  departmentId: number | null;
  /**
   * The API token a request acted through, if any: every write checks, inside its
   * transaction, that it is still not revoked.
   */
  apiTokenId?: number;
}

export type StaffAction =
  | "drafts.view"
  | "progress.edit"
  | "progress.review"
  | "roadmap.edit"
  | "indicator.define"
  | "period.open"
  | "period.publish"
  | "board.view"
  | "department.manage"
  | "department.define"
  | "audit.read"
  | "account.manage"
  | "plan.import"
  | "plan.structure";

/** What an action is done to: the organization it belongs to, and for a measure its departments. */
export interface PolicyTarget {
  organizationId: number;
  departmentIds?: readonly number[];
}

const GRANTS: Record<StaffRole, ReadonlySet<StaffAction>> = {
  administrator: new Set<StaffAction>([
    "drafts.view",
    "progress.edit",
    "progress.review",
    "roadmap.edit",
    "indicator.define",
    "period.open",
    "period.publish",
    "board.view",
    "department.manage",
    "department.define",
    "audit.read",
    "account.manage",
    "plan.import",
    "plan.structure",
  ]),
  planner: new Set<StaffAction>([
    "drafts.view",
    "progress.edit",
    "progress.review",
    "roadmap.edit",
    "indicator.define",
    "period.open",
    "period.publish",
    "board.view",
    "department.manage",
    "plan.import",
    "plan.structure",
  ]),
  departmentEditor: new Set<StaffAction>(["drafts.view", "progress.edit", "board.view"]),
  viewer: new Set<StaffAction>(["drafts.view"]),
};

/**
 * Whether an actor may do an action to a target. Nobody acts across organizations; a department
 * editor edits only the measures of their own department (lead or contributing).
 * @example can(editor, "progress.edit", { organizationId: 1, departmentIds: [3] }) // true when editor.departmentId is 3
 */
export function can(actor: Actor, action: StaffAction, target: PolicyTarget): boolean {
  if (actor.organizationId !== target.organizationId) return false;
  if (!GRANTS[actor.role].has(action)) return false;
  if (actor.role === "departmentEditor" && action === "progress.edit") {
    return actor.departmentId !== null && (target.departmentIds ?? []).includes(actor.departmentId);
  }
  return true;
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
