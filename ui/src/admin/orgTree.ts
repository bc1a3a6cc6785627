// The org units come from the core as a flat list (parents before children, siblings by name);
// the tree page and the unit pickers need them as a tree.
import type { OrgUnit } from '../ipc/client';

export interface UnitNode {
  unit: OrgUnit;
  depth: number;
  children: UnitNode[];
}

export function buildOrgTree(units: OrgUnit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, depth: 0, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (node: UnitNode, depth: number) => {
    node.depth = depth;
    node.children.forEach((c) => setDepth(c, depth + 1));
  };
  roots.forEach((r) => setDepth(r, 0));
  return roots;
}

/** Every unit in tree order (each parent followed by its descendants), with its depth. */
export function flattenOrgTree(roots: UnitNode[]): UnitNode[] {
  return roots.flatMap((r) => [r, ...flattenOrgTree(r.children)]);
}
