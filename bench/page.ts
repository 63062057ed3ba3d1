/**
 * The plan page on a cheap phone on a slow link (`npm run bench:page`): headless Chromium with
 * DevTools' CPU throttling at 4× and Lighthouse's mobile network (1.6 Mbps down, 750 kbps up,
 * 150 ms round trip), on a plan of five commitments with every field written. Measures, cold:
 * - a drafter: when the text is shown, when the first field accepts typing, bytes transferred, and
 *   keystroke latency (Event Timing, as INP measures: key to next paint) while a co-author types
 *   elsewhere in the plan through a y-websocket client;
 * - a commenter: when the text is shown in the reading view, and whether any editor code was
 *   requested at all.
 * Prints a table. Needs the built client (`npx vite build`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "@playwright/test";
import {
  addCommitment,
  appendParagraphs,
  getPlan,
  type Milestone,
  OGP_VALUES,
  planDocName,
} from "@shared/plan";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { killAllServers, repoRoot, startCocrea } from "./servers";

const CPU_SLOWDOWN = 4;
const NETWORK = { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const KEYSTROKES = 60;
const VISION_MARK = "Every resident follows public money";
/** Chunks that hold editor code (Tiptap, ProseMirror): a reader should never download them. */
const EDITOR_CHUNK = /\/assets\/(RichTextField|PlanEditorView)-/;

/** What a DevTools performance recording asks for, stacks of forced layouts and JS samples included. */
const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.stack",
  "disabled-by-default-devtools.timeline.frame",
  "v8.execute",
  "blink.user_timing",
];

const SENTENCES = [
  "Residents cannot see how public contracts are awarded or how the money is spent afterwards.",
  "Fewer than one in five tenders is published, and none of them in a reusable format.",
  "The commitment opens every step of the process to the public, from planning to payment.",
];

