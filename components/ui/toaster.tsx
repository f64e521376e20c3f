'use client';

import { Toaster as Sonner, type ToasterProps } from 'sonner';

/**
 * Mount once in the root layout (`<Toaster />`). Trigger toasts from client code with
 * `import { toast } from 'sonner'`.
 */
export function Toaster(props: ToasterProps) {
  return <Sonner richColors closeButton position="top-right" {...props} />;
}
