import { formatElapsed, heartbeatIntervalMs, startHeartbeat, type HeartbeatClock } from "../../src/cli/heartbeat";

// Jest's fake timers drive the clock: no test waits in real time.
const fakeClock = (): HeartbeatClock => ({
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
});

beforeEach(() => jest.useFakeTimers({ now: new Date("2026-11-29T00:00:00Z") }));
afterEach(() => jest.useRealTimers());

describe("startHeartbeat", () => {
  it("writes one line after each quiet interval, with the elapsed time and the resources in flight", () => {
    const lines: string[] = [];
    const beat = startHeartbeat({ doing: "applying stack payments", intervalMs: 60_000, write: (l) => lines.push(l), clock: fakeClock() });
    beat.started("key");
    jest.advanceTimersByTime(59_999);
    expect(lines).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lines).toEqual(["  still applying stack payments (1m00s elapsed; waiting on key)"]);
    beat.started("alias");
    jest.advanceTimersByTime(70_000);
    expect(lines[1]).toBe("  still applying stack payments (2m00s elapsed; waiting on key, alias)");
    beat.finished("key");
    beat.finished("alias");
    jest.advanceTimersByTime(60_000);
    expect(lines[2]).toBe("  still applying stack payments (3m00s elapsed)");
    beat.stop();
  });

  it("starts the silence again whenever something is printed, so a busy run gets no heartbeat", () => {
    const lines: string[] = [];
    const beat = startHeartbeat({ doing: "destroying stack s", intervalMs: 1000, write: (l) => lines.push(l), clock: fakeClock() });
    for (let i = 0; i < 10; i++) {
      jest.advanceTimersByTime(900);
      beat.printed();
    }
    expect(lines).toEqual([]);
    jest.advanceTimersByTime(1000);
    expect(lines).toEqual(["  still destroying stack s (10s elapsed)"]);
    beat.stop();
  });

  it("stays silent once stopped", () => {
    const lines: string[] = [];
    const beat = startHeartbeat({ doing: "x", intervalMs: 1000, write: (l) => lines.push(l), clock: fakeClock() });
    beat.stop();
    beat.printed();
    jest.advanceTimersByTime(10_000);
    expect(lines).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe("formatElapsed", () => {
  it.each([
    [0, "0s"],
    [45_900, "45s"],
    [130_000, "2m10s"],
    [3_725_000, "1h02m05s"],
  ])("%d ms is %s", (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

describe("heartbeatIntervalMs", () => {
  it("is 60 s unless PLANTON_HEARTBEAT_SECONDS is a positive number", () => {
    expect(heartbeatIntervalMs({})).toBe(60_000);
    expect(heartbeatIntervalMs({ PLANTON_HEARTBEAT_SECONDS: "1" })).toBe(1000);
    expect(heartbeatIntervalMs({ PLANTON_HEARTBEAT_SECONDS: "0.5" })).toBe(500);
    expect(heartbeatIntervalMs({ PLANTON_HEARTBEAT_SECONDS: "0" })).toBe(60_000);
    expect(heartbeatIntervalMs({ PLANTON_HEARTBEAT_SECONDS: "soon" })).toBe(60_000);
  });
});
