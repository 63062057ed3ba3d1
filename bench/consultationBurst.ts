import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { inParallel, publishWorkspace, RestClient, signUpPeople } from "./cocreaSetup";
import { type CpuUse, startCpuMeter } from "./cpuMeter";
import { HttpPoster } from "./httpPoster";
import { type ServerUnderTest, sampleMemory } from "./servers";
import { type Percentiles, Samples, summarize } from "./stats";

/**
 * Scenario 5 (issue 15): participants post inputs and supports all at once during the last minute
 * of a consultation, over real HTTP to 127.0.0.1. Accounts are signed up before the measurement
 * (each costs an argon2 hash, as a real sign-up does); they join the consultation, which then ends
 * a minute later, and every one of them sends its inputs and supports with no pause. Afterwards,
 * what the server acknowledged is checked against what it serves: every acknowledged input exists
 * exactly once, every input's supports equal its acknowledged supporters, and each participant's
 * own list of supports holds exactly theirs.
 */
export interface BurstLoad {
  participants: number;
  /** Inputs each participant sends. */
  inputsEach: number;
  /** Distinct inputs of others each participant supports; the last is sent twice at once (a double click). */
  supportsEach: number;
  /** Inputs recorded offline by the facilitator before the burst, so the first supports have something to support. */
  seedInputs: number;
  /** The consultation ends this long after the participants have joined: the burst runs inside it. */
  lastMinuteMs: number;
  /** No single answer may take longer; the whole burst is bounded by the consultation's end. */
  requestTimeoutMs: number;
}

export interface BurstResult {
  inputs: Percentiles;
  supports: Percentiles;
  all: Percentiles;
  /** Requests sent and acknowledged (2xx), by kind; refusals by status. */
  sent: { inputs: number; supports: number };
  acknowledged: { inputs: number; supports: number };
  refused: Map<string, number>;
  /** What the check afterwards found wrong (empty when nothing was lost or doubled). */
  problems: string[];
  /** Inputs and supports the server holds afterwards. */
  stored: { inputs: number; supports: number };
  burstMs: number;
  /** How long before the consultation's end the burst started and finished. */
  startedBeforeEndMs: number;
  finishedBeforeEndMs: number;
  setupMs: number;
  setupRequests: number;
  requestsPerSecond: number;
  rssPeakBytes: number;
  cpu: CpuUse;
}

