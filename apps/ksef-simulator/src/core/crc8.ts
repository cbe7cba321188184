/** CRC-8 with polynomial 0x07, init 0x00, no reflection, no final XOR (the KSeF number checksum). */
export function crc8(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    }
  }
  return crc;
}

export function crc8Hex(text: string): string {
  return crc8(Buffer.from(text, 'utf8')).toString(16).toUpperCase().padStart(2, '0');
}
