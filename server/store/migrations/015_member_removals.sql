-- When a facilitator removed someone (issue 11, item 9): invitations made before that moment no
-- longer let them back in, only a new one, made on purpose. Members who left on their own are not
-- recorded. Filled from the event log for removals an older release made.
CREATE TABLE member_removals (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  removed_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

INSERT INTO member_removals (workspace_id, user_id, removed_at)
SELECT workspace_id, json_extract(payload, '$.userId'), max(created_at)
FROM events
WHERE type = 'member.removed'
  AND json_extract(payload, '$.left') = 0
  AND json_extract(payload, '$.userId') IN (SELECT id FROM users)
GROUP BY workspace_id, json_extract(payload, '$.userId');
