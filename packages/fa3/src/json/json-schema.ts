import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { invoiceInputSchema } from './invoice-input.schema';

export const INVOICE_INPUT_JSON_SCHEMA_FILE = resolve(__dirname, '../../schemas/invoice-input.schema.json');

/** JSON Schema (draft 2020-12) of what clients send: the input side of the zod schema, defaults optional. */
export function invoiceInputJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(invoiceInputSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://bufor.dev/schemas/invoice-input.schema.json',
    title: 'Bufor invoice input (FA(3) from JSON)',
  };
}

export function invoiceInputJsonSchemaText(): string {
  return `${JSON.stringify(invoiceInputJsonSchema(), null, 2)}\n`;
}

// `npx tsx packages/fa3/src/json/json-schema.ts` regenerates the published file (a test fails when it is stale).
if (require.main === module) {
  writeFileSync(INVOICE_INPUT_JSON_SCHEMA_FILE, invoiceInputJsonSchemaText());
  console.log(`written ${INVOICE_INPUT_JSON_SCHEMA_FILE}`);
}
