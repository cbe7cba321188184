/** A folder as the API lists it, reduced to what the tree needs. */
export interface FolderLike {
  id: string;
  parentId: string | null;
  name: string;
  systemKey?: string | null | undefined;
}

export interface FolderNode<T extends FolderLike> {
  folder: T;
  depth: number;
  children: FolderNode<T>[];
}

/**
 * Builds the folder tree from the API's flat list: the system folder first, then by name (Polish collation).
 * A folder whose parent is not in the list (the user may see a subfolder but not its parent) becomes a root.
 */
export function buildFolderTree<T extends FolderLike>(folders: readonly T[]): FolderNode<T>[] {
  const ids = new Set(folders.map((folder) => folder.id));
  const byParent = new Map<string | null, T[]>();
  for (const folder of folders) {
    const parent = folder.parentId && ids.has(folder.parentId) ? folder.parentId : null;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(folder);
    byParent.set(parent, siblings);
  }
  const collator = new Intl.Collator('pl');
  const build = (parent: string | null, depth: number): FolderNode<T>[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => Number(!a.systemKey) - Number(!b.systemKey) || collator.compare(a.name, b.name))
      .map((folder) => ({ folder, depth, children: build(folder.id, depth + 1) }));
  return build(null, 0);
}

/** The tree in display order, depth first, for selects and tables. */
export function flattenFolderTree<T extends FolderLike>(nodes: FolderNode<T>[]): FolderNode<T>[] {
  return nodes.flatMap((node) => [node, ...flattenFolderTree(node.children)]);
}

/** The ids of a folder and everything below it (a folder cannot move into these). */
export function subtreeIds<T extends FolderLike>(folders: readonly T[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const folder of folders) {
      if (folder.parentId && result.has(folder.parentId) && !result.has(folder.id)) {
        result.add(folder.id);
        grew = true;
      }
    }
  }
  return result;
}
