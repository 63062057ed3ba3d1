/** Roles drive permissions; sectors drive co-creation evidence (who contributed what). */
export const ROLES = ["facilitator", "drafter", "commenter", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const SECTORS = ["government", "civil_society", "academia", "private_sector", "citizen"] as const;
export type Sector = (typeof SECTORS)[number];

const RANK: Record<Role, number> = { viewer: 0, commenter: 1, drafter: 2, facilitator: 3 };

/** True when `role` is at least `minimum` (facilitator > drafter > commenter > viewer). */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** Who may write the plan text: drafters and facilitators. */
export const canEditPlan = (role: Role): boolean => hasRole(role, "drafter");
