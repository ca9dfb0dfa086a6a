import type { EngineEvent } from "../../src/engine/engine-event";
import { startProgress, type ProgressOptions } from "../../src/cli/print-progress";
import type { MemoryIo } from "../support/memory-io";
import { memoryIo } from "../support/memory-io";
import { KEY_URN, STACK_URN, step } from "../plan/fixtures";

// startProgress with jest's fake timers standing in for a slow engine: what a CI log shows.

const clock = {
  now: () => Date.now(),
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
};
const deploying = (kind: "step-planned" | "resource-done", op: "create" = "create", urn = KEY_URN): EngineEvent =>
  ({ kind, step: step(op, urn), planning: false }) as EngineEvent;

/** An engine operation followed the way the printer follows one: started, fed its events, stopped when it ends. */
async function followProgress<T>(io: MemoryIo, options: ProgressOptions, run: (onEvent: (event: EngineEvent) => void) => Promise<T>): Promise<T> {
  const progress = startProgress(io, options);
  try {
    return await run(progress.onEvent);
  } finally {
    progress.stop();
  }
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("startProgress", () => {
  it("prints one whole line per resource event and a heartbeat naming the resource in flight when the engine goes quiet", async () => {
    const io = memoryIo({ env: { PLANTON_HEARTBEAT_SECONDS: "1" } });
    const run = followProgress(io, { doing: "applying stack payments", clock }, async (onEvent) => {
      onEvent(deploying("step-planned", "create", STACK_URN));
      onEvent(deploying("step-planned"));
      await jest.advanceTimersByTimeAsync(2500);
      onEvent(deploying("resource-done"));
      return "done";
    });
    expect(await run).toBe("done");
    expect(io.err()).toBe(
      "  creating key (aws:kms/key:Key)\n" +
        "  still applying stack payments (1s elapsed; waiting on key)\n" +
        "  still applying stack payments (2s elapsed; waiting on key)\n" +
        "  created key (aws:kms/key:Key)\n",
    );
    // Stopped with the operation: nothing more once it returned.
    await jest.advanceTimersByTimeAsync(5000);
    expect(io.err().split("\n")).toHaveLength(5);
  });

  it("beats every 60 s by default, and stops when the operation fails", async () => {
    const io = memoryIo({ env: {} });
    const run = followProgress(io, { doing: "refreshing stack s", clock }, async () => {
      await jest.advanceTimersByTimeAsync(125_000);
      throw new Error("engine failed");
    });
    await expect(run).rejects.toThrow("engine failed");
    expect(io.err()).toBe("  still refreshing stack s (1m00s elapsed)\n  still refreshing stack s (2m00s elapsed)\n");
    expect(jest.getTimerCount()).toBe(0);
  });

  it("never writes a carriage return, a spinner or a line without its newline", async () => {
    const io = memoryIo({ env: { PLANTON_HEARTBEAT_SECONDS: "1" } });
    await followProgress(io, { doing: "destroying stack s", clock }, async (onEvent) => {
      onEvent(deploying("step-planned"));
      onEvent({ kind: "diagnostic", severity: "warning", message: "slow emulator\r\n" });
      await jest.advanceTimersByTimeAsync(3000);
      onEvent(deploying("resource-done"));
    });
    expect(io.err()).not.toMatch(/[\r⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏|\\]/);
    expect(io.err().endsWith("\n")).toBe(true);
    expect(io.err()).not.toContain("\u001b[");
  });
});
