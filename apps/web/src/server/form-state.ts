import { unstable_rethrow } from 'next/navigation';
import { t } from '../i18n/t';
import { ApiError } from './api-client';

/** What a server action tells its form: a Polish message and errors per field (keyed by the API's field path). */
export interface FormState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Data shown once after success (e.g. a new API key). */
  secret?: string;
  /** What was sent, to refill the fields after a refusal. */
  values?: Record<string, string>;
  /** Changes on every submission so the form can tell a new result from an old one. */
  at?: number;
}

export const INITIAL_FORM_STATE: FormState = { ok: false };

/** Runs an API mutation for a form and turns an API refusal into the problem's Polish detail and field errors. */
export async function runFormAction(work: () => Promise<string | Partial<FormState> | void>): Promise<FormState> {
  try {
    const result = await work();
    const extra = typeof result === 'string' ? { message: result } : (result ?? {});
    return { ok: true, message: t('form.saved'), ...extra, at: Date.now() };
  } catch (error) {
    unstable_rethrow(error);
    return { ...formError(error), at: Date.now() };
  }
}

export function formError(error: unknown): FormState {
  if (error instanceof ApiError && error.status < 500) {
    const fieldErrors: Record<string, string> = {};
    for (const field of error.fieldErrors) fieldErrors[field.path] ??= field.message;
    return {
      ok: false,
      message: error.detail ?? t('form.errorGeneric'),
      fieldErrors,
    };
  }
  console.error('Form action failed', error);
  return { ok: false, message: t('form.errorGeneric') };
}

export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** An optional text field: empty means "not given". */
export function optionalText(data: FormData, name: string): string | undefined {
  return text(data, name) || undefined;
}

export function texts(data: FormData, name: string): string[] {
  return data.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');
}

/** A postal address from fields named `<prefix>.line1` etc.; without a first line it is "no address". */
export function addressFrom(data: FormData, prefix: string) {
  if (!text(data, `${prefix}.line1`)) return null;
  return {
    countryCode: text(data, `${prefix}.countryCode`) || 'PL',
    line1: text(data, `${prefix}.line1`),
    line2: optionalText(data, `${prefix}.line2`),
    postalCode: optionalText(data, `${prefix}.postalCode`),
    city: optionalText(data, `${prefix}.city`),
  };
}
