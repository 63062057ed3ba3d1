import { DEFAULT_SIGN_OFF_RULES, type SignOffRules } from "@shared/signOff";
import type { Db } from "./db";

/**
 * The forum's sign-off rules per workspace (migration 011); the defaults when none were set.
 * Asynchronous like every store a networked database implements; see PublicationStore for why the
 * SQLite methods run their statements before returning.
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

export function createSignOffRulesStore(db: Db): SignOffRulesStore {
  const get = db.prepare<[string], RulesRow>(
    `SELECT non_governmental_sectors, government_signatures, non_governmental_signatures, decline_blocks
     FROM signoff_rules WHERE workspace_id = ?`,
  );
  const save = db.prepare(
    `INSERT INTO signoff_rules (workspace_id, non_governmental_sectors, government_signatures,
       non_governmental_signatures, decline_blocks, updated_at)
     VALUES (@workspaceId, @sectors, @government, @nonGovernmental, @declineBlocks, @at)
     ON CONFLICT (workspace_id) DO UPDATE SET non_governmental_sectors = excluded.non_governmental_sectors,
       government_signatures = excluded.government_signatures,
       non_governmental_signatures = excluded.non_governmental_signatures,
       decline_blocks = excluded.decline_blocks, updated_at = excluded.updated_at`,
  );
  return {
    get(workspaceId) {
      const row = get.get(workspaceId);
      if (!row) return Promise.resolve(DEFAULT_SIGN_OFF_RULES);
      return Promise.resolve({
        nonGovernmentalSectors: JSON.parse(row.non_governmental_sectors),
        governmentSignatures: row.government_signatures,
        nonGovernmentalSignatures: row.non_governmental_signatures,
        declineBlocks: row.decline_blocks === 1,
      });
    },
    save(workspaceId, rules, at) {
      save.run({
        workspaceId,
        sectors: JSON.stringify(rules.nonGovernmentalSectors),
        government: rules.governmentSignatures,
        nonGovernmental: rules.nonGovernmentalSignatures,
        declineBlocks: Number(rules.declineBlocks),
        at,
      });
      return Promise.resolve();
    },
  };
}
