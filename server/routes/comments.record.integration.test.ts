import type { ThreadResponse } from "@shared/comments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFacilitatedWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { sqlValue } from "../test/storage";

let srv: TestServer;
let author: TestClient;
let threadsPath: string;

beforeAll(async () => {
  srv = await startTestServer();
  const { facilitator, workspaceId } = await createFacilitatedWorkspace(srv);
  author = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
  threadsPath = `/api/workspaces/${workspaceId}/threads`;
});
afterAll(() => srv.close());

/** A plan thread with one comment by the author; its comment id. */
async function comment(body: string): Promise<{ threadId: string; commentId: string }> {
  const { thread } = (await author.post<ThreadResponse>(threadsPath, { target: "plan", body })).body;
  const commentId = thread.comments[0]?.id;
  if (!commentId) throw new Error("a thread without its comment");
  return { threadId: thread.id, commentId };
}

const bodyOf = (commentId: string) =>
  sqlValue<string>(srv.ctx, "SELECT body FROM comments WHERE id = ?", [commentId]);

describe("a comment's text in the database", () => {
  it("refuses a direct UPDATE of the text that leaves no edit-history row", async () => {
    const { commentId } = await comment("The baseline is 12%.");
    const db = srv.ctx.sql;
    // Rewriting what someone said, with or without stamping an edit time.
    for (const sql of [
      "UPDATE comments SET body = 'The baseline is 40%.' WHERE id = ?",
      "UPDATE comments SET body = 'The baseline is 40%.', edited_at = 1 WHERE id = ?",
    ]) {
      await expect(db.run(sql, [commentId]), sql).rejects.toThrow(/needs its edit-history row/);
    }
    // An edit row that keeps some other text, or one stamped with another time, does not cover it.
    await db.run(
      "INSERT INTO comment_edits (comment_id, previous_body, edited_at) VALUES (?, 'something else', 5)",
      [commentId],
    );
    await expect(
      db.run("UPDATE comments SET body = 'x', edited_at = 5 WHERE id = ?", [commentId]),
    ).rejects.toThrow(/needs its edit-history row/);
    await db.run(
      "INSERT INTO comment_edits (comment_id, previous_body, edited_at) SELECT id, body, 6 FROM comments WHERE id = ?",
      [commentId],
    );
    await expect(
      db.run("UPDATE comments SET body = 'x', edited_at = 7 WHERE id = ?", [commentId]),
    ).rejects.toThrow(/needs its edit-history row/);
    expect(await bodyOf(commentId)).toBe("The baseline is 12%.");
  });

  it("still lets the author edit through the API, the earlier text kept in the history", async () => {
    const { threadId, commentId } = await comment("First words.");
    const reply = await author.patch<ThreadResponse>(`${threadsPath}/${threadId}/comments/${commentId}`, {
      body: "Second words.",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.thread.comments[0]?.edits.map((edit) => edit.body)).toEqual(["First words."]);
    expect(await bodyOf(commentId)).toBe("Second words.");
    // Withdrawing and hiding leave the text alone and need no edit row.
    await srv.ctx.sql.run("UPDATE comments SET withdrawn_at = 1 WHERE id = ?", [commentId]);
  });
});
