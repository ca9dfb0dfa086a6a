#!/usr/bin/env node
// planton's fleet benchmark (`npm run bench:parallel`, after `npm run build`): how much
// `--parallel 4` saves over one stack after another where KMS is slow, as real KMS is. In one
// sandbox whose KMS emulators answer PLANTON_SANDBOX_KMS_LATENCY_MS late (default here 300 ms):
// 8 new keys applied at --parallel 1 and (8 other new keys) at --parallel 4, then the first 8,
// now unchanged, previewed at --parallel 1 and 4. Prints each wall time and the ratios against
// the target (--parallel 4 at most 0.6x of --parallel 1), and the machine it ran on. Not a test:
// a slow result never fails the build; a failed run does.
//
// Env: BENCH_STACKS (default 8), BENCH_LATENCY_MS (default 300).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { planton, runInSandbox, workDir } from "./setup.mjs";

const latency = process.env.BENCH_LATENCY_MS ?? "300";
runInSandbox(import.meta.url, { PLANTON_SANDBOX_KMS_LATENCY_MS: latency });

const count = Number(process.env.BENCH_STACKS ?? 8);
const target = 0.6;
const work = workDir("planton-bench-parallel");
const tag = process.pid.toString(36);

/** A folder of `count` manifests of new keys, named after `set`. */
function fleet(set) {
  const dir = join(work, set);
  mkdirSync(dir);
  for (let i = 0; i < count; i++) {
    const name = `bench-${tag}-${set}-${i}`;
    const init = spawnSync(planton, ["init", "--name", name], { encoding: "utf8" });
    if (init.status !== 0) throw new Error(`planton init failed: ${init.stderr}`);
    writeFileSync(join(dir, `${name}.yaml`), init.stdout);
  }
  return dir;
}

/** Runs planton to completion and returns its wall time in seconds; a failure stops the bench. */
function time(args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let output = "";
    const child = spawn(planton, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (status !== 0) reject(new Error(`planton ${args.join(" ")} exited ${status}:\n${output}`));
      else resolve(seconds);
    });
  });
}

const one = fleet("a");
const four = fleet("b");
const rows = [];
const measure = async (what, args1, args4) => {
  const serial = await time([...args1, "--parallel", "1"]);
  const parallel = await time([...args4, "--parallel", "4"]);
  rows.push({ what, serial, parallel });
  console.log(`bench: ${what}: --parallel 1 ${serial.toFixed(1)} s, --parallel 4 ${parallel.toFixed(1)} s`);
};
await measure(`apply ${count} new keys`, ["apply", "-f", one, "--yes"], ["apply", "-f", four, "--yes"]);
await measure(`preview ${count} unchanged stacks`, ["preview", "-f", one], ["preview", "-f", one]);

const cpu = cpus();
console.log(`\nplanton --parallel, ${count} stacks, KMS latency ${latency} ms (sandbox emulators)`);
console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? "unknown cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log(`${"".padEnd(28)}${"--parallel 1".padStart(14)}${"--parallel 4".padStart(14)}${"ratio".padStart(8)}`);
for (const row of rows) {
  const ratio = row.parallel / row.serial;
  console.log(`${row.what.padEnd(28)}${`${row.serial.toFixed(1)} s`.padStart(14)}${`${row.parallel.toFixed(1)} s`.padStart(14)}${`${ratio.toFixed(2)}x`.padStart(8)}  ${ratio <= target ? "ok" : "SLOW"} (target <= ${target}x)`);
}
