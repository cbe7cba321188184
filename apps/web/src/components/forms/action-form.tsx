'use client';

import { createContext, type ReactNode, useActionState, useContext, useId } from 'react';
import { useFormStatus } from 'react-dom';
import type { FormState } from '../../server/form-state';

type FormAction = (state: FormState, data: FormData) => Promise<FormState>;

const FormStateContext = createContext<FormState>({ ok: false });

/** A form posting to a server action; shows the API's Polish message and passes field errors to its fields. */
export function ActionForm({
  action,
  children,
  className,
  label,
  confirm,
}: {
  action: FormAction;
  children: ReactNode;
  className?: string;
  label?: string;
  /** Asks before submitting (destructive actions). */
  confirm?: string;
}) {
  // React resets a form after its action; on a refusal, the fields are refilled from what was sent (not passwords).
  const [state, formAction] = useActionState(
    async (previous: FormState, data: FormData): Promise<FormState> => {
      const result = await action(previous, data);
      if (result.ok) return result;
      const values: Record<string, string> = {};
      for (const [name, value] of data.entries()) if (typeof value === 'string') values[name] = value;
      return { ...result, values };
    },
    { ok: false },
  );
  return (
    <FormStateContext value={state}>
      <form
        action={formAction}
        className={className ?? 'form'}
        aria-label={label}
        noValidate
        onSubmit={(event) => {
          if (confirm && !window.confirm(confirm)) event.preventDefault();
        }}
      >
        {children}
        <FormMessage />
      </form>
    </FormStateContext>
  );
}

export function useFormState(): FormState {
  return useContext(FormStateContext);
}

function FormMessage() {
  const state = useFormState();
  if (!state.message) return null;
  return (
    <p
      className={state.ok ? 'form-note form-note--ok' : 'form-note form-note--error'}
      role={state.ok ? 'status' : 'alert'}
    >
      {state.message}
    </p>
  );
}

export function FieldError({ name }: { name: string }) {
  const message = useFormState().fieldErrors?.[name];
  if (!message) return null;
  return (
    <span className="field__error" role="alert">
      {message}
    </span>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | undefined;
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  /** File inputs: the extensions offered in the file picker. */
  accept?: string;
  /** The API's field path when it differs from the form field's name. */
  errorPath?: string;
};

export function Field({ name, label, type = 'text', errorPath, defaultValue, ...rest }: FieldProps) {
  const state = useFormState();
  const error = state.fieldErrors?.[errorPath ?? name];
  const id = useId();
  const sent = type === 'password' || type === 'file' ? undefined : state.values?.[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        aria-invalid={error ? true : undefined}
        defaultValue={sent ?? defaultValue}
        {...rest}
      />
      <FieldError name={errorPath ?? name} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  errorPath,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string | undefined;
  errorPath?: string;
}) {
  const state = useFormState();
  const error = state.fieldErrors?.[errorPath ?? name];
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError name={errorPath ?? name} />
    </div>
  );
}

export function SubmitButton({
  children,
  variant = 'primary',
}: {
  children: ReactNode;
  variant?: 'primary' | 'ghost' | 'danger';
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={`button button--${variant}`} disabled={pending} aria-busy={pending}>
      {children}
    </button>
  );
}
