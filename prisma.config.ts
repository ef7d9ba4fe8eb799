import "dotenv/config";
import { defineConfig } from "prisma/config";

// DATABASE_URL is optional here so that `prisma generate` (run by `npm install`) works
// before any database exists; commands that need a database fail with Prisma's own
// clear message when it is missing. `npm run dev` and the test runners set it.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx --conditions=react-server prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "",
  },
});
