import { useEffect, useRef } from 'react';
import { Button, type ButtonProps } from 'react-aria-components';
import { useUiStore } from '../state/ui-store';

/*
 * A button that can be busy (checking a PIN, signing in), in place of React
 * Aria's `isPending`. That prop announces through React Aria's own live
 * region a node labelled by the button, which stays for 7 s after the button
 * has gone (the dialog closed, the screen changed): axe then finds a
 * `role="img"` labelled by nothing (role-img-alt, serious). Here the busy
 * state is said through the app's one live region (app/LiveAnnouncer.tsx).
 * While busy the button keeps focus, ignores presses and submits nothing.
 */

interface PendingButtonProps extends Omit<ButtonProps, 'isPending' | 'children'> {
  isPending: boolean;
  /** Said when the work starts, e.g. "Checking the PIN…". */
  pendingMessage: string;
  children: React.ReactNode;
}

export function PendingButton({ isPending, pendingMessage, type, onPress, children, ...props }: PendingButtonProps) {
  const announce = useUiStore((s) => s.announce);
  const wasPending = useRef(isPending);
  useEffect(() => {
    if (isPending && !wasPending.current) announce(pendingMessage);
    wasPending.current = isPending;
  }, [isPending, pendingMessage, announce]);
  return (
    <Button
      {...props}
      // A busy submit button must not submit its form a second time.
      type={isPending ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      aria-disabled={isPending || undefined}
      data-busy={isPending || undefined}
    >
      {children}
    </Button>
  );
}
