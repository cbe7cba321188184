/** Subdomains the platform keeps for itself. */
export const RESERVED_SLUGS = new Set(['www', 'api', 'app', 'admin', 'operator', 'mail', 'docs', 'static', 'status']);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS label from a company name: "Sklep Łódź Sp. z o.o." -> "sklep-lodz-sp-z-o-o". */
export function slugFromName(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 55)
    .replace(/-+$/, '');
  return slug || 'firma';
}

/** `base`, then `base-2`, `base-3`… */
export function slugCandidate(base: string, attempt: number): string {
  return attempt === 1 ? base : `${base}-${attempt}`;
}
