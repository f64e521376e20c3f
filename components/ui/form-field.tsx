import * as React from 'react';
import { cn } from '@/lib/utils/cn';
import { Label } from './label';

/** Props FormField wires onto its control. Spread them onto the input when using the render-prop form. */
export type FormControlProps = {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
};

type ControlElementProps = {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: React.AriaAttributes['aria-invalid'];
  'aria-required'?: React.AriaAttributes['aria-required'];
};

export type FormFieldProps = Omit<React.ComponentProps<'div'>, 'children'> & {
  label: React.ReactNode;
  /** Control id. Defaults to a generated id; a control's own `id` prop wins over both. */
  id?: string;
  /** Helper text shown under the label. */
  description?: React.ReactNode;
  /** Validation message(s). Arrays (e.g. zod `fieldErrors.x`) are joined; empty values mean "valid". */
  error?: React.ReactNode | readonly string[];
  /** Shows a required marker and sets `aria-required` (add the native `required` attribute yourself if wanted). */
  required?: boolean;
  /** Visually hide the label while keeping it as the control's accessible name. */
  hideLabel?: boolean;
  labelClassName?: string;
  /**
   * The control: either a single element (Input, Textarea, NativeSelect, …) that receives
   * `id`/`aria-describedby`/`aria-invalid`, or a function receiving those props.
   */
  children: React.ReactElement<ControlElementProps> | ((control: FormControlProps) => React.ReactNode);
};

function normaliseError(error: FormFieldProps['error']): React.ReactNode {
  if (Array.isArray(error)) {
    const messages = error.filter(
      (message): message is string => typeof message === 'string' && message !== '',
    );
    return messages.length > 0 ? messages.join(' ') : null;
  }
  if (error === false || error === '' || error === undefined) return null;
  return error as React.ReactNode;
}

export function FormField({
  label,
  id,
  description,
  error,
  required = false,
  hideLabel = false,
  labelClassName,
  className,
  children,
  ...props
}: FormFieldProps) {
  const generatedId = React.useId();
  const child = typeof children === 'function' ? null : children;
  const controlId = child?.props.id ?? id ?? `field-${generatedId}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const errorContent = normaliseError(error);
  const invalid = errorContent !== null;

  const describedBy =
    [child?.props['aria-describedby'], description ? descriptionId : null, invalid ? errorId : null]
      .filter(Boolean)
      .join(' ') || undefined;

  const controlProps: FormControlProps = {
    id: controlId,
    'aria-describedby': describedBy,
    ...(invalid ? { 'aria-invalid': true as const } : {}),
    ...(required ? { 'aria-required': true as const } : {}),
  };

  const control =
    typeof children === 'function'
      ? children(controlProps)
      : React.cloneElement(children, {
          ...controlProps,
          'aria-invalid': invalid ? true : children.props['aria-invalid'],
          'aria-required': required ? true : children.props['aria-required'],
        });

  return (
    <div className={cn('grid gap-2', className)} {...props}>
      <Label htmlFor={controlId} className={cn(hideLabel && 'sr-only', labelClassName)}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {description ? (
        <p id={descriptionId} className="-mt-1 text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {control}
      {invalid ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-destructive">
          {errorContent}
        </p>
      ) : null}
    </div>
  );
}
