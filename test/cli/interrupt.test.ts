import { onInterrupt } from "../../src/cli/interrupt";
import { throwIfInterrupted } from "../../src/stack/run-stacks";
import { memoryIo } from "../support/memory-io";

describe("onInterrupt", () => {
  it("off a terminal, the first Ctrl-C is forwarded to the engine as a graceful stop", () => {
    const io = memoryIo({ tty: false });
    const interrupt = onInterrupt(io);
    try {
      process.emit("SIGINT");
      expect(interrupt.interrupted.aborted).toBe(true);
      expect(interrupt.signal.aborted).toBe(true);
      expect(io.err()).toContain("stopping: waiting for the engine to finish the operations in flight");
      expect(() => throwIfInterrupted(interrupt, "apply", "s")).toThrow("cannot apply stack s: interrupted before it started");
    } finally {
      interrupt.dispose();
    }
  });

  it("at a terminal, the engine already got the Ctrl-C, so it is not sent again (a second one would kill it)", () => {
    const interrupt = onInterrupt(memoryIo({ tty: true }));
    try {
      process.emit("SIGINT");
      expect(interrupt.interrupted.aborted).toBe(true);
      expect(interrupt.signal.aborted).toBe(false);
    } finally {
      interrupt.dispose();
    }
  });

  it("a second Ctrl-C exits with 130", () => {
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const interrupt = onInterrupt(memoryIo());
    try {
      process.emit("SIGINT");
      process.emit("SIGINT");
      expect(exit).toHaveBeenCalledWith(130);
    } finally {
      interrupt.dispose();
      exit.mockRestore();
    }
  });
});
