import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { keyManifest } from "./support/manifests";
import { collect, describeE2e, useSandbox, expectExit, PLANTON, type RunResult } from "./support/sandbox";

// CI hygiene end to end: secret-looking credentials and passphrase in the environment go through
// every command (each once more with --verbose, and one engine failure), and never show up on
// stdout, stderr or in the state backend; and off a terminal the logs are whole lines, with no
// colour, carriage returns, spinners or dot tickers.

jest.setTimeout(300_000);

const SECRETS = {
  AWS_SECRET_ACCESS_KEY: "e2eSecretAccessKey+Zq7vW3kP9xR2mN8bT4hY6uJ1",
  AWS_SESSION_TOKEN: "e2eSessionToken/FwoGZXIvYXdzEJr8Ld3pQ7sK2vN9mB4xT6hW1yR5uC0",
  PULUMI_CONFIG_PASSPHRASE: "e2ePassphrase-correct-horse-battery-staple-91",
} as const;
const STACK = "acme-prod-secrets-probe";

describeE2e("planton against the sandbox: no secret on any channel", () => {
  const sandbox = useSandbox();
  let file: string;
  let protectedFile: string;
  const runs: { args: readonly string[]; run: RunResult }[] = [];

  /** Runs planton with the secret-looking environment (the test provider accepts any credentials). */
  async function planton(args: readonly string[]): Promise<RunResult> {
    const env = { ...sandbox.env, ...SECRETS, PLANTON_HEARTBEAT_SECONDS: "0.2" };
    const run = await collect(spawn(PLANTON, args, { cwd: sandbox.dir, env, stdio: ["pipe", "pipe", "pipe"] }));
    runs.push({ args, run });
    return run;
  }

  beforeAll(async () => {
    file = sandbox.write("probe.yaml", keyManifest({ name: "secrets-probe" }));
    protectedFile = sandbox.write("guarded.yaml", `${keyManifest({ name: "secrets-guarded" })}  deletionProtection: true\n`);
  });

  it("runs every command, plain and --verbose, in every output format", async () => {
    for (const verbose of [[], ["--verbose"]]) {
      expectExit(await planton([...verbose, "validate", "-f", file]), 0);
      expectExit(await planton([...verbose, "validate", "-f", file, "-o", "json"]), 0);
      expectExit(await planton([...verbose, "policy", "-f", file]), 0);
      expectExit(await planton([...verbose, "preview", "-f", file]), 0);
      expectExit(await planton([...verbose, "preview", "-f", file, "-o", "json"]), 0);
      expectExit(await planton([...verbose, "apply", "-f", file, "--yes"]), 0);
      // A change, so the JSON apply really deploys.
      const changed = ["--set", `spec.description=changed ${verbose.length}`];
      expectExit(await planton([...verbose, "apply", "-f", file, "--yes", "-o", "json", ...changed]), 0);
      for (const format of ["text", "json", "yaml"]) expectExit(await planton([...verbose, "outputs", "-f", file, "-o", format]), 0);
      expectExit(await planton([...verbose, "refresh", "-f", file]), 0);
      expectExit(await planton([...verbose, "destroy", "-f", file, "--yes"]), 0);
    }
    // An engine failure under --verbose prints the cause: the engine's command and output.
    expectExit(await planton(["apply", "-f", protectedFile, "--yes"]), 0);
    expectExit(await planton(["--verbose", "destroy", "-f", protectedFile, "--yes"]), 1);
    expect(runs.at(-1)!.run.stderr).toContain("deletionProtection");
    expect(runs.some(({ run }) => run.stdout.includes(`"keyId"`))).toBe(true);
  });

  it("never prints a secret value on stdout or stderr", () => {
    expect(runs.length).toBeGreaterThan(20);
    for (const { args, run } of runs) {
      for (const [name, value] of Object.entries(SECRETS)) {
        for (const [channel, text] of [["stdout", run.stdout], ["stderr", run.stderr]] as const) {
          if (text.includes(value)) throw new Error(`${name} leaked on ${channel} of planton ${args.join(" ")}:\n${text}`);
        }
      }
    }
  });

  it("never writes a secret value into the state backend", () => {
    const backend = fileURLToPath(sandbox.env["PULUMI_BACKEND_URL"]!);
    const files = listFiles(backend);
    expect(files.some((f) => f.includes(STACK))).toBe(true);
    for (const path of files) {
      const text = readFileSync(path, "latin1");
      for (const [name, value] of Object.entries(SECRETS)) {
        if (text.includes(value)) throw new Error(`${name} is in the state backend: ${path}`);
      }
    }
  });

  it("off a terminal writes whole lines: no colour, carriage return, spinner or dot ticker, even with --verbose", () => {
    for (const { args, run } of runs) {
      for (const text of [run.stdout, run.stderr]) {
        const where = `planton ${args.join(" ")}`;
        if (text.includes("\u001b[")) throw new Error(`colour escape in ${where}:\n${text}`);
        if (text.includes("\r")) throw new Error(`carriage return in ${where}:\n${text}`);
        if (/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(text)) throw new Error(`spinner in ${where}:\n${text}`);
        if (/^@ \w+\.*$/m.test(text) || /\.{6,}/.test(text)) throw new Error(`dot ticker in ${where}:\n${text}`);
        if (text !== "" && !text.endsWith("\n")) throw new Error(`partial last line in ${where}:\n${text}`);
      }
    }
    // Progress is one line per resource event, and heartbeats (every 0.2 s here) are whole lines between them.
    const apply = runs.find(({ args }) => args[0] === "apply")!.run;
    expect(apply.stderr).toMatch(/^ {2}creating key \(aws:kms\/key:Key\)\n( {2}still applying .*\n)* {2}created key \(aws:kms\/key:Key\)\n/m);
    expect(apply.stderr).toMatch(new RegExp(`^ {2}still applying stack ${STACK} \\(\\d+s elapsed(; waiting on [a-z, -]+)?\\)$`, "m"));
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}