interface Page {
  inputs: { id: string; body: string | null; supports: number }[];
  next: string | null;
  total: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SECTORS = ["government", "civil_society", "academia", "private_sector", "citizen"] as const;

/** Runs the burst on a fresh Cocrea, in a workspace of its own that `facilitator` (a session cookie) creates. */
export async function runConsultationBurst(
  server: ServerUnderTest,
  facilitator: string,
  load: BurstLoad,
): Promise<BurstResult> {
  const rest = new RestClient(server.origin);
  const setupStarted = performance.now();
  const { workspace } = await rest.json<{ workspace: { id: string } }>(
    "POST",
    "/api/workspaces",
    { name: "Benchmark consultation", jurisdiction: "Benchmark City" },
    facilitator,
  );
  const workspaceId = workspace.id;
  await publishWorkspace(server.origin, workspaceId, facilitator);
  const participants = await signUpPeople(rest, load.participants, "participant", 4);

  // The consultation: open since an hour ago, ending after the joins plus the last minute. Its end
  // is set once (the API has no way to move it), so the joins, which are cheap, come after it.
  const joinBudgetMs = 10_000 + load.participants * 25;
  const endsAt = Date.now() + joinBudgetMs + load.lastMinuteMs;
  const { consultation } = await rest.json<{ consultation: { id: string } }>(
    "POST",
    `/api/workspaces/${workspaceId}/consultations`,
    {
      title: "Benchmark consultation",
      instructions: "Tell us what you would change.",
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      scope: "plan",
    },
    facilitator,
  );
  const base = `/api/consultations/${consultation.id}`;
  const memberBase = `/api/workspaces/${workspaceId}/consultations/${consultation.id}`;
  await inParallel(load.participants, 16, async (i) => {
    await rest.call(
      "POST",
      `${base}/participants`,
      { sector: SECTORS[i % SECTORS.length], organization: "", showName: i % 2 === 0 },
      participants[i],
    );
  });
  const seeds: string[] = [];
  for (let i = 0; i < load.seedInputs; i++) {
    const { input } = await rest.json<{ input: { id: string } }>(
      "POST",
      `${memberBase}/inputs`,
      { kind: "comment", body: `Seed input ${i}, received on paper.`, channel: "paper", sector: "citizen" },
      facilitator,
    );
    seeds.push(input.id);
  }
  const setupMs = performance.now() - setupStarted;
  // Into the last minute: the burst starts once less than `lastMinuteMs` remain.
  const untilLastMinute = endsAt - load.lastMinuteMs + 1000 - Date.now();
  if (untilLastMinute > 0) await sleep(untilLastMinute);
  if (endsAt - Date.now() < 20_000) {
    throw new Error(`setup took ${Math.round(setupMs / 1000)} s: too little of the consultation is left`);
  }

  // The burst. Everyone starts at once; each person sends their requests one after another, as a
  // person does, supporting inputs they have seen acknowledged (others' and the seeds).
  const latencies = { inputs: new Samples(), supports: new Samples() };
  const refused = new Map<string, number>();
  const sent = { inputs: 0, supports: 0 };
  const known: { id: string; author: number }[] = seeds.map((id) => ({ id, author: -1 }));
  /** Acknowledged inputs by body, and acknowledged supporters by input id. */
  const ackedInputs = new Map<string, string>();
  const ackedSupporters = new Map<string, Set<number>>();
  // node:http with kept-alive connections, bodies and headers built once: the load generator must
  // cost little next to the server, or its own event loop delays the answers it timestamps.
  const poster = new HttpPoster(server.origin, load.requestTimeoutMs);
  const headers = participants.map((cookie) => poster.headers(cookie, server.origin));
  const post = async (kind: "inputs" | "supports", path: string, body: Buffer, person: number) => {
    sent[kind]++;
    try {
      const answer = await poster.post(path, body, headers[person] ?? {});
      latencies[kind].push(answer.ms);
      if (process.env.BENCH_DUMP)
        dump.push([performance.now() - answer.ms - burstStarted, answer.ms, person]);
      if (answer.status < 200 || answer.status >= 300) {
        const code = `${kind} ${answer.status} ${/"code":"([a-z_]+)"/.exec(answer.text)?.[1] ?? ""}`.trim();
        refused.set(code, (refused.get(code) ?? 0) + 1);
        return null;
      }
      return JSON.parse(answer.text) as { input?: { id: string } };
    } catch (error) {
      const code = `${kind} ${(error as Error).name}`;
      refused.set(code, (refused.get(code) ?? 0) + 1);
      return null;
    }
  };
  const emptyBody = Buffer.from("{}");
  const dump: number[][] = [];
  let burstStarted = 0;
  const support = async (person: number, inputId: string) => {
    const answer = await post("supports", `${base}/inputs/${inputId}/support`, emptyBody, person);
    if (!answer) return;
    const supporters = ackedSupporters.get(inputId) ?? new Set<number>();
    supporters.add(person);
    ackedSupporters.set(inputId, supporters);
  };
  // Each person's requests, inputs and supports alternating from an input: the first requests of
  // all are inputs at once, supports of them follow while others are still being sent.
  const steps: ("input" | "support")[] = [];
  for (let k = 0; k < Math.max(load.inputsEach, load.supportsEach); k++) {
    if (k < load.inputsEach) steps.push("input");
    if (k < load.supportsEach) steps.push("support");
  }
  // What each person will type, ready before the burst (as a browser has it before the click).
  const inputBodies = participants.map((_, person) =>
    steps.map((step, n) => {
      const body = `Participant ${person}, input ${n}: publish the contracts as open data.`;
      const kind = person % 3 === 0 ? "idea" : "comment";
      return step === "input" ? { body, json: Buffer.from(JSON.stringify({ kind, body })) } : null;
    }),
  );
  const memory = sampleMemory(server);
  const cpuMeter = startCpuMeter(server);
  burstStarted = performance.now();
  const startedBeforeEndMs = endsAt - Date.now();
  await Promise.all(
    participants.map(async (_, person) => {
      const supported = new Set<string>();
      for (const n of steps.keys()) {
        const typed = inputBodies[person]?.[n];
        if (typed) {
          const { body } = typed;
          const answer = await post("inputs", `${base}/inputs`, typed.json, person);
          if (answer?.input) {
            ackedInputs.set(body, answer.input.id);
            known.push({ id: answer.input.id, author: person });
          }
          continue;
        }
        const candidates = known.filter((k) => k.author !== person && !supported.has(k.id));
        const target = candidates[Math.floor(Math.random() * candidates.length)];
        if (!target) continue;
        supported.add(target.id);
        // The last support is a double click: two requests at once, which must count once.
        if (supported.size === load.supportsEach) {
          await Promise.all([support(person, target.id), support(person, target.id)]);
        } else await support(person, target.id);
      }
    }),
  );
  const burstMs = performance.now() - burstStarted;
  poster.close();
  // BENCH_DUMP=<file>: [start after the burst began, latency, participant] of each answer, in ms.
  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, JSON.stringify(dump));
  const finishedBeforeEndMs = endsAt - Date.now();
  const cpu = cpuMeter.stop();
  const rssPeakBytes = memory.stop();

