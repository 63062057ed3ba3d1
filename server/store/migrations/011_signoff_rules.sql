-- The forum's sign-off rules, one row per workspace (absent: the defaults of shared/signOff.ts).
-- Each proposal freezes the rules in force into its pinned content, so changing them later
-- changes no proposal and no official version.
CREATE TABLE signoff_rules (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  -- JSON array of sectors counting as non-governmental, e.g. ["civil_society","academia"].
  non_governmental_sectors TEXT NOT NULL,
  government_signatures INTEGER NOT NULL CHECK (government_signatures >= 1),
  non_governmental_signatures INTEGER NOT NULL CHECK (non_governmental_signatures >= 1),
  decline_blocks INTEGER NOT NULL CHECK (decline_blocks IN (0, 1)),
  updated_at INTEGER NOT NULL
);
