import { describe, expect, it } from 'vitest';
import { accessPathLabel, kindsLabel, roleLabel } from './access-labels';

const names: Record<string, string> = { parent: 'Sklepy', child: 'Sklepy / Kraków' };
const folderName = (id: string) => names[id] ?? '?';

describe('access labels', () => {
  it('says why a person reaches a folder: role, own grant, group grant, or a grant on a parent folder', () => {
    expect(accessPathLabel({ type: 'role', name: 'admin', folderId: null }, 'child', folderName)).toBe(
      'rola: Administrator',
    );
    expect(accessPathLabel({ type: 'user', name: 'Kasia', folderId: 'child' }, 'child', folderName)).toBe(
      'uprawnienie osobiste',
    );
    expect(accessPathLabel({ type: 'group', name: 'Sklep Kraków', folderId: 'child' }, 'child', folderName)).toBe(
      'Grupa Sklep Kraków',
    );
    expect(accessPathLabel({ type: 'group', name: 'Sklep Kraków', folderId: 'parent' }, 'child', folderName)).toBe(
      'Grupa Sklep Kraków, odziedziczone z katalogu Sklepy',
    );
    expect(accessPathLabel({ type: 'user', name: 'Kasia', folderId: 'parent' }, 'child', folderName)).toBe(
      'uprawnienie osobiste, odziedziczone z katalogu Sklepy',
    );
  });

  it('names document kinds in Polish, "wszystkie" without a limit, and unknown values as they are', () => {
    expect(kindsLabel(null)).toBe('wszystkie');
    expect(kindsLabel([])).toBe('wszystkie');
    expect(kindsLabel(['purchase', 'correction'])).toBe('Zakup, Korekta');
    expect(kindsLabel(['future-kind'])).toBe('future-kind');
    expect(roleLabel('owner')).toBe('Właściciel');
    expect(roleLabel('integration')).toBe('integration');
  });
});
