/** Development helper: prints the demo clinician's current authenticator code. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { currentTotp } from "../lib/auth/totp";

const file = path.resolve(".data", "dev-clinician-totp");
if (!existsSync(file)) {
  console.error("No demo clinician yet: run `npm run dev` first.");
  process.exit(1);
}
console.log(currentTotp(readFileSync(file, "utf8").trim()));
