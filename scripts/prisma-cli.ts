import { spawnSync } from "node:child_process";
import path from "node:path";

/** Runs the project's Prisma CLI with the given database; throws with its output on failure. */
export function prismaCli(args: string[], databaseUrl: string, { quiet = true } = {}) {
  const bin = path.resolve("node_modules", ".bin", "prisma");
  const result = spawnSync(bin, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: quiet ? "pipe" : "inherit",
  });
  if (result.status !== 0) {
    throw new Error(`prisma ${args.join(" ")} failed:\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
}
