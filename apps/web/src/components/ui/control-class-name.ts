/**
 * The NL Design System class names of a native form control, written once. For the controls the
 * wrappers render themselves because there is no installable React package (select: `@utrecht/select-css`,
 * textarea: `@utrecht/textarea-css`), and for the few places where the raw element is right (the
 * Melden municipality combobox, whose input carries the ARIA combobox pattern). Feature code calls
 * this instead of copying class names.
 *
 * `short`: a narrow control for a number, a date or an inline choice (index.css).
 */
export type NativeControl = 'textbox' | 'textarea' | 'select';

const BASE: Record<NativeControl, readonly [string, string]> = {
  textbox: ['utrecht-textbox', 'utrecht-textbox--html-input'],
  textarea: ['utrecht-textarea', 'utrecht-textarea--html-textarea'],
  select: ['utrecht-select', 'utrecht-select--html-select'],
};

const SHORT: Record<NativeControl, string | undefined> = {
  textbox: 'text-input--short',
  textarea: undefined,
  select: 'select--short',
};

export function controlClassName(
  control: NativeControl,
  {
    invalid = false,
    short = false,
    className,
  }: { invalid?: boolean; short?: boolean; className?: string } = {},
): string {
  const [block, html] = BASE[control];
  return [block, html, invalid && `${block}--invalid`, short && SHORT[control], className]
    .filter(Boolean)
    .join(' ');
}

/** The short modifier alone, for a control rendered by an NL Design System React package. */
export function shortClassName(control: NativeControl, short: boolean | undefined): string | undefined {
  return short ? SHORT[control] : undefined;
}
