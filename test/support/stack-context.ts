import type { Engine } from "../../src/engine/engine";
import type { StackContext } from "../../src/stack/run-stacks";

/**
 * A StackContext for the stack operations on a fake engine: the manifest `stdin` is what `-f -`
 * reads, the backend is never reached, reports go nowhere and Ctrl-C never comes, unless
 * `overrides` say otherwise.
 */
export function testStackContext(engine: Engine, stdin: string, overrides: Partial<StackContext> = {}): StackContext {
  return {
    engine,
    sources: { readStdin: () => stdin, cwd: process.cwd(), env: { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" } },
    homeDir: "/nonexistent",
    interrupts: () => ({ signal: new AbortController().signal, interrupted: new AbortController().signal, dispose: () => undefined }),
    report: () => undefined,
    verbose: false,
    ...overrides,
  };
}
