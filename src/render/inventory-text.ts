import type { Inventory, InventoryEntry } from "../stack/stack-inventory";

/**
 * `planton stacks` as text: one row per stack (stack, key id, region, last update), and with
 * manifests a last column naming the manifest that claims the stack or `ORPHANED`.
 */
export function renderInventoryText(inventory: Pick<Inventory, "stacks" | "checked">): string {
  const header = ["STACK", "KEY", "REGION", "LAST UPDATE", ...(inventory.checked ? ["MANIFEST"] : [])];
  const rows = inventory.stacks.map((entry) => [
    entry.stack,
    entry.keyId ?? "-",
    entry.region ?? "-",
    entry.lastUpdate ?? "-",
    ...(inventory.checked ? [entry.claimedBy?.file ?? (entry.orphaned ? "ORPHANED" : "-")] : []),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

/** One line about a stack no manifest claims, for `stacks -f` and `preview -f DIR` (stderr). */
export function orphanLine(entry: InventoryEntry): string {
  const key = entry.keyId !== undefined ? `its key ${entry.keyId}${entry.region !== undefined ? ` in ${entry.region}` : ""}` : "its resources";
  return `orphaned stack ${entry.stack}: no manifest claims it, but ${key} is still live and billed (planton destroy --stack ${entry.stack} schedules its deletion)`;
}
