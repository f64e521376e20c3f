import type * as React from 'react';
import { cn } from '@/lib/utils/cn';
import { fieldClasses } from './input';

export type TextareaProps = React.ComponentProps<'textarea'>;

export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      className={cn(fieldClasses, 'min-h-20 py-2 field-sizing-content', className)}
      {...props}
    />
  );
}
