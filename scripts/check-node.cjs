// Refuses, in one line on stderr and exit 1, a node older than package.json's engines.node
// (">=22"): run by `npm install` in this checkout (the prepare script, before the build) and by
// bin/planton before it runs dist/, so Node 20 gets this sentence instead of a crash inside a
// dependency. A project that installs planton runs none of its scripts (npm only warns there,
// from engines): bin/planton says it at the first run. Kept to syntax and APIs that any old node
// understands.
const { engines } = require("../package.json");

const needed = Number(/^>=\s*(\d+)/.exec(engines.node)[1]);
const major = Number(process.versions.node.split(".")[0]);
if (major < needed) {
  process.stderr.write(
    `planton: Node.js ${needed} or later is required; this is Node.js ${process.version} (${process.execPath})\n`,
  );
  process.exit(1);
}
