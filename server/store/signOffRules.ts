import { DEFAULT_SIGN_OFF_RULES, type SignOffRules } from "@shared/signOff";
import type { Sql } from "./sql";

/**
 * The forum's sign-off rules per workspace (migration 011); the defaults when none were set.
 */
export interface SignOffRulesStore {
  get(workspaceId: string): Promise<SignOffRules>;
  save(workspaceId: string, rules: SignOffRules, at: number): Promise<void>;
}

interface RulesRow {
  non_governmental_sectors: string;
  government_signatures: number;
  non_governmental_signatures: number;
  decline_blocks: number;
}

export function createSignOffRulesStore(sql: Sql): SignOffRulesStore {
  return {
    async get(workspaceId) {
      const row = await sql.get<RulesRow>(
        `SELECT non_governmental_sectors, government_signatures, non_governmental_signatures, decline_blocks
         FROM signoff_rules WHERE workspace_id = ?`,
        [workspaceId],
      );
      if (!row) return DEFAULT_SIGN_OFF_RULES;
      return {
        nonGovernmentalSectors: JSON.parse(row.non_governmental_sectors),
        governmentSignatures: row.government_signatures,
        nonGovernmentalSignatures: row.non_governmental_signatures,
        declineBlocks: row.decline_blocks === 1,
      };
    },
    async save(workspaceId, rules, at) {
      await sql.run(
        `INSERT INTO signoff_rules (workspace_id, non_governmental_sectors, government_signatures,
           non_governmental_signatures, decline_blocks, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET non_governmental_sectors = excluded.non_governmental_sectors,
           government_signatures = excluded.government_signatures,
           non_governmental_signatures = excluded.non_governmental_signatures,
           decline_blocks = excluded.decline_blocks, updated_at = excluded.updated_at`,
        [
          workspaceId,
          JSON.stringify(rules.nonGovernmentalSectors),
          rules.governmentSignatures,
          rules.nonGovernmentalSignatures,
          Number(rules.declineBlocks),
          at,
        ],
      );
    },
  };
}
