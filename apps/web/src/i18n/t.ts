import { type MessageKey, pl } from './pl';

/** Looks up a message and fills `{placeholders}`; one locale today, the key set is the contract for more. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const message: string = pl[key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}
