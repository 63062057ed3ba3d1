import http from "node:http";
import { performance } from "node:perf_hooks";

/** One answer: its status, its body as text, and how long it took from send to last byte. */
export interface Posted {
  status: number;
  text: string;
  ms: number;
}

/**
 * JSON POSTs over `node:http` with a keep-alive agent, for load generators that must cost little
 * next to the server they measure. `fetch` (undici) builds a web `Request`, `Headers`, an
 * `AbortSignal` and a web stream per request: with 200 people sending at once the load generator
 * then filled its own core, and answers waited in its event loop before they were timestamped.
 * Here each request is one `http.request` with headers built once per person and the body a
 * ready `Buffer`; connections stay open between a person's requests, as a browser's do.
 */
export class HttpPoster {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  private readonly url: URL;

  constructor(
    origin: string,
    private readonly timeoutMs: number,
  ) {
    this.url = new URL(origin);
  }

  /** Headers for one person: built once, sent with each of their requests. */
  headers(cookie: string, origin: string): http.OutgoingHttpHeaders {
    return { "content-type": "application/json", origin, cookie };
  }

  /** POSTs `body` (already JSON) to `path`; rejects on a network error or after the timeout. */
  post(path: string, body: Buffer, headers: http.OutgoingHttpHeaders): Promise<Posted> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const request = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: "POST",
          path,
          headers: { ...headers, "content-length": body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              text: chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString(),
              ms: performance.now() - started,
            }),
          );
          response.on("error", reject);
        },
      );
      request.setTimeout(this.timeoutMs, () => {
        const error = new Error(`no answer within ${this.timeoutMs} ms`);
        error.name = "TimeoutError";
        request.destroy(error);
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
