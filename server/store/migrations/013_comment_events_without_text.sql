-- Comment events carry ids, never text (issue 11, item 1). Until now comment.created held the whole
-- thread (first comment's words, the quoted passage) and comment.replied the reply: the log is
-- replayed to every member, so a comment withdrawn or hidden later stayed readable there. This is
-- the one rewrite the append-only log gets: the triggers are lifted for it and put back unchanged.
DROP TRIGGER events_no_update;

UPDATE events
SET payload = json_object(
  'threadId', json_extract(payload, '$.thread.id'),
  'commentId', json_extract(payload, '$.thread.comments[0].id'))
WHERE type = 'comment.created' AND json_extract(payload, '$.thread') IS NOT NULL;

UPDATE events
SET payload = json_object(
  'threadId', json_extract(payload, '$.threadId'),
  'commentId', json_extract(payload, '$.comment.id'))
WHERE type = 'comment.replied' AND json_extract(payload, '$.comment') IS NOT NULL;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
