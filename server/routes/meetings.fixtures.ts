import type { BoardResponse, Meeting, MeetingResponse, Minutes } from "@shared/meetings";
import { strFromU8, unzipSync } from "fflate";
import { createFacilitatedWorkspace, joinAs, type Reply, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

/** Helpers for the meetings integration tests. */

export const meetingsPath = (workspaceId: string, meetingId?: string, rest = ""): string =>
  `/api/workspaces/${workspaceId}/meetings${meetingId ? `/${meetingId}` : ""}${rest}`;

/** Creates a meeting from the coordination template as `facilitator`; fails on any answer but 201. */
export async function createTemplateMeeting(
  facilitator: TestClient,
  workspaceId: string,
  body: Record<string, unknown> = {},
): Promise<Meeting> {
  const reply = await facilitator.post<MeetingResponse>(meetingsPath(workspaceId), {
    title: "Promoter team kick-off",
    startsAt: "2030-03-02T09:00:00Z",
    place: "City Hall, room 2",
    template: "coordination",
    locale: "en",
    ...body,
  });
  if (reply.status !== 201) throw new Error(`creating failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.meeting;
}

/**
 * A workspace with two commenters (civil society, academia) and a viewer, and a started template
 * meeting whose brainstorm item (the fourth) is `itemId`: where the board tests begin.
 */
export async function startBoardMeeting(srv: TestServer) {
  const { facilitator, workspaceId } = await createFacilitatedWorkspace(srv);
  const ana = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
  const ben = await joinAs(srv, workspaceId, facilitator, "commenter", "academia");
  const viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
  const meeting = await createTemplateMeeting(facilitator, workspaceId);
  const itemId = meeting.items[3]?.id ?? "";
  ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
  return { facilitator, ana, ben, viewer, workspaceId, meeting, itemId };
}

export const runAction = (client: TestClient, workspaceId: string, meetingId: string, body: unknown) =>
  client.post<MeetingResponse>(meetingsPath(workspaceId, meetingId, "/run"), body);

export const readBoard = (client: TestClient, workspaceId: string, meetingId: string, itemId: string) =>
  client.get<BoardResponse>(meetingsPath(workspaceId, meetingId, `/items/${itemId}/board`));

export const readMinutes = async (
  client: TestClient,
  workspaceId: string,
  meetingId: string,
): Promise<Minutes> => {
  const reply = await client.get<{ minutes: Minutes }>(meetingsPath(workspaceId, meetingId, "/minutes"));
  if (reply.status !== 200) throw new Error(`minutes failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.minutes;
};

/** Asserts a 2xx answer and returns its body. */
export function ok<T>(reply: Reply<T>): T {
  if (reply.status >= 300)
    throw new Error(`expected success, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Downloads a file (an export) as `client`, with their session cookie. */
export const download = (client: TestClient, path: string): Promise<Response> =>
  fetch(`${client.srv.url}${path}`, {
    headers: client.cookie ? { Cookie: `cocrea_session=${client.cookie}` } : {},
  });

/** The text of one part (word/document.xml unless named) inside a downloaded .docx. */
export async function documentXml(response: Response, part = "word/document.xml"): Promise<string> {
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const xml = files[part];
  if (!xml) throw new Error(`no ${part} in ${Object.keys(files).join(", ")}`);
  return strFromU8(xml);
}
