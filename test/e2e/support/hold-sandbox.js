// Runs inside scripts/sandbox for an e2e test file: prints the sandbox's environment as one JSON
// line, then keeps the sandbox alive until the test closes our stdin.
process.stdout.write(`${JSON.stringify(process.env)}\n`);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
