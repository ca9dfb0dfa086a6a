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

  it("at a terminal, Ctrl-C is forwarded too (the engine runs in its own process group and never sees it) and names the key to press", () => {
    const io = memoryIo({ tty: true });
    const interrupt = onInterrupt(io);
    try {
      process.emit("SIGINT");
      expect(interrupt.interrupted.aborted).toBe(true);
      expect(interrupt.signal.aborted).toBe(true);
      expect(io.err()).toContain("(press Ctrl-C again to abort now)");
    } finally {
      interrupt.dispose();
    }
  });

  it("SIGTERM, as CI runners send it, is a graceful stop like Ctrl-C; a second one exits with 143", () => {
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const io = memoryIo({ tty: false });
    const interrupt = onInterrupt(io);
    try {
      process.emit("SIGTERM");
      expect(interrupt.signal.aborted).toBe(true);
      expect(io.err()).toContain("stopping: waiting for the engine to finish the operations in flight (send SIGTERM again to abort now)");
      expect(exit).not.toHaveBeenCalled();
      process.emit("SIGTERM");
      expect(exit).toHaveBeenCalledWith(143);
    } finally {
      interrupt.dispose();
      exit.mockRestore();
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
