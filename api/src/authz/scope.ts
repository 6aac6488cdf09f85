/**
 * A principal's OU scope (SPEC §1). Grants cover the OU and its whole subtree; canWrite implies
 * canRead; the home OU gives nothing by itself. Tenant admins, and everyone when the tenant's
 * isolation is off, read and write all OUs and Unorganized.
 */
export interface OuScope {
  /** Read and write everything in the tenant (admin, or isolation off). */
  all: boolean;
  read: ReadonlySet<string>;
  write: ReadonlySet<string>;
  readUnorganized: boolean;
  writeUnorganized: boolean;
}

export interface OuNode {
  id: string;
  parentId: string | null;
}

export interface Grant {
  ouId: string;
  canRead: boolean;
  canWrite: boolean;
}

export const FULL_SCOPE: OuScope = { all: true, read: new Set(), write: new Set(), readUnorganized: true, writeUnorganized: true };

/** The ids of an OU and of every OU under it, at any depth, in a tree (the OU itself when the tree does not have it). */
export function subtreeOf(tree: readonly OuNode[]): (root: string) => string[] {
  const children = new Map<string, string[]>();
  for (const node of tree) {
    if (!node.parentId) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  return (root) => {
    const out: string[] = [];
    const stack = [root];
    while (stack.length) {
      const id = stack.pop()!;
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  };
}

export function computeScope(input: { unrestricted: boolean; tree: OuNode[]; grants: Grant[] }): OuScope {
  if (input.unrestricted) return FULL_SCOPE;
  const known = new Set(input.tree.map((n) => n.id));
  const subtree = subtreeOf(input.tree);
  const read = new Set<string>();
  const write = new Set<string>();
  for (const grant of input.grants) {
    if (!known.has(grant.ouId) || !(grant.canRead || grant.canWrite)) continue;
    for (const id of subtree(grant.ouId)) {
      read.add(id);
      if (grant.canWrite) write.add(id);
    }
  }
  return { all: false, read, write, readUnorganized: true, writeUnorganized: false };
}

/** Whether the scope reads (or writes) a record whose OU is `ouId` (null = Unorganized). */
export function scopeCovers(scope: OuScope, mode: 'read' | 'write', ouId: string | null): boolean {
  if (scope.all) return true;
  if (ouId === null) return mode === 'read' ? scope.readUnorganized : scope.writeUnorganized;
  return (mode === 'read' ? scope.read : scope.write).has(ouId);
}
