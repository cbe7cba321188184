import { type MessageKey, pl } from '../../../i18n/pl';
import { t } from '../../../i18n/t';

/** The Polish label of a document direction, kind or status; an unknown value is shown as it is. */
export function documentLabel(prefix: 'documentDirection' | 'documentKind' | 'documentStatus', value: string): string {
  const key = `${prefix}.${value}`;
  return key in pl ? t(key as MessageKey) : value;
}
