// `npm run backup -- <file>`: a consistent copy of the embedded database, taken while it runs, and
// the signing key beside it (<file>.signing-key.pem).
import path from "node:path";
import { ConfigError, loadConfig } from "./config";
import {
  BackupRefused,
  backupDatabase,
  backupSigningKey,
  databaseFile,
  refuseUnlessEmbedded,
} from "./ops/backup";
import { runCommand } from "./ops/command";

await runCommand(
  "usage: npm run backup -- <file>",
  async ([file]) => {
    const { dataDir, databaseUrl, signingKeyFile } = loadConfig();
    refuseUnlessEmbedded(databaseUrl);
    const target = path.resolve(file);
    const { bytes, ms } = await backupDatabase(dataDir, target);
    const key = backupSigningKey(signingKeyFile, target);
    return [
      `Backed up ${databaseFile(dataDir)} to ${target} (${(bytes / 1e6).toFixed(1)} MB in ${ms} ms).`,
      key
        ? `Copied the signing key to ${key}: keep it with the backup, and as secret as the database.`
        : `No signing key at ${signingKeyFile} yet (the server makes one when it starts).`,
    ].join("\n");
  },
  [BackupRefused, ConfigError],
);
