import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { Button } from 'react-aria-components';

/** Shown in place of a screen that failed to render; the rest of the window keeps working. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <div role="alert" className="panel">
      <h1 tabIndex={-1} data-screen-heading="">
        This screen could not be shown
      </h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <Button
        className="button"
        onPress={() => {
          reset();
          void router.invalidate();
        }}
      >
        Try again
      </Button>
    </div>
  );
}
