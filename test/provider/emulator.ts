/**
 * Test helper: runs local-kms (the KMS emulator scripts/build-tools caches) for
 * one region on a free 127.0.0.1 port, with a throwaway data dir.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A running emulator. */
export interface LocalKms {
  region: string;
  url: string;
  stop(): Promise<void>;
}

/** The local-kms binary: $PLANTON_LOCAL_KMS_BIN, else the newest one in the dev cache; undefined if none. */
export function localKmsBinary(): string | undefined {
  const fromEnv = process.env["PLANTON_LOCAL_KMS_BIN"];
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  const cache = process.env["PLANTON_DEV_CACHE"] ?? path.join(os.homedir(), ".cache", "planton-dev");
  if (!fs.existsSync(cache)) return undefined;
  const found = fs
    .readdirSync(cache)
    .filter((d) => d.startsWith("local-kms-"))
    .map((d) => path.join(cache, d, "local-kms"))
    .filter((p) => fs.existsSync(p));
  return found.sort().pop();
}

/** Starts local-kms for `region`; resolves once it listens. */
export async function startLocalKms(bin: string, region: string, accountId = "111122223333"): Promise<LocalKms> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `planton-kms-${region}-`));
  const child: ChildProcess = spawn(bin, [], {
    env: {
      PATH: process.env["PATH"] ?? "",
      PORT: "0",
      KMS_REGION: region,
      KMS_ACCOUNT_ID: accountId,
      KMS_DATA_PATH: path.join(dir, "data"),
      KMS_SEED_PATH: path.join(dir, "seed.yaml"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const port = await new Promise<string>((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`local-kms (${region}) did not start:\n${log}`)), 20_000);
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /Local KMS started on [^\s:]*:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local-kms (${region}) exited with ${code}:\n${log}`));
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return { region, url: `http://127.0.0.1:${port}`, stop };
}
