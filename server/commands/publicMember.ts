import type { Membership } from "@shared/api";
import type { PublicMember } from "@shared/events";

/** A membership as events show it to every member: with the name, without the email. */
export const toPublicMember = (membership: Membership, name: string): PublicMember => ({
  userId: membership.userId,
  role: membership.role,
  sector: membership.sector,
  organization: membership.organization,
  joinedAt: membership.joinedAt,
  name,
});
