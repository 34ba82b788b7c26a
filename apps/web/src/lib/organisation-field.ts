import type { ReactNode } from 'react';

/**
 * What a form's organisation field needs. Forms in one feature (a party on a case, a user in
 * Beheer) ask for the field through `RenderOrganisationField`; the app layer supplies the picker of
 * the organisations feature (features do not import each other).
 */
export interface OrganisationFieldProps {
  /** The id of the control; an error summary links here. */
  id: string;
  label: string;
  value: string;
  onChange: (organisationId: string) => void;
  onBlur?: () => void;
  error?: string;
  /** Organisations that may not be chosen (already on the case). */
  excludeIds?: readonly string[];
}

export type RenderOrganisationField = (props: OrganisationFieldProps) => ReactNode;
