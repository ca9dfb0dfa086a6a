#!/usr/bin/env node
// planton's deploy benchmark (`npm run bench:deploy`, after `npm run build`): planton's own
// overhead on top of the Pulumi engine. Times `planton apply -f <new key> --yes` against
// bench/deploy-baseline.mjs, a minimal hand-written Automation API script deploying the same
// resources (provider, key with the same inputs and policy, alias, caller-identity invoke) into a
// fresh stack, interleaved run by run in one sandbox so machine load hits both alike. Prints the
// ratio of the medians with its target, and where each side's time went. Not a test: a slow
// result never fails the build; a failed deploy does.
//
// Runs itself inside scripts/sandbox (KMS emulators, Pulumi CLI, test provider, temp backend).
// Env: BENCH_RUNS (timed runs of each side, default 3; one untimed warm-up of each comes first).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planton, root, runInSandbox, workDir } from "./setup.mjs";

runInSandbox(import.meta.url);

const baseline = join(root, "bench", "deploy-baseline.mjs");
const node = process.execPath;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const target = 1.2;
const work = workDir("planton-bench-deploy");
const example = readFileSync(join(root, "examples", "minimal.yaml"), "utf8");
const tag = process.pid.toString(36);

/** A fresh manifest (a new key, hence a new stack) for run `i`. */
function manifest(i) {
  const file = join(work, `key-${i}.yaml`);
  writeFileSync(file, example.replace("name: minimal-key", `name: bench-${tag}-${i}`));
  return file;
}

/**
 * Runs argv to completion; returns the wall time and, per marker, the time since spawn at which
 * its text first appeared on stdout or stderr (the phase boundaries).
 */
function time(argv, markers) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - start) / 1e6;
    const seen = {};
    let output = "";
    const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    const watch = (chunk) => {
      output += chunk;
      for (const [name, text] of Object.entries(markers)) if (seen[name] === undefined && output.includes(text)) seen[name] = since();
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("error", reject);
    child.on("close", (status) => {
      const ms = since();
      if (status !== 0) reject(new Error(`${argv.join(" ")} exited ${status}:\n${output}`));
      else resolve({ ms, seen });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// planton prints the plan on stdout once its preview is done, then `Applying stack` on stderr as
// the update starts; the baseline says when its stack is open.
const plantonRun = (i) => time([planton, "apply", "-f", manifest(i), "--yes"], { planned: "\nPlan: ", applying: "Applying stack " });
const baselineRun = (i) => time([node, baseline, `baseline-${tag}-${i}`, `bench-${tag}-b${i}`], { ready: "baseline: stack ready" });

console.log(`planton deploy benchmark: ${runs} interleaved runs each after one warm-up, median wall time (node ${process.version})`);
await plantonRun("warm"); // plugin and module files into the page cache, for both sides
await baselineRun("warm");
const measured = [];
const base = [];
for (let i = 0; i < runs; i++) {
  measured.push(await plantonRun(i));
  base.push(await baselineRun(i));
}
const m = median(measured.map((r) => r.ms));
const b = median(base.map((r) => r.ms));
const ratio = m / b;
const phase = (results, from, to) => median(results.map((r) => (r.seen[to] ?? r.ms) - (from ? (r.seen[from] ?? 0) : 0))).toFixed(0);
console.log(
  `\`planton apply --yes\` new key vs hand-written Automation API script: ${m.toFixed(0)} ms vs ${b.toFixed(0)} ms = ${ratio.toFixed(2)}x (target < ${target}x) ${ratio <= target ? "ok" : "SLOW"}`,
);
console.log(
  `  planton:  start to plan printed ${phase(measured, undefined, "planned")} ms (load, open stack, preview), ` +
    `to update start ${phase(measured, "planned", "applying")} ms, update and outputs ${phase(measured, "applying", "end")} ms`,
);
console.log(`  baseline: start to stack open ${phase(base, undefined, "ready")} ms, update and outputs ${phase(base, "ready", "end")} ms`);
const list = (results) => results.map((r) => r.ms.toFixed(0)).join(", ");
console.log(`  runs (ms): planton ${list(measured)}; baseline ${list(base)}`);
console.log(ratio <= target ? "target met" : "target missed");
