import type { Sector } from "@shared/roles";

/**
 * Caret and presence colour per sector, each dark enough for white text (≥ 4.5:1). The server sets
 * the colour others see; this one is for our own entry until it does.
 */
export const SECTOR_COLORS: Record<Sector, string> = {
  government: "#1d4ed8",
  civil_society: "#047857",
  academia: "#7e22ce",
  private_sector: "#b45309",
  citizen: "#be123c",
};
