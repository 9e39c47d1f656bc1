// Deep equality with numbers compared to 1e-9 relative: two engines' or two inputs' analyses
// agree when their JSON does, up to floating-point summation order.
import { expect } from "vitest";

/** Deep equality with numbers compared to 1e-9 relative. */
export function expectClose(actual: unknown, expected: unknown, where = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual) && actual.length, where).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], e, `${where}.${k}`);
  } else expect(actual, where).toEqual(expected);
}
