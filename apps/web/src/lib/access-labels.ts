import { t } from '../i18n/t';

const KIND_LABELS = {
  sales: t('documentDirection.sales'),
  purchase: t('documentDirection.purchase'),
  vat: t('documentKind.vat'),
  correction: t('documentKind.correction'),
  advance: t('documentKind.advance'),
  settlement: t('documentKind.settlement'),
  simplified: t('documentKind.simplified'),
};

export type GrantKind = keyof typeof KIND_LABELS;

export function kindLabel(kind: GrantKind): string {
  return KIND_LABELS[kind];
}

/** "Sprzedaż, Korekta", or "wszystkie" when a grant is not limited to some kinds. */
export function kindsLabel(kinds: readonly string[] | null | undefined): string {
  if (!kinds?.length) return t('grants.allKinds');
  return kinds.map((kind) => (kind in KIND_LABELS ? KIND_LABELS[kind as GrantKind] : kind)).join(', ');
}

export function roleLabel(role: string): string {
  return role === 'owner' || role === 'admin' || role === 'user' ? t(`role.${role}`) : role;
}

export interface AccessPath {
  type: string;
  name: string;
  folderId?: string | null | undefined;
}

/**
 * Why a person reaches a folder, in words: their role, a personal grant or a group's, and for a grant made on a
 * parent folder, which one (`folderName` resolves the id to "Sklepy / Kraków").
 */
export function accessPathLabel(path: AccessPath, folderId: string, folderName: (id: string) => string): string {
  if (path.type === 'role') return t('grants.viaRole', { name: roleLabel(path.name) });
  const via = path.type === 'group' ? t('grants.subjectGroup', { name: path.name }) : t('grants.viaUser');
  if (!path.folderId || path.folderId === folderId) return via;
  return t('grants.viaInherited', { via, folder: folderName(path.folderId) });
}
