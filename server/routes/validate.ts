import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import type * as zc from "zod/v4/core";
import { badRequest } from "../errors";

/** Names where an issue is: its path, or for unknown keys the keys themselves. */
function issuePath(issue: zc.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => (path ? `${path}.${key}` : key)).join(", ");
  return path;
}

/** Zod says "expected string, received undefined" for a missing field; people say "required". */
function issueMessage(issue: zc.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return `required (${issue.expected})`;
  }
  return issue.message;
}

/**
 * Zod's synchronous parse: the asynchronous one, the validator's default, costs a promise per
 * check on every request, and every schema here is synchronous. One that turns asynchronous (an
 * async refinement) is still parsed, asynchronously.
 */
function parse<T extends zc.$ZodType>(schema: T, value: unknown) {
  try {
    return z.safeParse(schema, value);
  } catch (error) {
    if (error instanceof z.core.$ZodAsyncError) return z.safeParseAsync(schema, value);
    throw error;
  }
}

function validated<T extends zc.$ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  code: string,
) {
  return zValidator(
    target,
    schema,
    (result) => {
      if (result.success) return;
      const issues = result.error.issues.map((issue) => ({
        path: issuePath(issue),
        message: issueMessage(issue),
      }));
      const [first] = issues;
      const where = first?.path ? `${first.path}: ` : "";
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
      throw badRequest(code, `${where}${first?.message ?? "invalid"}${more}`, issues);
    },
    // The option's type is conditional on the schema's Zod version, which a generic T leaves open.
    { validationFunction: parse as never },
  );
}

/** Validates the JSON body; failures are 400 `invalid_body` naming each field. */
export const jsonBody = <T extends zc.$ZodType>(schema: T) => validated("json", schema, "invalid_body");

/** Validates path parameters; failures are 400 `invalid_params`. */
export const pathParams = <T extends zc.$ZodType>(schema: T) => validated("param", schema, "invalid_params");

/** Validates the query string; failures are 400 `invalid_params`. */
export const queryParams = <T extends zc.$ZodType>(schema: T) => validated("query", schema, "invalid_params");

/** Record ids are short URL-safe strings; anything else cannot name a record. */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");

/** Invitation tokens: base64url, as issued. */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, "not a valid invitation token");

/** `/api/workspaces/:id/...` */
export const workspaceParams = z.strictObject({ id: recordId });
