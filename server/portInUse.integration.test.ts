import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess } from "./collab/test/serverProcess";

describe("starting on a port already in use", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-port-"));
  const squatter = net.createServer();
  afterAll(() => {
    squatter.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("exits with one clear sentence, not a stack trace", async () => {
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    const { port } = squatter.address() as net.AddressInfo;
    const started = startServerProcess(dataDir, { port });
    await expect(started).rejects.toThrow(
      new RegExp(`exited with 1:\\n(.*\\n)*Cocrea cannot start: port ${port} is already in use`),
    );
    await started.catch((error: Error) => expect(error.message).not.toMatch(/\n\s+at /));
  }, 60_000);
});
