'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False in the server render and while the page hydrates, true once React handles events in the browser.
 * A button whose work is done by an onClick is disabled until then: a click on the server-rendered button
 * before hydration would otherwise be lost without any feedback.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
