import { type KseIssue, type KseIssueCode } from './kse-document';

/** Reads typed values from the file's lines and collects every problem with its line number. */
export class KseFieldReader {
  readonly issues: KseIssue[] = [];

  constructor(private readonly lines: readonly string[]) {}

  /** `index` is 0-based as in the format spec. */
  text(index: number): string {
    return (this.lines[index] ?? '').trim();
  }

  required(index: number, label: string): string {
    const value = this.text(index);
    if (value === '') this.fail(index, 'KSE_REQUIRED', `brak wartości pola „${label}”`);
    return value;
  }

  date(index: number, label: string, required: boolean): string | null {
    const raw = this.text(index);
    if (raw === '') {
      if (required) this.fail(index, 'KSE_REQUIRED', `brak daty „${label}”`);
      return null;
    }
    const match = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(raw);
    const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : null;
    if (!iso || !isCalendarDate(iso)) {
      this.fail(index, 'KSE_BAD_DATE', `nieprawidłowa data „${label}”: „${raw}” (oczekiwano RRRR.MM.DD)`);
      return null;
    }
    return iso;
  }

  /** Decimal with a dot; minus allowed (corrections). Empty gives `fallback` or an error when there is none. */
  decimal(index: number, label: string, fallback: string | null): string {
    const raw = this.text(index);
    if (raw === '') {
      if (fallback !== null) return fallback;
      this.fail(index, 'KSE_REQUIRED', `brak kwoty „${label}”`);
      return '0';
    }
    if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(raw)) {
      this.fail(index, 'KSE_BAD_NUMBER', `nieprawidłowa liczba „${label}”: „${raw}” (oczekiwano np. 1234.56)`);
      return '0';
    }
    return raw;
  }

  boolean(index: number, label: string): boolean {
    const raw = this.text(index).toUpperCase();
    if (raw === 'TRUE') return true;
    if (raw === 'FALSE' || raw === '') return false;
    this.fail(
      index,
      'KSE_BAD_BOOLEAN',
      `pole „${label}” musi mieć wartość TRUE albo FALSE, jest „${this.text(index)}”`,
    );
    return false;
  }

  fail(index: number, code: KseIssueCode, detail: string): void {
    this.issues.push(kseIssue(index + 1, code, detail));
  }
}

export function kseIssue(line: number, code: KseIssueCode, detail: string): KseIssue {
  return { line, code, message: `Wiersz ${line}: ${detail}` };
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso);
}
