// `npm run restore -- <file>`: puts a backup back into an empty data folder (COCREA_DATA_DIR).
import path from "node:path";
import { ConfigError, loadConfig } from "./config";
import { BackupRefused, databaseFile, restoreDatabase } from "./ops/backup";
import { runCommand } from "./ops/command";

await runCommand(
  "usage: npm run restore -- <file>",
  ([file]) => {
    const { dataDir } = loadConfig();
    const source = path.resolve(file);
    const { bytes, ms } = restoreDatabase(source, dataDir);
    return `Restored ${source} to ${databaseFile(dataDir)} (${(bytes / 1e6).toFixed(1)} MB in ${ms} ms). Start the server with this COCREA_DATA_DIR.`;
  },
  [BackupRefused, ConfigError],
);
