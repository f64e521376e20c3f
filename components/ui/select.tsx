import { ChevronDown } from 'lucide-react';
import type * as React from 'react';
import { cn } from '@/lib/utils/cn';
import { fieldClasses } from './input';

export type NativeSelectProps = React.ComponentProps<'select'> & {
  /** Class for the wrapping element (width/layout); `className` goes on the `<select>` itself. */
  wrapperClassName?: string;
};

/**
 * A styled native `<select>`: works without JS, is keyboard and screen-reader friendly and
 * gets the platform picker on mobile. Use `<option>` / `<optgroup>` children as usual.
 */
export function NativeSelect({ className, wrapperClassName, children, ...props }: NativeSelectProps) {
  const listBox = Boolean(props.multiple) || (props.size !== undefined && props.size > 1);
  return (
    <div className={cn('relative w-full', wrapperClassName)}>
      <select
        className={cn(fieldClasses, listBox ? 'py-2' : 'h-10 appearance-none py-2 pr-9', className)}
        {...props}
      >
        {children}
      </select>
      {listBox ? null : (
        <ChevronDown
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
      )}
    </div>
  );
}
