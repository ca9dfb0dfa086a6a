import { isAlias, isCollection, isPair, visit, type Document, type Node } from "yaml";

/**
 * What a value stands for: itself, or the value its alias repeats with the number of values that
 * repeat brings in (aliases inside it counted each time, Infinity for an alias inside its own
 * anchor); or the name of an anchor that is not there.
 */
export type AnchorTarget =
  | { readonly kind: "node"; readonly node: Node | null | undefined; readonly expandedSize: number }
  | { readonly kind: "unresolved"; readonly name: string };

/** Resolves the aliases of one document. */
export interface AnchorTargets {
  resolve(node: unknown): AnchorTarget;
}

/**
 * Every alias of a document mapped to the value it repeats, found in one pass: the last anchor of
 * that name before the alias, as YAML says. (The library's `Alias.resolve` walks the whole
 * document on every call, which makes a file of many aliases quadratic.)
 */
export function anchorTargets(document: Document.Parsed): AnchorTargets {
  const targets = new Map<unknown, Node | undefined>();
  const anchored = new Map<string, Node>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchored.get(node.source));
      else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  const sizes = new Map<unknown, number>();
  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) return targets.has(node) && targets.get(node) !== undefined ? sizeOf(targets.get(node)) : 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    // Marked before its parts are counted: meeting it again among them means it contains itself.
    sizes.set(node, Infinity);
    let size = 1;
    if (isCollection(node)) for (const item of node.items) size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
    sizes.set(node, size);
    return size;
  };
  return {
    resolve: (node) => {
      if (!isAlias(node)) return { kind: "node", node: node as Node | null | undefined, expandedSize: 1 };
      const target = targets.get(node);
      return target === undefined ? { kind: "unresolved", name: node.source } : { kind: "node", node: target, expandedSize: sizeOf(target) };
    },
  };
}
