// The entry of the password-strength thread (see passwordStrength.ts). Plain JavaScript that loads
// the estimator through tsx itself, as the read worker does, so the thread runs the same under
// `npm start`, tsx or vitest: none of the parent's loader flags apply here.
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
const { estimatePasswordStrength } = await import("../../shared/passwordStrength.ts");

parentPort.on("message", async ({ id, job: { password, userInputs } }) => {
  try {
    parentPort.postMessage({ id, result: await estimatePasswordStrength(password, userInputs) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
