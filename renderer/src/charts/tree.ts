import { compareCodes } from './dashboard';

/**
 * Builds the action tree by code (A1.2 → A1.2.1), using parentId where given and falling back to the
 * code's prefix, so a list from the API renders as nested rows. Pure; tested.
 */
export type TreeNode<T> = T & { children?: TreeNode<T>[] };

export function buildCodeTree<T extends { id: string; code: string; parentId: string | null }>(items: T[]): TreeNode<T>[] {
  const sorted = [...items].sort((a, b) => compareCodes(a.code, b.code));
  const byId = new Map<string, TreeNode<T>>();
  const byCode = new Map<string, TreeNode<T>>();
  for (const i of sorted) {
    const node: TreeNode<T> = { ...i };
    byId.set(i.id, node);
    byCode.set(i.code, node);
  }
  const roots: TreeNode<T>[] = [];
  for (const i of sorted) {
    const node = byId.get(i.id)!;
    let parent = i.parentId ? byId.get(i.parentId) : undefined;
    if (!parent) {
      const prefix = i.code.split('.').slice(0, -1).join('.');
      const candidate = prefix.includes('.') ? byCode.get(prefix) : undefined;
      if (candidate && candidate.id !== i.id) parent = candidate;
    }
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
