// The long suites: kills, server restarts, disk faults, concurrency and hostile
// input (`npm run test:faults`). They start processes and servers of their own, so files run
// one at a time.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    globalSetup: ["tests/faults/build-cli.ts"],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
    env: { TZ: "UTC" },
  },
});
