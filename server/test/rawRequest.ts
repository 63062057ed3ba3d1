import http from "node:http";
import type { TestServer } from "./startTestServer";

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** The loopback address to connect from (127.0.0.2, …): another "client address" on one machine. */
  localAddress?: string;
}

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request over a real socket with full control of what fetch will not let a test set:
 * the `Host` header and the address the connection comes from.
 */
export function rawRequest(srv: TestServer, request: RawRequest): Promise<RawReply> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers = { ...(body !== undefined && { "Content-Type": "application/json" }), ...request.headers };
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(request.path, srv.url),
      { method: request.method, headers, localAddress: request.localAddress, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
