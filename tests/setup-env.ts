import { inject } from "vitest";

// Every test file talks to the test database started in global-setup.ts.
process.env.DATABASE_URL = inject("databaseUrl");
