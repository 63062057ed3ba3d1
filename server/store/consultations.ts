import type { ResponseStatus } from "@shared/comments";
import type { ConsultationScope, InputChannel, InputKind } from "@shared/consultation";
import type { Sector } from "@shared/roles";
import { placeholders, type Sql } from "./sql";

export interface ConsultationRecord {
  id: string;
  workspaceId: string;
  title: string;
  instructions: string;
  startsAt: number;
  endsAt: number;
  scope: ConsultationScope;
  commitmentIds: string[];
  createdBy: string;
  createdAt: number;
}

export interface ParticipantRecord {
  consultationId: string;
  userId: string;
  sector: Sector;
  organization: string | null;
  showName: boolean;
  joinedAt: number;
}

export interface InputRecord {
  id: string;
  consultationId: string;
  kind: InputKind;
  commitmentId: string | null;
  body: string;
  channel: InputChannel;
  /** The participant who wrote it online; null for an input recorded offline. */
  authorId: string | null;
  /** The facilitator who recorded it offline; null online. */
  recordedBy: string | null;
  /** The name shown publicly, or null ("a participant from <sector>"). */
  publicName: string | null;
  sector: Sector;
  organization: string | null;
  community: string | null;
  createdAt: number;
}

export interface InputResponseRecord {
  id: string;
  inputId: string;
  status: ResponseStatus;
  reason: string;
  authorId: string;
  createdAt: number;
}

/** A facilitator hid an input (with its public reason) or showed it again (migration 041). */
export interface ModerationRecord {
  id: string;
  inputId: string;
  action: "hide" | "show";
  /** The public reason of a hiding; null when shown again. */
  reason: string | null;
  actorId: string;
  createdAt: number;
}

/** A report of abuse on an input: one per person and input. */
export interface ReportRecord {
  inputId: string;
  userId: string;
  reason: string | null;
  createdAt: number;
}

/** An input with its supports, current answer and moderation, as the report reads it (one query). */
export interface ReportRow {
  input: InputRecord;
  supports: number;
  /** The latest response, if any. */
  answer: { status: ResponseStatus; reason: string; createdAt: number } | null;
  /** The public reason of the latest moderation when it is a hiding; null when shown. */
  hiddenReason: string | null;
}

/**
 * Consultations, their participants, inputs, supports and reasoned responses (migration 040).
 * Inputs and responses are never changed or deleted (triggers refuse it).
 */
export interface ConsultationStore {
  insert(consultation: ConsultationRecord): Promise<void>;
  byId(consultationId: string): Promise<ConsultationRecord | null>;
  /** Every consultation of the workspace, newest first. */
  list(workspaceId: string): Promise<ConsultationRecord[]>;
  participant(consultationId: string, userId: string): Promise<ParticipantRecord | null>;
  insertParticipant(participant: ParticipantRecord): Promise<void>;
  insertInput(input: InputRecord): Promise<void>;
  input(consultationId: string, inputId: string): Promise<InputRecord | null>;
  /**
   * Up to `limit` inputs of the consultation, oldest first, after the input `afterId` (from the
   * first when null; none when `afterId` is not an input of it), and whether more follow: one
   * index range scan (keyset pagination on created_at, id), whatever the number of inputs.
   */
  inputsPage(
    consultationId: string,
    afterId: string | null,
    limit: number,
  ): Promise<{ inputs: InputRecord[]; more: boolean }>;
  /** How many inputs the consultation has. */
  inputCount(consultationId: string): Promise<number>;
  /**
   * How many inputs have no answer yet: no response, and not hidden now (a hiding's public reason
   * is its answer; an input shown again needs one). Counted in the database, not by reading them.
   */
  unansweredCount(consultationId: string): Promise<number>;
  /**
   * Supports per input id (inputs without any are absent). Like `responses`, `moderations` and
   * `reports`: of every input of the consultation, or of `inputIds` only (a page of them).
   */
  supportCounts(consultationId: string, inputIds?: readonly string[]): Promise<Map<string, number>>;
  /** Adds a support; false when this person had already supported the input. */
  support(inputId: string, userId: string, at: number): Promise<boolean>;
  /** How many supports the input has (one read of the supports' primary key). */
  supportCount(inputId: string): Promise<number>;
  /** The ids of the consultation's inputs `userId` supported. */
  supported(consultationId: string, userId: string): Promise<string[]>;
  insertResponse(response: InputResponseRecord): Promise<void>;
  /** Every response to the consultation's inputs (or to `inputIds`), oldest first. */
  responses(consultationId: string, inputIds?: readonly string[]): Promise<InputResponseRecord[]>;
  insertModeration(moderation: ModerationRecord): Promise<void>;
  /** Every hiding and showing of the consultation's inputs (or of `inputIds`), oldest first. */
  moderations(consultationId: string, inputIds?: readonly string[]): Promise<ModerationRecord[]>;
  /** Adds a report; false when this person had already reported the input. */
  report(report: ReportRecord): Promise<boolean>;
  /** Every report on the consultation's inputs (or on `inputIds`), oldest first. */
  reports(consultationId: string, inputIds?: readonly string[]): Promise<ReportRecord[]>;
  /** The ids of the consultation's inputs `userId` sent online. */
  authored(consultationId: string, userId: string): Promise<string[]>;
  /** The newest `limit` inputs `userId` sent to the consultation, newest first. */
  newestAuthored(consultationId: string, userId: string, limit: number): Promise<InputRecord[]>;
  /** The ids of the consultation's inputs `userId` reported. */
  reportedBy(consultationId: string, userId: string): Promise<string[]>;
  /**
   * Every input of the consultation, oldest first, with its supports, latest answer and whether it
   * is hidden: four statements whatever the number of inputs (indexes on each table's input_id).
   */
  reportRows(consultationId: string): Promise<ReportRow[]>;
  /** Whether the facilitators published the consultation's report (migration 042). */
  reportPublished(consultationId: string): Promise<boolean>;
  /** Publishes (a row) or withdraws (no row) the report; false when it already was as asked. */
  setReportPublished(
    consultationId: string,
    published: boolean,
    actorId: string,
    at: number,
  ): Promise<boolean>;
}

