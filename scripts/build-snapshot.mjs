#!/usr/bin/env node
// Part of `npm run build`, after tsc: bundles dist/src/cli/entry.js (without the Pulumi SDK,
// which the engine commands load lazily, nor the AWS SDK, which only `import` loads) into dist/planton.bundle.js and takes a V8 startup
// snapshot of it, warmed by one in-memory `validate`, as dist/planton.blob. bin/planton starts
// from the blob when the node running it is the one that built it, so `planton validate`
// starts about as fast as bare node instead of spending ~0.4 s loading and compiling.
// Any failure here only costs speed: the blob is removed and bin/planton runs dist/ directly.
import { spawnSync } from "node:child_process";
import { realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const bundle = join(dist, "planton.bundle.js");
const blob = join(dist, "planton.blob");
const stamp = join(dist, "planton.blob.node");

rmSync(blob, { force: true });
rmSync(stamp, { force: true });

// bin/planton trusts the node that built the blob without asking its version: only a node that
// planton supports may build one.
const nodeCheck = spawnSync(process.execPath, [join(root, "scripts", "check-node.cjs")], { stdio: "inherit" });
if (nodeCheck.status !== 0) process.exit(1);

await build({
  entryPoints: [join(dist, "src", "cli", "entry.js")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  target: "node22",
  format: "cjs",
  external: ["@pulumi/*", "@aws-sdk/*", "@smithy/*"],
  // The bundle is compiled inside the snapshot by vm.runInThisContext, whose scripts have no
  // dynamic-import callback: an `import()` there fails at run time with "A dynamic import
  // callback was not specified". Written as `require` instead, every lazy load goes through the
  // one loader that scripts/snapshot-entry.cjs hands the bundle, the real one at run time.
  supported: { "dynamic-import": false },
  logLevel: "warning",
});

const result = spawnSync(
  process.execPath,
  ["--snapshot-blob", blob, "--build-snapshot", join(root, "scripts", "snapshot-entry.cjs")],
  { env: { ...process.env, PLANTON_BUNDLE: bundle }, encoding: "utf8" },
);
if (result.status !== 0) {
  rmSync(blob, { force: true });
  process.stderr.write(
    `build-snapshot: warning: no startup snapshot (planton works, only starts slower):\n${result.stderr}`,
  );
  process.exit(0);
}
// The blob only loads in the node that built it; bin/planton compares this stamp (the node
// binary's real path, size and mtime in seconds) before using it.
const node = realpathSync(process.execPath);
const { size, mtime } = statSync(node);
writeFileSync(stamp, `${node} ${size} ${Math.floor(mtime.getTime() / 1000)}\n`);