async function signUp(origin: string, name: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({
      name,
      email: `${name.replace(/\W/g, ".")}.${Date.now()}@example.org`,
      password: "benchmark-password-1",
    }),
  });
  if (response.status !== 201) throw new Error(`sign-up answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((h) => h.split(";")[0] ?? "")
    .find((c) => c.startsWith("cocrea_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

async function post<T>(origin: string, cookie: string, url: string, body: unknown): Promise<T> {
  const response = await fetch(`${origin}${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A y-websocket client on the plan as the member whose cookie it sends (what the page does). */
async function connect(origin: string, cookie: string, workspaceId: string) {
  class SessionSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${origin.replace(/^http/, "ws")}/collab`,
    planDocName(workspaceId),
    doc,
    {
      WebSocketPolyfill: SessionSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  await new Promise<void>((resolve) =>
    provider.synced ? resolve() : provider.once("sync", () => resolve()),
  );
  return { doc, provider };
}

function fillMilestone(milestone: Milestone | null, n: number) {
  milestone?.text("description")?.insert(0, `Milestone ${n}: publish the tender register`);
  milestone?.text("output")?.insert(0, "Open dataset on the portal");
  milestone?.text("responsible")?.insert(0, "Procurement office");
  milestone?.setDate("startDate", "2027-01-01");
  milestone?.setDate("endDate", "2027-06-30");
}

/** Five commitments with every field of the template written. */
function writeFullPlan(doc: Y.Doc) {
  const plan = getPlan(doc);
  appendParagraphs(plan.vision, [`${VISION_MARK}, and every decision says why.`, SENTENCES[0] ?? ""]);
  appendParagraphs(plan.cocreationSummary, SENTENCES);
  for (let i = 1; i <= 5; i++) {
    const c = addCommitment(doc, 5);
    if (!c) continue;
    c.text("title")?.insert(0, `Commitment number ${i} on open contracting`);
    for (const field of [
      "leadAgency",
      "contactPerson",
      "governmentActors",
      "nonGovernmentActors",
      "budget",
    ] as const) {
      c.text(field)?.insert(0, `Written ${field} of commitment ${i}`);
    }
    for (const field of ["problem", "commitment", "contribution"] as const) {
      const fragment = c.richText(field);
      if (fragment) appendParagraphs(fragment, SENTENCES);
    }
    c.setDate("startDate", "2027-01-01");
    c.setDate("endDate", "2028-12-31");
    c.policyArea = "open_contracting";
    c.sdg = 16;
    for (const value of OGP_VALUES.slice(0, 3)) {
      c.setChecked(value, true);
      c.justification(value)?.insert(0, `How commitment ${i} advances ${value}.`);
    }
    for (let m = 1; m <= 3; m++) fillMilestone(c.addMilestone(), m);
  }
}

/** Records, from the page's own clock, when the text first shows and when a field first takes typing. */
const PAGE_PROBE = `
  window.__bench = { textShown: null, editable: null, events: [] };
  const check = () => {
    const main = document.querySelector(".plan-main");
    if (window.__bench.textShown === null && main && main.textContent.includes(${JSON.stringify(VISION_MARK)}))
      window.__bench.textShown = performance.now();
    if (window.__bench.editable === null && document.querySelector('.plan-main [contenteditable="true"]'))
      window.__bench.editable = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["contenteditable"] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__bench.events.push({ id: e.interactionId, duration: e.duration });
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
`;

interface Load {
  textShownMs: number | null;
  editableMs: number | null;
  /** When the entry and the editor's chunk had arrived (Resource Timing, the page's clock). */
  entryArrivedMs: number | null;
  editorArrivedMs: number | null;
  transferredBytes: number;
  editorRequested: boolean;
}

/** Opens the plan cold with the phone's CPU and network, and times it. */
async function openThrottled(
  context: BrowserContext,
  url: string,
  waitFor: "text" | "editable",
): Promise<{ page: Page; load: Load }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORK });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let transferredBytes = 0;
  cdp.on("Network.loadingFinished", (event) => {
    transferredBytes += event.encodedDataLength;
  });
  let editorRequested = false;
  const started = Date.now();
  page.on("request", (request) => {
    if (EDITOR_CHUNK.test(request.url())) editorRequested = true;
  });
  // BENCH_WATERFALL=1: when each request ended, to see what the first paint of the text waits for.
  if (process.env.BENCH_WATERFALL) {
    page.on("requestfinished", (request) => {
      const timing = request.timing();
      console.log(
        `${String(Date.now() - started).padStart(6)} ms  ${timing.responseEnd.toFixed(0).padStart(5)} ms  ${request.url().replace(/^https?:\/\/[^/]+/, "")}`,
      );
    });
  }
  await page.addInitScript(PAGE_PROBE);
  // BENCH_TRACE_LOAD=<file>: a DevTools performance trace of the drafter's page until a field takes typing.
  const traceFile = waitFor === "editable" ? process.env.BENCH_TRACE_LOAD : undefined;
  const browser = context.browser();
  if (traceFile && browser)
    await browser.startTracing(page, { path: traceFile, categories: TRACE_CATEGORIES });
  const profileFile = waitFor === "editable" ? process.env.BENCH_PROFILE_LOAD : undefined;
  if (profileFile) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  await page.goto(url);
  await page.waitForFunction(
    (key) => (window as unknown as { __bench: Record<string, unknown> }).__bench[key] !== null,
    waitFor === "text" ? "textShown" : "editable",
    { timeout: 60_000, polling: 250 },
  );
  if (traceFile && browser) await browser.stopTracing();
  if (profileFile) writeFileSync(profileFile, JSON.stringify((await cdp.send("Profiler.stop")).profile));
  // A moment for anything else the page would still fetch (an editor a reader should never get).
  await page.waitForTimeout(3000);
  const times = await page.evaluate(
    () => (window as unknown as { __bench: { textShown: number | null; editable: number | null } }).__bench,
  );
  // Whether the first field waited for bytes or for the main thread: when its code had arrived.
  // (No named functions inside: tsx would wrap them in a helper the page lacks.)
  const [entryArrivedMs, editorArrivedMs] = await page.evaluate(() =>
    [/\/assets\/index-[^/]*\.js$/, /\/assets\/RichTextField-[^/]*\.js$/].map(
      (pattern) =>
        (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((entry) =>
          pattern.test(entry.name),
        )?.responseEnd ?? null,
    ),
  );
  return {
    page,
    load: {
      textShownMs: times.textShown,
      editableMs: times.editable,
      entryArrivedMs: entryArrivedMs ?? null,
      editorArrivedMs: editorArrivedMs ?? null,
      transferredBytes,
      editorRequested,
    },
  };
}

/** Key-to-paint of each keystroke the drafter types while the co-author types in commitment 5. */
async function typingLatency(page: Page, coAuthor: Y.Doc): Promise<number[]> {
  // BENCH_PROFILE=<file>: also writes the page's CPU profile of the typing (see bench/profileSummary.ts).
  const profileFile = process.env.BENCH_PROFILE;
  const cdp = profileFile ? await page.context().newCDPSession(page) : null;
  // BENCH_TRACE=<file>: a DevTools performance trace of the typing (style, layout, paint and
  // script, with the stacks that forced a layout), summed up by bench/traceSummary.ts.
  const traceFile = process.env.BENCH_TRACE;
  const browser = page.context().browser();
  const target = page.locator(".ProseMirror").first();
  await target.click();
  await page.keyboard.press("End");
  await page.evaluate(() => {
    (window as unknown as { __bench: { events: unknown[] } }).__bench.events = [];
  });
  const fragment = getPlan(coAuthor).commitmentArray.get(4)?.get("problem");
  const paragraph = fragment instanceof Y.XmlFragment ? fragment.get(0) : null;
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  if (traceFile && browser)
    await browser.startTracing(page, { path: traceFile, categories: TRACE_CATEGORIES });
  const timer = setInterval(() => {
    if (text instanceof Y.XmlText) text.insert(text.length, "x");
  }, 120);
  try {
    await page.keyboard.type("a".repeat(KEYSTROKES), { delay: 150 });
    await page.waitForTimeout(1000);
  } finally {
    clearInterval(timer);
  }
  if (traceFile && browser) await browser.stopTracing();
  if (cdp && profileFile) {
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  const events = await page.evaluate(
    () => (window as unknown as { __bench: { events: { id: number; duration: number }[] } }).__bench.events,
  );
  const byInteraction = new Map<number, number>();
  for (const e of events) byInteraction.set(e.id, Math.max(byInteraction.get(e.id) ?? 0, e.duration));
  // Event Timing reports only interactions of 16 ms or more: count the others at 16 (an upper bound).
  const durations = [...byInteraction.values()];
  while (durations.length < KEYSTROKES) durations.push(16);
  return durations.sort((a, b) => a - b);
}

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(2)} s`);
const p95 = (sorted: number[]) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;

async function main() {
  if (!existsSync(path.join(repoRoot, "dist/client/index.html")))
    throw new Error("Build the client first: npx vite build");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cocrea-bench-page-"));
  const server = await startCocrea(dataDir, undefined, { serveClient: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  try {
    const { origin } = server;
    const [facilitator, drafter, commenter] = [
      await signUp(origin, "Bench Facilitator"),
      await signUp(origin, "Bench Drafter"),
      await signUp(origin, "Bench Commenter"),
    ];
    const { workspace } = await post<{ workspace: { id: string } }>(origin, facilitator, "/api/workspaces", {
      name: "Bench plan",
      jurisdiction: "Bench City",
    });
    for (const [cookie, role] of [
      [drafter, "drafter"],
      [commenter, "commenter"],
    ] as const) {
      const { invitation } = await post<{ invitation: { token: string } }>(
        origin,
        facilitator,
        `/api/workspaces/${workspace.id}/invitations`,
        { role, sector: "civil_society" },
      );
      await post(origin, cookie, `/api/invitations/${invitation.token}/accept`, {});
    }
    const coAuthor = await connect(origin, facilitator, workspace.id);
    writeFullPlan(coAuthor.doc);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const contextFor = (cookie: string) => {
      const [name, value] = cookie.split("=") as [string, string];
      return browser
        .newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: false })
        .then(async (context) => {
          await context.addCookies([{ name, value, url: origin }]);
          return context;
        });
    };
    const url = `${origin}/w/${workspace.id}/plan`;
    const drafterContext = await contextFor(drafter);
    const drafterRun = await openThrottled(drafterContext, url, "editable");
    const latencies = await typingLatency(drafterRun.page, coAuthor.doc);
    await drafterContext.close();
    const commenterContext = await contextFor(commenter);
    const commenterRun = await openThrottled(commenterContext, url, "text");
    await commenterContext.close();
    coAuthor.provider.destroy();

    const d = drafterRun.load;
    const c = commenterRun.load;
    const rows = [
      ["Text shown", "≤ 1.5 s", seconds(d.textShownMs), seconds(c.textShownMs)],
      ["First field accepts typing", "≤ 3 s", seconds(d.editableMs), "(reads)"],
      ["(entry arrived)", "", seconds(d.entryArrivedMs), seconds(c.entryArrivedMs)],
      ["(editor code arrived)", "", seconds(d.editorArrivedMs), "—"],
      [
        "Keystroke, key to paint, median",
        "",
        `${(latencies[Math.floor(latencies.length / 2)] ?? 0).toFixed(0)} ms`,
        "",
      ],
      [`Keystroke, key to paint, p95 of ${KEYSTROKES}`, "≤ 50 ms", `${p95(latencies).toFixed(0)} ms`, ""],
      ["Keystroke, worst", "≤ 100 ms", `${(latencies.at(-1) ?? 0).toFixed(0)} ms`, ""],
      [
        "Transferred",
        "",
        `${(d.transferredBytes / 1024).toFixed(0)} kB`,
        `${(c.transferredBytes / 1024).toFixed(0)} kB`,
      ],
      [
        "Editor code requested",
        "reader: no",
        d.editorRequested ? "yes" : "no",
        c.editorRequested ? "yes" : "no",
      ],
    ];
    console.log(
      `\nPlan page, 5 full commitments, CPU ${CPU_SLOWDOWN}× slower, 1.6 Mbps / 150 ms RTT, cold cache\n`,
    );
    console.log("| measure | target | drafter (Edit) | commenter (Read) |");
    console.log("|---|---|---|---|");
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  } finally {
    await browser.close();
    await server.stop();
    killAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Exits when done: the co-author's y-websocket client leaves timers that would keep Node running.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    killAllServers();
    process.exit(1);
  },
);
