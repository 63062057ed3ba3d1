// Preloaded into the reference server when profiling: `--cpu-prof` writes its profile only when
// the process exits normally, and bin/server.js does not handle SIGTERM itself.
process.on("SIGTERM", () => process.exit(0));
