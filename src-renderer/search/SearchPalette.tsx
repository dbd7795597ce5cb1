import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { UserRole } from '@shared/domain/enums';
import type { LiveSearchIndex } from './live-search-index';
import type { SearchHit } from './search-index';
import { destinationOf, searchSources, type SearchKind } from './search-sources';
import { QuestionPreview } from './QuestionPreview';
import './search.css';

/*
 * The search dialog: one field, results as you type. The field is a WAI-ARIA
 * combobox with a listbox popup: focus stays in the field while the arrow
 * keys move the active result (aria-activedescendant), Enter opens it, Escape
 * closes the dialog and focus returns where it was. The result count is a
 * status line of the dialog's own, written a moment after typing stops so a
 * screen reader reads one count rather than one per keystroke; the app-wide
 * live region sits outside the modal, which hides everything behind it.
 */

export interface SearchPaletteProps {
  isOpen: boolean;
  onClose: () => void;
  /** Absent while the index is being built after sign-in. */
  index: LiveSearchIndex | undefined;
  role: UserRole;
  /** Opens a result's screen (the launcher navigates); question previews open here. */
  onOpenScreen: (hit: SearchHit, screen: string) => void;
}

export function SearchPalette({ isOpen, onClose, ...rest }: SearchPaletteProps) {
  return (
    <ModalOverlay
      className="modal-overlay search-overlay"
      isOpen={isOpen}
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="modal search-modal">
        <Dialog className="dialog search-dialog">
          <SearchBody {...rest} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** After typing stops, the result count is written to the status line. */
const COUNT_SETTLE_MS = 400;

const noIndex = () => () => {};
const noVersion = () => -1;

function SearchBody({ index, role, onOpenScreen }: Omit<SearchPaletteProps, 'isOpen' | 'onClose'>) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [preview, setPreview] = useState<SearchHit | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const version = useSyncExternalStore(index?.subscribe ?? noIndex, index?.getVersion ?? noVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the index's change counter: a new version is a new result.
  const { hits, total } = useMemo(() => index?.search(query) ?? { hits: [], total: 0 }, [index, query, version]);
  const activeHit = hits[Math.min(active, hits.length - 1)];
  const status = useSettled(statusText(index, query, hits.length, total), COUNT_SETTLE_MS);

  useEffect(() => {
    if (!activeHit) return;
    document.getElementById(optionId(listId, activeHit))?.scrollIntoView?.({ block: 'nearest' });
  }, [activeHit, listId]);

  function open(hit: SearchHit) {
    const destination = destinationOf(hit.kind, role);
    if (!destination) return;
    if ('screen' in destination) onOpenScreen(hit, destination.screen);
    else setPreview(hit);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!hits.length) return;
    const last = hits.length - 1;
    const current = Math.min(active, last);
    if (event.key === 'ArrowDown') setActive(current === last ? 0 : current + 1);
    else if (event.key === 'ArrowUp') setActive(current === 0 ? last : current - 1);
    else if (event.key === 'Enter' && activeHit) open(activeHit);
    else return;
    event.preventDefault();
  }

  if (preview && index) {
    return (
      <QuestionPreview
        question={index.document('question', preview.docId)}
        detail={preview.detail}
        onBack={() => {
          setPreview(undefined);
          requestAnimationFrame(() => inputRef.current?.focus());
        }}
      />
    );
  }

  return (
    <>
      <Heading slot="title" className="search-heading">
        <label htmlFor={`${listId}-field`}>Search this device</label>
      </Heading>
      <input
        id={`${listId}-field`}
        ref={inputRef}
        className="search-field"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeHit ? optionId(listId, activeHit) : undefined}
        aria-describedby={`${listId}-status`}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${listId}-status`} role="status" className="search-status">
        {status}
      </p>
      <ul id={listId} role="listbox" aria-label="Results" className="search-results">
        {hits.map((hit) => (
          <li
            key={hit.id}
            id={optionId(listId, hit)}
            role="option"
            aria-selected={hit === activeHit}
            className="search-hit"
            // Keeps focus in the field, so the keyboard and the pointer share one active result.
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => setActive(hits.indexOf(hit))}
            onClick={() => open(hit)}
          >
            <span className="search-hit-title">{hit.title}</span>
            <span className="search-hit-kind">{searchSources[hit.kind].label}</span>
            {hit.detail && <span className="search-hit-detail">{hit.detail}</span>}
          </li>
        ))}
      </ul>
      <p className="search-keys" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> to choose · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
      </p>
    </>
  );
}

function optionId(listId: string, hit: SearchHit): string {
  return `${listId}-${hit.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** "candidates, requisitions and questions": what this role's search covers. */
function coverage(kinds: readonly SearchKind[]): string {
  const names = kinds.map((kind) => `${searchSources[kind].label.toLowerCase()}s`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'nothing');
}

function statusText(index: LiveSearchIndex | undefined, query: string, shown: number, total: number): string {
  if (!index || !index.ready) return 'Preparing the search…';
  if (!query.trim()) return `Finds ${coverage(index.kinds)} on this device, also offline.`;
  if (total === 0) return `Nothing on this device matches “${query.trim()}”.`;
  if (shown < total) return `The best ${shown} of ${total} results`;
  return total === 1 ? '1 result' : `${total} results`;
}

/** `value`, once it has stayed the same for `ms`. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