interface ConsultationRow {
  id: string;
  workspace_id: string;
  title: string;
  instructions: string;
  starts_at: number;
  ends_at: number;
  scope: ConsultationScope;
  created_by: string;
  created_at: number;
}

interface ParticipantRow {
  consultation_id: string;
  user_id: string;
  sector: Sector;
  organization: string | null;
  show_name: number;
  joined_at: number;
}

interface InputRow {
  id: string;
  consultation_id: string;
  kind: InputKind;
  commitment_id: string | null;
  body: string;
  channel: InputChannel;
  author_id: string | null;
  recorded_by: string | null;
  public_name: string | null;
  sector: Sector;
  organization: string | null;
  community: string | null;
  created_at: number;
}

interface ResponseRow {
  id: string;
  input_id: string;
  status: ResponseStatus;
  reason: string;
  author_id: string;
  created_at: number;
}

const toInput = (row: InputRow): InputRecord => ({
  id: row.id,
  consultationId: row.consultation_id,
  kind: row.kind,
  commitmentId: row.commitment_id,
  body: row.body,
  channel: row.channel,
  authorId: row.author_id,
  recordedBy: row.recorded_by,
  publicName: row.public_name,
  sector: row.sector,
  organization: row.organization,
  community: row.community,
  createdAt: row.created_at,
});

const toResponse = (row: ResponseRow): InputResponseRecord => ({
  id: row.id,
  inputId: row.input_id,
  status: row.status,
  reason: row.reason,
  authorId: row.author_id,
  createdAt: row.created_at,
});

/**
 * The condition and parameters selecting rows (of a table aliased `alias`, joined to its input as
 * `i`) of the consultation, or of some of its inputs only: then the rows are found by their
 * input_id index, not by reading every input of the consultation.
 */
function ofInputs(
  alias: string,
  consultationId: string,
  inputIds: readonly string[] | undefined,
): { where: string; params: string[] } {
  if (!inputIds) return { where: "i.consultation_id = ?", params: [consultationId] };
  return {
    where: `i.consultation_id = ? AND ${alias}.input_id IN ${placeholders(inputIds)}`,
    params: [consultationId, ...inputIds],
  };
}

