-- A comment's text changes only together with its edit-history row: the row that keeps the text
-- being replaced must already be the comment's latest edit, stamped with the new edit time (the
-- store writes it first, in the same transaction). Without this, direct SQL could rewrite what
-- someone said and leave no trace of the earlier words.
DROP TRIGGER comments_keep_record;
CREATE TRIGGER comments_keep_record BEFORE UPDATE ON comments
WHEN NEW.id IS NOT OLD.id OR NEW.thread_id IS NOT OLD.thread_id OR NEW.author_id IS NOT OLD.author_id
  OR NEW.author_sector IS NOT OLD.author_sector OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS NOT OLD.withdrawn_at)
  OR (OLD.hidden_at IS NOT NULL AND NEW.hidden_at IS NOT OLD.hidden_at)
  OR (NEW.body IS NOT OLD.body AND (
    NEW.edited_at IS NULL
    OR NOT EXISTS (
      SELECT 1 FROM comment_edits e
      WHERE e.id = (SELECT max(id) FROM comment_edits WHERE comment_id = OLD.id)
        AND e.previous_body = OLD.body AND e.edited_at = NEW.edited_at)))
BEGIN SELECT RAISE(ABORT, 'a comment''s record only grows: a text change needs its edit-history row'); END;
