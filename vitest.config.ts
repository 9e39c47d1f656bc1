// Test runner configuration: one run covers every engine in tests/engines.ts (PGlite
// always; a real server too when DATABASE_URL is set, as .ci/run does). The long
// fault-injection and hostile-input suites (tests/faults/) run apart: `npm run test:faults`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/faults/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two workers even on two cores (vitest's default there is one): most test time waits on
    // the database server, Chromium or a child process, not on this process's CPU. 741 s → 519 s
    // for the whole suite on the 2-core CI machine.
    maxWorkers: 2,
    env: { TZ: "UTC" },
  },
});
