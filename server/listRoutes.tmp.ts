import { createApp } from "./app";
import { startTestServer } from "./test/startTestServer";
const srv = await startTestServer();
const app = createApp(srv.ctx);
const seen = new Set<string>();
for (const r of app.routes) { if (r.method === "ALL") continue; const k = `${r.method} ${r.path}`; if (!seen.has(k)) { seen.add(k); console.log(k); } }
await srv.close();
