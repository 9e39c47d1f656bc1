// retryCatalogCollision: a Citus catalog collision is tried again, at most `attempts` times;
// any other error is passed on at once.
import { describe, expect, it } from "vitest";
import { retryCatalogCollision } from "./retry.ts";

/** A call that fails with `message` the first `failures` times, then answers "registered". */
function flaky(failures: number, message: string) {
  let calls = 0;
  return {
    calls: () => calls,
    fn: async () => {
      calls += 1;
      if (calls <= failures) throw new Error(message);
      return "registered";
    },
  };
}

describe("retryCatalogCollision", () => {
  it("tries a collision again until the call succeeds", async () => {
    const call = flaky(2, "tuple concurrently updated");
    await expect(retryCatalogCollision(call.fn)).resolves.toBe("registered");
    expect(call.calls()).toBe(3);
  });

  it("gives up after the attempts allowed, with the last error", async () => {
    const call = flaky(5, "failure on connection marked as essential");
    await expect(retryCatalogCollision(call.fn, 2)).rejects.toThrow("marked as essential");
    expect(call.calls()).toBe(2);
  });

  it("passes any other error on at once", async () => {
    const call = flaky(1, "permission denied");
    await expect(retryCatalogCollision(call.fn)).rejects.toThrow("permission denied");
    expect(call.calls()).toBe(1);
  });
});
