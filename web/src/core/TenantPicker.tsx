// The client-company switch of screens that work on one tenant at a time
// (administration, scripts): a select when the user sees several, the name
// when one, nothing when none.
import { t } from './i18n';

export interface TenantOption {
  id: number;
  name: string;
}

export function TenantPicker(props: {
  tenants: TenantOption[];
  value: number | null | undefined;
  onChange: (id: number) => void;
  label: string; // an i18n key
  class: string;
  testid: string;
  showSingle?: boolean; // show the one company's name when there is only one
}) {
  const { tenants, value, onChange } = props;
  if (tenants.length > 1) {
    return (
      <label class={props.class}>
        <span>{t(props.label)}</span>
        <select
          data-testid={props.testid}
          value={String(value ?? '')}
          onChange={(e) => onChange(Number((e.target as HTMLSelectElement).value))}
        >
          {tenants.map((x) => (
            <option value={String(x.id)}>{x.name}</option>
          ))}
        </select>
      </label>
    );
  }
  if (tenants.length === 1 && props.showSingle) return <span class={`${props.class} muted`}>{tenants[0].name}</span>;
  return null;
}
