import type { ReactNode } from 'react';
import { ChoiceGroupField } from '@/components/ui/form';

/**
 * Radio buttons or checkboxes in a fieldset, controlled (the Melden steps unmount and remount, so
 * the checked state comes from the draft), built from the shared fieldset and choices; the first
 * input gets `id`, so the error summary can link to the group.
 */
export function ChoiceGroup({
  id,
  type,
  name,
  label,
  hint,
  error,
  optional,
  options,
  checked,
  onToggle,
}: {
  id: string;
  type: 'radio' | 'checkbox';
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  optional?: boolean;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  onToggle: (value: string, checked: boolean) => void;
}) {
  return (
    <ChoiceGroupField
      id={id}
      type={type}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      options={options}
      inputProps={{ name }}
      optionProps={(option) => ({
        checked: checked.includes(option.value),
        onChange: (event) => onToggle(option.value, event.target.checked),
      })}
    />
  );
}
