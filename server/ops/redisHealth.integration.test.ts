import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../collab/test/clients";
import { describeWithRedis, type RedisServer, startRedisServer } from "../test/redisServer";
import { startTestServer, type TestServer } from "../test/startTestServer";

describeWithRedis("GET /healthz and /metrics with Redis configured", () => {
  let redis: RedisServer;
  let srv: TestServer;
  beforeAll(async () => {
    redis = await startRedisServer();
    srv = await startTestServer({ config: { redisUrl: redis.url } });
    await srv.ctx.redis?.ready();
  });
  afterAll(async () => {
    await srv.close();
    await redis.stop();
  });

  const healthz = async () => {
    const response = await fetch(`${srv.url}/healthz`);
    return { status: response.status, body: await response.json() };
  };
  const redisErrors = async () => {
    const metric = await srv.ctx.metrics.registry.getSingleMetric("cocrea_redis_errors_total")?.get();
    return (metric?.values ?? []).reduce((sum, { value }) => sum + value, 0);
  };

  it("answers 200 with Redis among the checks while it answers", async () => {
    expect(await healthz()).toEqual({
      status: 200,
      body: { status: "ok", checks: { database: "ok", redis: "ok" } },
    });
  });

  it("answers 503 while Redis does not answer, and 200 once it does again", async () => {
    redis.freeze();
    try {
      expect(await healthz()).toEqual({
        status: 503,
        body: {
          status: "unavailable",
          reason: "redis_unavailable",
          checks: { database: "ok", redis: "failed" },
        },
      });
    } finally {
      redis.thaw();
    }
    expect((await healthz()).status).toBe(200);
  });

  it("counts Redis errors in /metrics when the connection is lost, and recovers when Redis is back", async () => {
    expect(await redisErrors()).toBe(0);
    const { port } = redis;
    await redis.stop();
    await waitFor(() => srv.ctx.redis?.commands.status !== "ready");
    expect((await healthz()).status).toBe(503);
    // The lost connection and each failed reconnection attempt are counted.
    const errors = await redisErrors();
    expect(errors).toBeGreaterThan(0);

    redis = await startRedisServer(port);
    await srv.ctx.redis?.ready();
    expect((await healthz()).status).toBe(200);
  });
});
