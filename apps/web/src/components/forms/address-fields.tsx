import { t } from '../../i18n/t';
import { Field } from './action-form';

export type AddressValue = {
  countryCode?: string | null;
  line1?: string | null;
  line2?: string | null;
  postalCode?: string | null;
  city?: string | null;
} | null;

/** A postal address as fields named `<prefix>.line1` etc., so the API's field paths land on them. */
export function AddressFields({
  prefix,
  title,
  address,
}: {
  prefix: 'registeredAddress' | 'correspondenceAddress';
  title: string;
  address?: AddressValue | undefined;
}) {
  return (
    <fieldset className="fieldset">
      <legend>{title}</legend>
      <div className="form form--grid">
        <Field name={`${prefix}.line1`} label={t('company.line1')} defaultValue={address?.line1 ?? ''} />
        <Field name={`${prefix}.line2`} label={t('company.line2')} defaultValue={address?.line2 ?? ''} />
        <Field name={`${prefix}.postalCode`} label={t('company.postalCode')} defaultValue={address?.postalCode ?? ''} />
        <Field name={`${prefix}.city`} label={t('company.city')} defaultValue={address?.city ?? ''} />
        <Field
          name={`${prefix}.countryCode`}
          label={t('company.countryCode')}
          defaultValue={address?.countryCode ?? 'PL'}
        />
      </div>
    </fieldset>
  );
}
