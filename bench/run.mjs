#!/usr/bin/env node
// planton's start-up and scale benchmarks (`npm run bench`, after `npm run build`).
// Each case times a command against a baseline, interleaved run by run so machine load hits
// both alike, and prints the ratio of the medians with its target. Not a test: it never fails
// the build; it prints what to record in the README's development section.
//
// To add a case, push one onto `cases`: { name, command, baseline, target }, where command and
// baseline are argv arrays run with spawnSync.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planton, requireBuild, root, workDir } from "./setup.mjs";

requireBuild();

const runs = Number(process.env.BENCH_RUNS ?? 15);
const work = workDir("planton-bench");
const example = readFileSync(join(root, "examples", "prod-rds-primary.yaml"), "utf8");
const one = join(work, "one.yaml");
writeFileSync(one, example);
const many = join(work, "many");
mkdirSync(many);
for (let i = 0; i < 300; i++) {
  const name = `key-${String(i).padStart(3, "0")}`;
  // Each its own alias: one alias names one key per region, so 300 keys sharing it would be invalid.
  writeFileSync(join(many, `${name}.yaml`), example.replace("name: prod-rds-primary", `name: ${name}`).replace('alias: "alias/prod/rds-primary"', `alias: "alias/prod/${name}"`));
}

const node = process.execPath;
/** The cases; other commands' benchmarks go here too. */
export const cases = [
  {
    name: "cold `planton validate -f one.yaml` vs `node -e 0`",
    command: [planton, "validate", "-f", one],
    baseline: [node, "-e", "0"],
    target: 4,
  },
  {
    name: "`planton validate` 300 manifests vs 1",
    command: [planton, "validate", "-f", many],
    baseline: [planton, "validate", "-f", one],
    target: 3,
  },
];

function time(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${argv.join(" ")} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log(`planton benchmarks: ${runs} interleaved runs each, median wall time (node ${process.version})`);
let allMet = true;
for (const c of cases) {
  time(c.command); // warm the file-system cache; what we measure is node's cold start, not the disk
  time(c.baseline);
  const measured = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    measured.push(time(c.command));
    base.push(time(c.baseline));
  }
  const ratio = median(measured) / median(base);
  const met = ratio <= c.target;
  allMet &&= met;
  console.log(
    `${c.name}: ${median(measured).toFixed(0)} ms vs ${median(base).toFixed(0)} ms = ${ratio.toFixed(2)}x (target < ${c.target}x) ${met ? "ok" : "SLOW"}`,
  );
}
console.log(allMet ? "all targets met" : "some targets missed");