export function createConsultationStore(sql: Sql): ConsultationStore {
  /** The consultations of `rows` with the commitments each opens. */
  const withCommitments = async (rows: ConsultationRow[]): Promise<ConsultationRecord[]> => {
    // Only a consultation of chosen commitments has any (one of the whole plan is stored with
    // none): the inputs and supports of a busy last minute check one of those, with one read.
    const ids = rows.filter((row) => row.scope === "commitments").map((row) => row.id);
    const links =
      ids.length === 0
        ? []
        : await sql.all<{ consultation_id: string; commitment_id: string }>(
            `SELECT consultation_id, commitment_id FROM consultation_commitments
             WHERE consultation_id IN ${placeholders(ids)} ORDER BY commitment_id`,
            ids,
          );
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      title: row.title,
      instructions: row.instructions,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      scope: row.scope,
      commitmentIds: links.filter((l) => l.consultation_id === row.id).map((l) => l.commitment_id),
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  };

  return {
    insert: (c) =>
      sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO consultations (id, workspace_id, title, instructions, starts_at, ends_at, scope,
             created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            c.id,
            c.workspaceId,
            c.title,
            c.instructions,
            c.startsAt,
            c.endsAt,
            c.scope,
            c.createdBy,
            c.createdAt,
          ],
        );
        for (const commitmentId of c.commitmentIds) {
          await tx.run(
            "INSERT INTO consultation_commitments (consultation_id, commitment_id) VALUES (?, ?)",
            [c.id, commitmentId],
          );
        }
      }),
    async byId(consultationId) {
      const row = await sql.get<ConsultationRow>("SELECT * FROM consultations WHERE id = ?", [
        consultationId,
      ]);
      return row ? ((await withCommitments([row]))[0] ?? null) : null;
    },
    async list(workspaceId) {
      return withCommitments(
        await sql.all<ConsultationRow>(
          "SELECT * FROM consultations WHERE workspace_id = ? ORDER BY created_at DESC, id DESC",
          [workspaceId],
        ),
      );
    },
    async participant(consultationId, userId) {
      const row = await sql.get<ParticipantRow>(
        "SELECT * FROM consultation_participants WHERE consultation_id = ? AND user_id = ?",
        [consultationId, userId],
      );
      if (!row) return null;
      return {
        consultationId: row.consultation_id,
        userId: row.user_id,
        sector: row.sector,
        organization: row.organization,
        showName: row.show_name === 1,
        joinedAt: row.joined_at,
      };
    },
    async insertParticipant(p) {
      await sql.run(
        `INSERT INTO consultation_participants (consultation_id, user_id, sector, organization, show_name, joined_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [p.consultationId, p.userId, p.sector, p.organization, Number(p.showName), p.joinedAt],
      );
    },
    async insertInput(i) {
      await sql.run(
        `INSERT INTO consultation_inputs (id, consultation_id, kind, commitment_id, body, channel, author_id,
           recorded_by, public_name, sector, organization, community, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          i.id,
          i.consultationId,
          i.kind,
          i.commitmentId,
          i.body,
          i.channel,
          i.authorId,
          i.recordedBy,
          i.publicName,
          i.sector,
          i.organization,
          i.community,
          i.createdAt,
        ],
      );
    },
    async input(consultationId, inputId) {
      const row = await sql.get<InputRow>(
        "SELECT * FROM consultation_inputs WHERE consultation_id = ? AND id = ?",
        [consultationId, inputId],
      );
      return row ? toInput(row) : null;
    },
    async inputsPage(consultationId, afterId, limit) {
      const after =
        afterId === null
          ? null
          : await sql.get<{ created_at: number | string }>(
              "SELECT created_at FROM consultation_inputs WHERE consultation_id = ? AND id = ?",
              [consultationId, afterId],
            );
      if (afterId !== null && !after) return { inputs: [], more: false };
      // One more than asked tells whether another page follows.
      const rows = after
        ? await sql.all<InputRow>(
            // A row value, which both engines read as one range of (consultation_id, created_at, id).
            `SELECT * FROM consultation_inputs WHERE consultation_id = ? AND (created_at, id) > (?, ?)
             ORDER BY created_at, id LIMIT ?`,
            [consultationId, Number(after.created_at), afterId ?? "", limit + 1],
          )
        : await sql.all<InputRow>(
            "SELECT * FROM consultation_inputs WHERE consultation_id = ? ORDER BY created_at, id LIMIT ?",
            [consultationId, limit + 1],
          );
      return { inputs: rows.slice(0, limit).map(toInput), more: rows.length > limit };
    },
    async inputCount(consultationId) {
      const row = await sql.get<{ n: number | string }>(
        "SELECT count(*) AS n FROM consultation_inputs WHERE consultation_id = ?",
        [consultationId],
      );
      return Number(row?.n ?? 0);
    },
    async unansweredCount(consultationId) {
      const row = await sql.get<{ n: number | string }>(
        `SELECT count(*) AS n FROM consultation_inputs i
         WHERE i.consultation_id = ?
           AND NOT EXISTS (SELECT 1 FROM consultation_responses r WHERE r.input_id = i.id)
           AND coalesce((SELECT m.action FROM consultation_moderations m WHERE m.input_id = i.id
                         ORDER BY m.created_at DESC, m.id DESC LIMIT 1), 'show') <> 'hide'`,
        [consultationId],
      );
      return Number(row?.n ?? 0);
    },
    async supportCounts(consultationId, inputIds) {
      const { where, params } = ofInputs("s", consultationId, inputIds);
      const rows = await sql.all<{ input_id: string; supports: number }>(
        `SELECT s.input_id, count(*) AS supports FROM consultation_supports s
         JOIN consultation_inputs i ON i.id = s.input_id WHERE ${where} GROUP BY s.input_id`,
        params,
      );
      return new Map(rows.map((row) => [row.input_id, Number(row.supports)]));
    },
    async support(inputId, userId, at) {
      // The primary key decides between two concurrent supports by one person: one row, one count.
      const { changes } = await sql.run(
        `INSERT INTO consultation_supports (input_id, user_id, created_at) VALUES (?, ?, ?)
         ON CONFLICT (input_id, user_id) DO NOTHING`,
        [inputId, userId, at],
      );
      return changes === 1;
    },
    async supportCount(inputId) {
      const row = await sql.get<{ n: number | string }>(
        "SELECT count(*) AS n FROM consultation_supports WHERE input_id = ?",
        [inputId],
      );
      return Number(row?.n ?? 0);
    },
    async supported(consultationId, userId) {
      const rows = await sql.all<{ input_id: string }>(
        // CROSS JOIN: SQLite then reads this person's supports first (their user_id index), not
        // every input of the consultation; PostgreSQL plans it as the inner join it is.
        `SELECT s.input_id FROM consultation_supports s CROSS JOIN consultation_inputs i
         WHERE i.id = s.input_id AND s.user_id = ? AND i.consultation_id = ? ORDER BY s.input_id`,
        [userId, consultationId],
      );
      return rows.map((row) => row.input_id);
    },
    async insertResponse(r) {
      await sql.run(
        `INSERT INTO consultation_responses (id, input_id, status, reason, author_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [r.id, r.inputId, r.status, r.reason, r.authorId, r.createdAt],
      );
    },
    async responses(consultationId, inputIds) {
      const { where, params } = ofInputs("r", consultationId, inputIds);
      const rows = await sql.all<ResponseRow>(
        `SELECT r.* FROM consultation_responses r JOIN consultation_inputs i ON i.id = r.input_id
         WHERE ${where} ORDER BY r.created_at, r.id`,
        params,
      );
      return rows.map(toResponse);
    },
    async insertModeration(m) {
      await sql.run(
        `INSERT INTO consultation_moderations (id, input_id, action, reason, actor_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [m.id, m.inputId, m.action, m.reason, m.actorId, m.createdAt],
      );
    },
    async moderations(consultationId, inputIds) {
      const { where, params } = ofInputs("m", consultationId, inputIds);
      const rows = await sql.all<{
        id: string;
        input_id: string;
        action: "hide" | "show";
        reason: string | null;
        actor_id: string;
        created_at: number;
      }>(
        `SELECT m.* FROM consultation_moderations m JOIN consultation_inputs i ON i.id = m.input_id
         WHERE ${where} ORDER BY m.created_at, m.id`,
        params,
      );
      return rows.map((row) => ({
        id: row.id,
        inputId: row.input_id,
        action: row.action,
        reason: row.reason,
        actorId: row.actor_id,
        createdAt: Number(row.created_at),
      }));
    },
    async report(r) {
      // The primary key decides between two concurrent reports by one person: one row.
      const { changes } = await sql.run(
        `INSERT INTO consultation_reports (input_id, user_id, reason, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (input_id, user_id) DO NOTHING`,
        [r.inputId, r.userId, r.reason, r.createdAt],
      );
      return changes === 1;
    },
    async authored(consultationId, userId) {
      const rows = await sql.all<{ id: string }>(
        "SELECT id FROM consultation_inputs WHERE consultation_id = ? AND author_id = ? ORDER BY id",
        [consultationId, userId],
      );
      return rows.map((row) => row.id);
    },
    async newestAuthored(consultationId, userId, limit) {
      const rows = await sql.all<InputRow>(
        `SELECT * FROM consultation_inputs WHERE consultation_id = ? AND author_id = ?
         ORDER BY created_at DESC, id DESC LIMIT ?`,
        [consultationId, userId, limit],
      );
      return rows.map(toInput);
    },
    async reportedBy(consultationId, userId) {
      const rows = await sql.all<{ input_id: string }>(
        // CROSS JOIN: this person's reports first, as `supported` reads their supports.
        `SELECT r.input_id FROM consultation_reports r CROSS JOIN consultation_inputs i
         WHERE i.id = r.input_id AND r.user_id = ? AND i.consultation_id = ? ORDER BY r.input_id`,
        [userId, consultationId],
      );
      return rows.map((row) => row.input_id);
    },
    async reportRows(consultationId) {
      // Four set-based reads, each one index range scan (inputs by consultation; supports,
      // responses and moderations joined on their input_id index), merged in one pass: linear in
      // the number of inputs, whatever it is. Responses and moderations come oldest first, so the
      // last one seen per input is its current answer or state.
      const [inputs, supports, answers, moderations] = await Promise.all([
        sql.all<InputRow>(
          "SELECT * FROM consultation_inputs WHERE consultation_id = ? ORDER BY created_at, id",
          [consultationId],
        ),
        sql.all<{ input_id: string; supports: number | string }>(
          `SELECT s.input_id, count(*) AS supports FROM consultation_supports s
           JOIN consultation_inputs i ON i.id = s.input_id WHERE i.consultation_id = ? GROUP BY s.input_id`,
          [consultationId],
        ),
        sql.all<{ input_id: string; status: ResponseStatus; reason: string; created_at: number | string }>(
          `SELECT r.input_id, r.status, r.reason, r.created_at FROM consultation_responses r
           JOIN consultation_inputs i ON i.id = r.input_id WHERE i.consultation_id = ?
           ORDER BY r.created_at, r.id`,
          [consultationId],
        ),
        sql.all<{ input_id: string; action: "hide" | "show"; reason: string | null }>(
          `SELECT m.input_id, m.action, m.reason FROM consultation_moderations m
           JOIN consultation_inputs i ON i.id = m.input_id WHERE i.consultation_id = ?
           ORDER BY m.created_at, m.id`,
          [consultationId],
        ),
      ]);
      const supportsOf = new Map(supports.map((row) => [row.input_id, Number(row.supports)]));
      const answerOf = new Map(answers.map((row) => [row.input_id, row]));
      const moderationOf = new Map(moderations.map((row) => [row.input_id, row]));
      return inputs.map((row) => {
        const answer = answerOf.get(row.id);
        const moderation = moderationOf.get(row.id);
        return {
          input: { ...toInput(row), createdAt: Number(row.created_at) },
          supports: supportsOf.get(row.id) ?? 0,
          answer: answer
            ? { status: answer.status, reason: answer.reason, createdAt: Number(answer.created_at) }
            : null,
          hiddenReason: moderation?.action === "hide" ? moderation.reason : null,
        };
      });
    },
    async reportPublished(consultationId) {
      const row = await sql.get<{ consultation_id: string }>(
        "SELECT consultation_id FROM consultation_report_publications WHERE consultation_id = ?",
        [consultationId],
      );
      return row !== undefined;
    },
    async setReportPublished(consultationId, published, actorId, at) {
      const { changes } = published
        ? await sql.run(
            `INSERT INTO consultation_report_publications (consultation_id, published_by, published_at)
             VALUES (?, ?, ?) ON CONFLICT (consultation_id) DO NOTHING`,
            [consultationId, actorId, at],
          )
        : await sql.run("DELETE FROM consultation_report_publications WHERE consultation_id = ?", [
            consultationId,
          ]);
      return changes === 1;
    },
    async reports(consultationId, inputIds) {
      const { where, params } = ofInputs("r", consultationId, inputIds);
      const rows = await sql.all<{
        input_id: string;
        user_id: string;
        reason: string | null;
        created_at: number;
      }>(
        `SELECT r.* FROM consultation_reports r JOIN consultation_inputs i ON i.id = r.input_id
         WHERE ${where} ORDER BY r.created_at, r.input_id, r.user_id`,
        params,
      );
      return rows.map((row) => ({
        inputId: row.input_id,
        userId: row.user_id,
        reason: row.reason,
        createdAt: Number(row.created_at),
      }));
    },
  };
}
