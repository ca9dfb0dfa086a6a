import { exampleManifest } from "../manifest/example-manifest";
import { runCli } from "./main";

/**
 * Runs `planton validate` once, in memory, on the `init` example, so that a startup snapshot
 * taken afterwards (scripts/build-snapshot.mjs) already holds the loaded descriptors and the
 * validator with its compiled rules: a command then starts about as fast as bare node.
 */
export async function warmUp(): Promise<void> {
  const discard = { write: () => undefined, isTTY: false };
  await runCli(["validate", "-f", "-"], {
    stdout: discard,
    stderr: discard,
    readStdin: () => exampleManifest("warm-up"),
    stdinIsTTY: false,
    ask: async () => "",
    env: {},
    cwd: "/",
  });
}
