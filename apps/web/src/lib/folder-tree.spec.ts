import { describe, expect, it } from 'vitest';
import { buildFolderTree, flattenFolderTree, subtreeIds } from './folder-tree';

const folders = [
  { id: 'k', parentId: 's', name: 'Kraków' },
  { id: 's', parentId: null, name: 'Sklepy' },
  { id: 'u', parentId: null, name: 'Nieprzypisane', systemKey: 'unassigned' },
  { id: 'a', parentId: null, name: 'Administracja' },
  { id: 'l', parentId: 's', name: 'Łódź' },
  { id: 'w', parentId: 's', name: 'Warszawa' },
  { id: 'o', parentId: 'hidden', name: 'Osierocony' },
];

describe('buildFolderTree', () => {
  it('puts the system folder first, then sorts by Polish collation and nests children', () => {
    const flat = flattenFolderTree(buildFolderTree(folders)).map((node) => `${node.depth}:${node.folder.name}`);
    expect(flat).toEqual([
      '0:Nieprzypisane',
      '0:Administracja',
      '0:Osierocony',
      '0:Sklepy',
      '1:Kraków',
      '1:Łódź',
      '1:Warszawa',
    ]);
  });

  it('finds a folder with everything below it', () => {
    expect([...subtreeIds(folders, 's')].sort()).toEqual(['k', 'l', 's', 'w']);
    expect([...subtreeIds(folders, 'k')]).toEqual(['k']);
  });
});
