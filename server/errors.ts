import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error the API answers with `{error: {code, message}}`; `code` is a stable snake_case id. */
export class ApiException extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(status, { message });
  }
}

export const badRequest = (code: string, message: string, issues?: { path: string; message: string }[]) =>
  new ApiException(400, code, message, issues);
export const unauthorized = (message = "Sign in first.") => new ApiException(401, "not_signed_in", message);
export const forbidden = (message = "Your role does not allow this.") =>
  new ApiException(403, "forbidden", message);
export const notFound = (what: string) => new ApiException(404, "not_found", `${what} not found.`);
export const conflict = (code: string, message: string) => new ApiException(409, code, message);
export const gone = (code: string, message: string) => new ApiException(410, code, message);
export const tooMany = (message: string) => new ApiException(429, "rate_limited", message);
