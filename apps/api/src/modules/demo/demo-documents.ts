import { createHash } from 'node:crypto';
import type { DocumentDirection, DocumentKind, DocumentStatus } from '@bufor/db';
import { objectKey, type ObjectStore } from '@bufor/platform';
import type { EntityManager } from 'typeorm';
import { demoInvoiceXml } from './demo-invoice-xml';

/** How many demo documents the seed keeps in the demo tenant. */
export const DEMO_DOCUMENT_COUNT = 320;
export const DEMO_STORE_USER_EMAIL = 'sklep.krakow@demo.bufor.local';

interface Counterparty {
  nip: string | null;
  name: string;
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** A valid NIP from nine digits (the check digit is computed; a base giving check 10 is bumped). */
function nip(base: string): string {
  for (let n = Number(base); ; n += 1) {
    const digits = String(n).padStart(9, '0').split('').map(Number);
    const check = digits.reduce((sum, digit, i) => sum + digit * NIP_WEIGHTS[i]!, 0) % 11;
    if (check !== 10) return `${digits.join('')}${check}`;
  }
}

const CUSTOMERS: Counterparty[] = [
  { nip: nip('525000123'), name: 'Kawiarnia Pod Wawelem s.c.' },
  { nip: nip('677200145'), name: 'Biuro Rachunkowe Kowalska i Wspólnicy Sp. k.' },
  { nip: nip('944190077'), name: 'Hotel Zakopiański Sp. z o.o.' },
  { nip: nip('521301882'), name: 'Restauracja Stara Praga Sp. z o.o.' },
  { nip: nip('951220031'), name: 'Przedszkole Niepubliczne Słoneczko' },
  { nip: null, name: 'Klient detaliczny' },
];

const SUPPLIERS: Counterparty[] = [
  { nip: nip('113001702'), name: 'Hurtownia Spożywcza Mazowsze Sp. z o.o.' },
  { nip: nip('676100520'), name: 'Małopolska Energia S.A.' },
  { nip: nip('527260913'), name: 'Telekomunikacja Polska Sieć Sp. z o.o.' },
  { nip: nip('779230488'), name: 'Biuro Serwis Wielkopolska Sp. j.' },
  { nip: nip('894310055'), name: 'Transport Ekspres Jan Nowak' },
];

/** A small deterministic generator, so every run of the seed makes the same documents. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stableUuid(key: string): string {
  const hex = createHash('sha256').update(`bufor-demo:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** KSeF number: NIP-YYYYMMDD-12 hex-CRC-8 (polynomial 0x07) of the part before it. */
function ksefNumber(sellerNip: string, date: string, key: string): string {
  const head = `${sellerNip}-${date.replace(/-/g, '')}-${createHash('sha256').update(key).digest('hex').slice(0, 12).toUpperCase()}`;
  let crc = 0;
  for (const byte of Buffer.from(head, 'ascii')) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return `${head}-${crc.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Amounts in grosze (integers), printed as decimals: never floats for money. */
function money(grosze: number): string {
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

async function folderId(manager: EntityManager, tenantId: string, path: string): Promise<string> {
  let parent: string | null = null;
  for (const name of path.split('/')) {
    const found: { id: string }[] = await manager.query(
      `SELECT id FROM folders WHERE tenant_id = $1 AND name = $2 AND parent_id IS NOT DISTINCT FROM $3::uuid`,
      [tenantId, name, parent],
    );
    parent =
      found[0]?.id ??
      (
        await manager.query<{ id: string }[]>(
          `INSERT INTO folders (tenant_id, parent_id, name) VALUES ($1, $2, $3) RETURNING id`,
          [tenantId, parent, name],
        )
      )[0]!.id;
  }
  return parent!;
}

async function groupId(manager: EntityManager, tenantId: string, name: string, description: string): Promise<string> {
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO user_groups (tenant_id, name, description) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET description = EXCLUDED.description RETURNING id`,
    [tenantId, name, description],
  );
  return rows[0]!.id;
}

/**
 * Folders "Sklepy/Kraków", "Sklepy/Warszawa", "Koszty", the groups "Sklep Kraków" and "Sklep Warszawa" (the demo
 * store user in the first), `view` on Sklepy/Kraków for "Sklep Kraków", and a few hundred sales and purchase
 * documents across the folders. Idempotent: ids are derived from fixed keys and inserts skip existing rows.
 * With an object store, VAT and simplified invoices also get their FA(3) XML (what the PDF preview renders); their
 * amounts then come from that invoice.
 */
