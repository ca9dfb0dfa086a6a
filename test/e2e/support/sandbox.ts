import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KMSClient } from "@aws-sdk/client-kms";
import { tempDir } from "../../support/temp-dir";

// One sandbox (scripts/sandbox: KMS emulators, test provider, fresh state) per e2e test file;
// the file runs bin/planton in it several times and inspects the emulators directly.

const REPO = join(__dirname, "..", "..", "..");
/** This checkout's launcher, run as a user runs it. */
export const PLANTON = join(REPO, "bin", "planton");

/** Where scripts/build-tools puts the tools it builds (it holds their versions): `--paths` builds nothing. */
function toolPaths(): { pulumi: string; kms: string; versitygw: string } {
  const out = execFileSync(join(REPO, "scripts", "build-tools"), ["--paths"], { encoding: "utf8" });
  const value = (name: string): string => {
    const match = new RegExp(`^export ${name}=(.*)$`, "m").exec(out);
    if (match === null) throw new Error(`scripts/build-tools --paths printed no ${name}:\n${out}`);
    return match[1]!;
  };
  return { pulumi: join(value("PLANTON_PULUMI_BIN_DIR"), "pulumi"), kms: value("PLANTON_LOCAL_KMS_BIN"), versitygw: value("PLANTON_VERSITYGW_BIN") };
}

/** Why the e2e tests cannot run here, or undefined when they can. */
export function missingTools(): string | undefined {
  if (!existsSync(join(REPO, "scripts", "sandbox"))) return "scripts/sandbox is missing";
  const tools = toolPaths();
  if (!existsSync(tools.pulumi)) return `the Pulumi CLI is not built (${tools.pulumi}); run scripts/build-tools (needs Go)`;
  if (!existsSync(tools.kms)) return `the KMS emulator is not built (${tools.kms}); run scripts/build-tools (needs Go)`;
  if (!existsSync(tools.versitygw)) return `the S3 object store is not built (${tools.versitygw}); run scripts/build-tools (needs Go)`;
  if (!existsSync(join(REPO, "test", "provider", "bin", "pulumi-resource-aws"))) return "test/provider/bin/pulumi-resource-aws is missing";
  return undefined;
}

/** `describe` when the tools are built, else `describe.skip` with a note saying why. */
export function describeE2e(name: string, body: () => void): void {
  const missing = missingTools();
  if (missing === undefined) {
    describe(name, body);
    return;
  }
  process.stderr.write(`e2e skipped (${name}): ${missing}\n`);
  describe.skip(`${name} (skipped: ${missing})`, body);
}

/** What one planton run printed and how it exited. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running sandbox. */
export interface Sandbox {
  readonly env: Record<string, string>;
  /** A scratch directory for manifests, removed on close. */
  readonly dir: string;
  /** Runs planton to completion with stdin closed (not a terminal). */
  readonly planton: (args: readonly string[]) => Promise<RunResult>;
  /** Starts planton and returns the child, for races and signals. */
  readonly spawnPlanton: (args: readonly string[]) => ChildProcess;
  /** A KMS client for one region's emulator. */
  readonly kms: (region: string) => KMSClient;
  /** Writes a manifest file into `dir` and returns its path. */
  readonly write: (name: string, yaml: string) => string;
  readonly close: () => Promise<void>;
}

