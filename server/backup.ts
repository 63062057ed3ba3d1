// `npm run backup -- <file>`: a consistent copy of the embedded database, taken while it runs.
import path from "node:path";
import { ConfigError, loadConfig } from "./config";
import { BackupRefused, backupDatabase, databaseFile } from "./ops/backup";
import { runCommand } from "./ops/command";

await runCommand(
  "usage: npm run backup -- <file>",
  async ([file]) => {
    const { dataDir } = loadConfig();
    const target = path.resolve(file);
    const { bytes, ms } = await backupDatabase(dataDir, target);
    return `Backed up ${databaseFile(dataDir)} to ${target} (${(bytes / 1e6).toFixed(1)} MB in ${ms} ms).`;
  },
  [BackupRefused, ConfigError],
);
