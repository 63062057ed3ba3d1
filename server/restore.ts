// `npm run restore -- <file>`: puts a backup (and the signing key beside it) back into an empty
// data folder (COCREA_DATA_DIR).
import path from "node:path";
import { ConfigError, loadConfig } from "./config";
import {
  BackupRefused,
  checkSigningKeyRestore,
  databaseFile,
  refuseUnlessEmbedded,
  restoreDatabase,
  restoreSigningKey,
  signingKeyCopy,
} from "./ops/backup";
import { runCommand } from "./ops/command";

await runCommand(
  "usage: npm run restore -- <file>",
  ([file]) => {
    const { dataDir, databaseUrl, signingKeyFile } = loadConfig();
    refuseUnlessEmbedded(databaseUrl);
    const source = path.resolve(file);
    checkSigningKeyRestore(source, signingKeyFile);
    const { bytes, ms } = restoreDatabase(source, dataDir);
    const key = restoreSigningKey(source, signingKeyFile)
      ? `The signing key is at ${signingKeyFile}.`
      : `${signingKeyCopy(source)} is missing: put the signing key back at ${signingKeyFile} before starting, or official versions will fail their check.`;
    return `Restored ${source} to ${databaseFile(dataDir)} (${(bytes / 1e6).toFixed(1)} MB in ${ms} ms). ${key} Start the server with this COCREA_DATA_DIR.`;
  },
  [BackupRefused, ConfigError],
);