export async function seedDemoDocuments(
  manager: EntityManager,
  tenant: { id: string; nip: string; name: string },
  store?: ObjectStore,
): Promise<void> {
  await manager.query(`SELECT set_config('bufor.tenant_id', $1, true)`, [tenant.id]);
  const krakow = await folderId(manager, tenant.id, 'Sklepy/Kraków');
  const warszawa = await folderId(manager, tenant.id, 'Sklepy/Warszawa');
  const costs = await folderId(manager, tenant.id, 'Koszty');
  const [unassigned] = await manager.query<{ id: string }[]>(
    `SELECT id FROM folders WHERE tenant_id = $1 AND system_key = 'unassigned'`,
    [tenant.id],
  );

  const krakowGroup = await groupId(manager, tenant.id, 'Sklep Kraków', 'Personel sklepu w Krakowie');
  await groupId(manager, tenant.id, 'Sklep Warszawa', 'Personel sklepu w Warszawie');
  await manager.query(
    `INSERT INTO user_group_members (group_id, user_id, tenant_id)
     SELECT $1, u.id, $2 FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = $2
      WHERE u.email = $3
     ON CONFLICT DO NOTHING`,
    [krakowGroup, tenant.id, DEMO_STORE_USER_EMAIL],
  );
  await manager.query(
    `INSERT INTO folder_grants (id, tenant_id, folder_id, group_id, permission)
     VALUES ($1, $2, $3, $4, 'view') ON CONFLICT (id) DO NOTHING`,
    [stableUuid('grant:krakow-view'), tenant.id, krakow, krakowGroup],
  );

  const random = prng(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = Date.UTC(2026, 6, 1);
  for (let i = 0; i < DEMO_DOCUMENT_COUNT; i += 1) {
    const issueDate = new Date(base + Math.floor(random() * 140) * 86_400_000).toISOString().slice(0, 10);
    const [year, month] = issueDate.split('-');
    const direction: DocumentDirection = random() < 0.6 ? 'sales' : 'purchase';
    const roll = random();
    const kind: DocumentKind =
      roll < 0.72
        ? 'vat'
        : roll < 0.82
          ? 'correction'
          : roll < 0.88
            ? 'advance'
            : roll < 0.92
              ? 'settlement'
              : 'simplified';
    let folder: string;
    let number: string;
    let seller: Counterparty;
    let buyer: Counterparty;
    let status: DocumentStatus;
    const prefix = { vat: 'FV', correction: 'KOR', advance: 'ZAL', settlement: 'ROZ', simplified: 'FU' }[kind];
    if (direction === 'sales') {
      const store = random() < 0.55 ? 'KRK' : 'WAW';
      folder = random() < 0.05 ? unassigned!.id : store === 'KRK' ? krakow : warszawa;
      number = `${prefix}/${store}/${year}/${month}/${String(i + 1).padStart(4, '0')}`;
      seller = { nip: tenant.nip, name: tenant.name };
      buyer = kind === 'simplified' ? { nip: null, name: 'Klient detaliczny' } : pick(CUSTOMERS);
      const s = random();
      status = s < 0.8 ? 'accepted' : s < 0.88 ? 'queued' : s < 0.94 ? 'rejected' : 'draft';
    } else {
      folder = random() < 0.8 ? costs : random() < 0.5 ? krakow : unassigned!.id;
      seller = pick(SUPPLIERS);
      buyer = { nip: tenant.nip, name: tenant.name };
      number = `${prefix === 'FV' ? 'F' : prefix}/${Math.floor(random() * 9000) + 100}/${month}/${year}`;
      const s = random();
      status = s < 0.5 ? 'received' : s < 0.9 ? 'booked' : 'ignored';
    }
    const rate = kind === 'simplified' || random() < 0.15 ? 8 : 23;
    const maxNet = kind === 'simplified' ? 36_000 : 2_500_000;
    let net = Math.floor(random() * maxNet) + 1_000;
    if (kind === 'correction') net = -Math.floor(net / 4);
    const vat = Math.round((net * rate) / 100);
    const key = `document:${i}`;
    const id = stableUuid(key);
    const withKsef = status === 'accepted' || status === 'received' || status === 'booked' || status === 'ignored';
    let amounts = { net: money(net), vat: money(vat), gross: money(net + vat) };
    let xmlKey: string | null = null;
    if (store && seller.nip && (kind === 'vat' || kind === 'simplified')) {
      const invoice = demoInvoiceXml({
        number,
        issueDate,
        seller: { ...seller, nip: seller.nip },
        buyer,
        netGrosze: net,
        rate,
        index: i,
      });
      const key = objectKey(tenant.id, 'documents', id, 'invoice.xml');
      await store.put(key, invoice.xml, { contentType: 'application/xml' });
      xmlKey = key;
      amounts = { net: invoice.netTotal, vat: invoice.vatTotal, gross: invoice.grossTotal };
    }
    await manager.query(
      `INSERT INTO documents (id, tenant_id, folder_id, direction, kind, status, number, seller_nip, seller_name,
         buyer_nip, buyer_name, issue_date, sale_date, currency, net_total, vat_total, gross_total, ksef_number,
         ksef_accepted_at, xml_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 'PLN', $13, $14, $15, $16::varchar,
         CASE WHEN $16::varchar IS NULL THEN NULL ELSE $12::date + time '10:00' END, $17)
       ON CONFLICT (id) DO UPDATE SET xml_key = EXCLUDED.xml_key
         WHERE documents.xml_key IS NULL AND EXCLUDED.xml_key IS NOT NULL`,
      [
        id,
        tenant.id,
        folder,
        direction,
        kind,
        status,
        number,
        seller.nip,
        seller.name,
        buyer.nip,
        buyer.name,
        issueDate,
        amounts.net,
        amounts.vat,
        amounts.gross,
        withKsef && seller.nip ? ksefNumber(seller.nip, issueDate, key) : null,
        xmlKey,
      ],
    );
  }
}
