// Test runner configuration: one run covers every engine in tests/engines.ts (PGlite
// always; a real server too when DATABASE_URL is set, as .ci/run does).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { TZ: "UTC" },
  },
});
