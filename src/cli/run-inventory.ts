import { homedir } from "node:os";
import type { Engine } from "../engine/engine";
import { inventoryJson } from "../render/inventory-json";
import { orphanLine, renderInventoryText } from "../render/inventory-text";
import { stackInventory, type InventoryOptions } from "../stack/stack-inventory";
import { ExitCode } from "./exit";
import { exitOnSignal } from "./exit-on-signal";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import type { ColorFlags } from "./print-problems";
import { reportPrinter } from "./print-run";

/** `planton stacks`' options once flags are parsed. */
export interface InventoryCommandOptions extends InventoryOptions, ColorFlags {
  readonly output: "text" | "json";
  readonly verbose: boolean;
}

/**
 * Lists the stacks in the backend (a table on stdout, or one JSON document); with `-f`, a line
 * per orphaned stack on stderr. Exit 1 when a manifest is invalid or the backend cannot be listed.
 */
export async function runInventory(options: InventoryCommandOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const report = reportPrinter(io, options, () => undefined);
  const restore = exitOnSignal();
  const inventory = await stackInventory(options, { engine, sources: io, homeDir: homedir(), report }).finally(restore);
  if (inventory.ok && options.output === "text") {
    if (inventory.stacks.length === 0) io.stderr.write("no stacks in the backend\n");
    for (const entry of inventory.stacks.filter((e) => e.orphaned)) io.stderr.write(`${orphanLine(entry)}\n`);
  }
  const text = inventory.stacks.length > 0 ? renderInventoryText(inventory) : undefined;
  printDocument(io, options.output, { data: inventoryJson(inventory), ...(text !== undefined ? { text } : {}) });
  return inventory.ok ? ExitCode.ok : ExitCode.failure;
}
