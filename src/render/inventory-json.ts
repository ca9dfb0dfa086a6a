import type { Inventory, InventoryEntry } from "../stack/stack-inventory";
import { locksJson, type LockJson } from "./lock-json";
import { runJson, type RunJson } from "./run-json";

/** One stack in the `planton stacks --output json` document. */
export interface InventoryEntryJson {
  readonly stack: string;
  readonly keyId: string | null;
  readonly region: string | null;
  readonly lastUpdate: string | null;
  /** The manifest that claims the stack (with `-f`), else null. */
  readonly file: string | null;
  readonly name: string | null;
  /** Null without `-f`: nothing was checked. */
  readonly orphaned: boolean | null;
}

/** The `planton stacks --output json` document: each stack also says who holds its lock (since 2.1). */
export interface InventoryJson extends RunJson {
  readonly stacks: readonly (InventoryEntryJson & { readonly locks: readonly LockJson[] })[];
}

/** The inventory as one JSON-ready document, on failure too. */
export function inventoryJson(inventory: Inventory): InventoryJson {
  const { formatVersion, ...rest } = runJson(inventory);
  return { formatVersion, stacks: inventory.stacks.map((entry) => ({ ...inventoryEntryJson(entry, inventory.checked), locks: locksJson(entry.locks, inventory.backendUrl ?? "") })), ...rest };
}

/** One stack of the inventory in JSON; `preview`'s `orphans` list uses the same shape. */
export function inventoryEntryJson(entry: InventoryEntry, checked: boolean): InventoryEntryJson {
  return {
    stack: entry.stack,
    keyId: entry.keyId ?? null,
    region: entry.region ?? null,
    lastUpdate: entry.lastUpdate ?? null,
    file: entry.claimedBy?.file ?? null,
    name: entry.claimedBy?.name ?? null,
    orphaned: checked ? entry.orphaned : null,
  };
}
