import { useEffect, useState } from 'react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { Button } from 'react-aria-components';
import { useDatabase } from '../data/database-context';
import { useSignedInUser } from '../state/session-store';
import type { UserRole } from '@shared/domain/enums';
import { SearchPalette } from './SearchPalette';
import { searchKindsFor } from './search-sources';
import { useLiveSearchIndex } from './use-live-search-index';
import './search.css';

/*
 * The header's search button and its shortcut, Ctrl+K (Cmd+K on a Mac), from
 * anywhere in the signed-in window. Choosing a result closes the dialog and
 * opens its screen; focus then goes to that screen's heading, as after any
 * navigation, also when the screen was already open.
 */

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function isSearchShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

/** Nothing for a role that has nothing to search (a proctor's device holds no kind the search covers). */
export function SearchLauncher() {
  const user = useSignedInUser();
  return searchKindsFor(user.role).length > 0 ? <Launcher role={user.role} /> : null;
}

function Launcher({ role }: { role: UserRole }) {
  const db = useDatabase();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [isOpen, setOpen] = useState(false);
  const index = useLiveSearchIndex(db, role);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      // The browser's own Ctrl+K (its address bar search) would take focus out of the app.
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  function openScreen(screen: string) {
    setOpen(false);
    if (screen === pathname) {
      // No navigation happens, so nothing else moves focus off the closing dialog's trigger.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main [data-screen-heading]')?.focus());
      return;
    }
    void navigate({ to: screen });
  }

  return (
    <>
      <Button
        className="button button-quiet search-launcher"
        onPress={() => setOpen(true)}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      >
        Search
        <kbd aria-hidden="true">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </Button>
      <SearchPalette
        isOpen={isOpen}
        onClose={() => setOpen(false)}
        index={index}
        role={role}
        onOpenScreen={(_hit, screen) => openScreen(screen)}
      />
    </>
  );
}
