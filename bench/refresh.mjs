#!/usr/bin/env node
// What reading the live resources first costs (`npm run bench:refresh`, after `npm run build`):
// `planton preview` of a deployed stack with the refresh (the default) and with --no-refresh, run
// by run interleaved in one sandbox so machine load hits both alike, for a single key (key +
// alias) and for a key with one replica (key, replica, two aliases). Prints the medians side by
// side and the extra time per stack. Not a test: a slow result never fails the build; a failed
// preview does.
//
// Runs itself inside scripts/sandbox (KMS emulators, Pulumi CLI, test provider, temp backend).
// Env: BENCH_RUNS (timed runs of each side, default 3; one untimed warm-up of each comes first);
// PLANTON_SANDBOX_KMS_LATENCY_MS (set on the outer run) delays every emulator answer, as real KMS does.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planton, root, runInSandbox, workDir } from "./setup.mjs";

runInSandbox(import.meta.url);

const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = workDir("planton-bench-refresh");
const example = readFileSync(join(root, "examples", "minimal.yaml"), "utf8");

const stacks = [
  { label: "key + alias", yaml: example.replace("name: minimal-key", "name: bench-single") },
  { label: "key + replica + 2 aliases", yaml: example.replace("name: minimal-key", "name: bench-replica").replace("spec: {}", "spec:\n  multiRegion: true\n  replicaRegions: [eu-west-1]") },
];

function run(args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let output = "";
    const child = spawn(planton, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (status !== 0) reject(new Error(`planton ${args.join(" ")} exited ${status}:\n${output}`));
      else resolve(ms);
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`bench: preview of a deployed stack, with and without reading the live resources (${runs} runs each, interleaved)`);
for (const stack of stacks) {
  const file = join(work, `${stack.label.replace(/\W+/g, "-")}.yaml`);
  writeFileSync(file, stack.yaml);
  await run(["apply", "-f", file, "--yes"]);
  const refreshed = [];
  const skipped = [];
  for (let i = 0; i <= runs; i++) {
    const withRefresh = await run(["preview", "-f", file, "--detailed-exitcode"]);
    const withoutRefresh = await run(["preview", "-f", file, "--detailed-exitcode", "--no-refresh"]);
    if (i === 0) continue; // warm-up
    refreshed.push(withRefresh);
    skipped.push(withoutRefresh);
  }
  const extra = median(refreshed) - median(skipped);
  console.log(
    `  ${stack.label.padEnd(26)} preview ${seconds(median(refreshed))}   --no-refresh ${seconds(median(skipped))}   ` +
      `the read costs ${seconds(extra)} (${((extra / median(skipped)) * 100).toFixed(0)}%)`,
  );
}