  // The check, against what the server serves: the members' inputs, page by page.
  const problems: string[] = [];
  const stored = new Map<string, { body: string | null; supports: number }>();
  let after: string | null = null;
  let total = 0;
  do {
    const page: Page = await rest.json<Page>(
      "GET",
      `${memberBase}/inputs${after ? `?after=${after}` : ""}`,
      undefined,
      facilitator,
    );
    for (const input of page.inputs) {
      if (stored.has(input.id)) problems.push(`input ${input.id} listed twice`);
      stored.set(input.id, { body: input.body, supports: input.supports });
    }
    total = page.total;
    after = page.next;
  } while (after !== null);
  if (stored.size !== total) problems.push(`${stored.size} inputs listed, ${total} counted`);
  const bodies = new Map<string, number>();
  for (const { body } of stored.values()) if (body) bodies.set(body, (bodies.get(body) ?? 0) + 1);
  for (const [body, id] of ackedInputs) {
    if (!stored.has(id)) problems.push(`acknowledged input ${id} lost`);
    if ((bodies.get(body) ?? 0) !== 1) problems.push(`input "${body}" stored ${bodies.get(body) ?? 0} times`);
  }
  const expectedInputs = seeds.length + ackedInputs.size;
  if (stored.size !== expectedInputs) {
    problems.push(`${stored.size} inputs stored, ${expectedInputs} acknowledged (seeds included)`);
  }
  let storedSupports = 0;
  for (const [id, input] of stored) {
    storedSupports += input.supports;
    const expected = ackedSupporters.get(id)?.size ?? 0;
    if (input.supports !== expected)
      problems.push(`input ${id}: ${input.supports} supports, ${expected} acknowledged`);
  }
  // Each person's own supports, as the consultation page reads them for them.
  await inParallel(participants.length, 16, async (person) => {
    const me = await rest.json<{ supported: string[] }>("GET", `${base}/me`, undefined, participants[person]);
    const mine = [...ackedSupporters].filter(([, who]) => who.has(person)).map(([id]) => id);
    const theirs = new Set(me.supported);
    if (theirs.size !== me.supported.length) problems.push(`participant ${person}: a support listed twice`);
    if (mine.length !== theirs.size || mine.some((id) => !theirs.has(id))) {
      problems.push(`participant ${person}: ${theirs.size} supports stored, ${mine.length} acknowledged`);
    }
  });
  const ackedSupports = [...ackedSupporters.values()].reduce((sum, who) => sum + who.size, 0);
  const all = new Samples();
  for (const value of latencies.inputs.values()) all.push(value);
  for (const value of latencies.supports.values()) all.push(value);
  return {
    inputs: summarize(latencies.inputs.values()),
    supports: summarize(latencies.supports.values()),
    all: summarize(all.values()),
    sent,
    acknowledged: { inputs: ackedInputs.size, supports: ackedSupports },
    refused,
    problems,
    stored: { inputs: stored.size, supports: storedSupports },
    burstMs,
    startedBeforeEndMs,
    finishedBeforeEndMs,
    setupMs,
    setupRequests: rest.requests,
    requestsPerSecond: (sent.inputs + sent.supports) / (burstMs / 1000),
    rssPeakBytes,
    cpu,
  };
}