/** How to start a sandbox. */
export interface SandboxOptions {
  /** Extra environment for scripts/sandbox, e.g. PLANTON_SANDBOX_KMS_LATENCY_MS. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts a sandbox and waits until its environment is known. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  ensureBuilt();
  const child = spawn(join(REPO, "scripts", "sandbox"), ["node", join(__dirname, "hold-sandbox.js")], {
    cwd: REPO,
    env: { ...process.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf("\n");
      if (newline >= 0) resolve(JSON.parse(out.slice(0, newline)) as Record<string, string>);
    });
    child.on("exit", (code) => reject(new Error(`scripts/sandbox exited with ${code} before it was ready:\n${stderr}`)));
  });
  const dir = mkdtempSync(join(tmpdir(), "planton-e2e-"));
  const endpoints = Object.fromEntries(
    (env["PLANTON_SANDBOX_KMS_ENDPOINTS"] ?? "").split(",").map((pair) => pair.split("=") as [string, string]),
  );
  const spawnPlanton = (args: readonly string[]): ChildProcess =>
    spawn(PLANTON, args, { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
  return {
    env,
    dir,
    planton: (args) => collect(spawnPlanton(args)),
    spawnPlanton,
    kms: (region) => {
      const endpoint = endpoints[region];
      if (endpoint === undefined) throw new Error(`no emulator for ${region} in the sandbox`);
      return new KMSClient({
        region,
        endpoint,
        credentials: { accessKeyId: env["AWS_ACCESS_KEY_ID"] ?? "x", secretAccessKey: env["AWS_SECRET_ACCESS_KEY"] ?? "x" },
      });
    },
    write: (name, yaml) => {
      const path = join(dir, name);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, yaml);
      return path;
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      child.stdin.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The sandbox of one describe block: started before its first test, closed after its last. The
 * object it returns stands for the running sandbox, so a test file declares it once, at the top.
 */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
  let started: Sandbox | undefined;
  beforeAll(async () => {
    started = await startSandbox(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): Sandbox => {
    if (started === undefined) throw new Error("the sandbox runs only from beforeAll until afterAll");
    return started;
  };
  return {
    get env() {
      return running().env;
    },
    get dir() {
      return running().dir;
    },
    planton: (args) => running().planton(args),
    spawnPlanton: (args) => running().spawnPlanton(args),
    kms: (region) => running().kms(region),
    write: (name, yaml) => running().write(name, yaml),
    close: () => running().close(),
  };
}

/** Waits for a planton child to finish and collects its output. */
export function collect(child: ChildProcess): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => void (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => void (stderr += d.toString()));
  child.stdin?.end();
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** bin/planton runs dist/ (or its startup snapshot): rebuild when any source is newer, under a lock shared by the e2e files. */
export function ensureBuilt(): void {
  const built = join(REPO, "dist", "src", "cli", "main.js");
  const lock = join(tmpdir(), "planton-e2e-build.lock");
  for (let i = 0; i < 600; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      spawnSync("sleep", ["0.5"]);
    }
  }
  try {
    if (existsSync(built) && newest(join(REPO, "src")) <= statSync(built).mtimeMs && newest(join(REPO, "gen")) <= statSync(built).mtimeMs) return;
    // The whole build, so bin/planton's startup snapshot is rebuilt with dist/ and stays in use.
    spawnSync("npm", ["run", "--silent", "build"], { cwd: REPO, stdio: "ignore" });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** A PATH with `node` and the system's basic tools but no Pulumi CLI. */
export function pathWithoutPulumi(): string {
  const dir = tempDir("planton-node-only");
  symlinkSync(process.execPath, join(dir, "node"));
  const system = ["/usr/bin", "/bin"];
  const found = system.filter((d) => existsSync(join(d, "pulumi")));
  if (found.length > 0) throw new Error(`cannot hide the Pulumi CLI: it is installed in ${found.join(", ")}`);
  return [dir, ...system].join(":");
}

/** Asserts a run's exit code, showing its output when it differs. */
export function expectExit(run: RunResult, code: number): void {
  if (run.code !== code) {
    throw new Error(`expected exit ${code}, got ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  }
}

/**
 * The object keys in the sandbox's S3 bucket (PLANTON_SANDBOX_S3_BACKEND), read from the object
 * store's own storage: versitygw's posix backend keeps each object as a file under the bucket's
 * directory.
 */
export function s3Objects(sandbox: Sandbox): string[] {
  const bucket = join(sandbox.env["PLANTON_SANDBOX_DIR"]!, "s3", "root", "planton-state");
  return filesUnder(bucket)
    .map((path) => path.slice(bucket.length + 1))
    .filter((key) => !key.startsWith(".sgwtmp/")) // the gateway's uploads in flight
    .sort();
}

/** Every file below `dir`, as full paths ([] when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
