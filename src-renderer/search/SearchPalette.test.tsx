// @vitest-environment jsdom
import '../test-support/jsdom-polyfills';
import { afterEach, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { collectionsByRole } from '@shared/storage/layout';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { openTestDatabase } from '../test-support/database';
import { paths } from '../app/navigation';
import { LiveSearchIndex } from './live-search-index';
import { SearchPalette } from './SearchPalette';

let db: AppDatabase | undefined;
let index: LiveSearchIndex | undefined;
afterEach(async () => {
  cleanup();
  index?.dispose();
  await db?.close();
});

async function recruiterDevice() {
  db = await openTestDatabase(collectionsByRole.recruiter);
  await repo(db, 'candidate').create({ full_name: 'Lena Fischer', email: 'lena@example.test', current_role: 'SRE' });
  await repo(db, 'candidate').create({ full_name: 'Lena Fisk', email: 'fisk@example.test' });
  await repo(db, 'job_requisition').create({
    title: 'Site Reliability Engineer',
    description: 'Keeps the lights on.',
    created_by: 'usr_r',
  });
  await repo(db, 'question').create({
    question_text: 'Which command lists the pods of a Kubernetes namespace?',
    options: [
      { key: 'A', text: 'kubectl get pods -n NAME' },
      { key: 'B', text: 'kubectl describe ns' },
    ],
    correct_answer: 'A',
    difficulty: 'medium',
    question_set_id: 'qs_1',
  });
  index = new LiveSearchIndex(db, 'recruiter');
  const live = index;
  await waitFor(() => expect(live.ready && live.size === 4).toBe(true));
  return live;
}

function renderPalette(live: LiveSearchIndex) {
  const onOpenScreen = vi.fn();
  const onClose = vi.fn();
  render(<SearchPalette isOpen onClose={onClose} index={live} role="recruiter" onOpenScreen={onOpenScreen} />);
  const field = screen.getByRole('combobox', { name: 'Search this device' });
  return { field, onOpenScreen, onClose };
}

it('shows results as one types, moves through them with the arrow keys and opens one with Enter', async () => {
  const { field, onOpenScreen } = renderPalette(await recruiterDevice());
  expect(document.activeElement).toBe(field);
  await screen.findByText(
    'Finds candidates, requisitions, applications, interviews and questions on this device, also offline.',
  );

  fireEvent.change(field, { target: { value: 'lena fis' } });
  const results = screen.getByRole('listbox', { name: 'Results' });
  const options = within(results).getAllByRole('option');
  expect(options.map((o) => o.querySelector('.search-hit-title')?.textContent)).toEqual(['Lena Fischer', 'Lena Fisk']);
  expect(field.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
  expect(options[0]!.getAttribute('aria-selected')).toBe('true');
  await screen.findByText('2 results');

  fireEvent.keyDown(field, { key: 'ArrowDown' });
  expect(field.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
  fireEvent.keyDown(field, { key: 'ArrowDown' });
  expect(field.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
  fireEvent.keyDown(field, { key: 'ArrowUp' });
  fireEvent.keyDown(field, { key: 'Enter' });
  expect(onOpenScreen).toHaveBeenCalledWith(expect.objectContaining({ title: 'Lena Fisk' }), paths.applications);
});

it('says when nothing matches', async () => {
  const { field } = renderPalette(await recruiterDevice());
  fireEvent.change(field, { target: { value: 'zzyzx' } });
  await screen.findByText('Nothing on this device matches “zzyzx”.');
  expect(field.getAttribute('aria-expanded')).toBe('false');
});

it('opens a question in a preview without its answer key, and goes back to the results', async () => {
  const { field, onOpenScreen } = renderPalette(await recruiterDevice());
  fireEvent.change(field, { target: { value: 'kubernets pods' } });
  fireEvent.click(screen.getByRole('option', { name: /Kubernetes namespace/ }));
  expect(onOpenScreen).not.toHaveBeenCalled();

  const heading = await screen.findByRole('heading', { name: 'Question' });
  await waitFor(() => expect(document.activeElement).toBe(heading));
  const options = screen.getByRole('list', { name: 'Options' });
  expect(
    within(options)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(['AOption A: kubectl get pods -n NAME', 'BOption B: kubectl describe ns']);
  expect(document.body.textContent).not.toMatch(/correct/i);

  fireEvent.click(screen.getByRole('button', { name: 'Back to the results' }));
  expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('kubernets pods');
});

it('finds a document that arrives while the dialog is open', async () => {
  const live = await recruiterDevice();
  const { field } = renderPalette(live);
  fireEvent.change(field, { target: { value: 'okafor' } });
  await screen.findByText('Nothing on this device matches “okafor”.');
  await repo(db!, 'candidate').create({ full_name: 'Amara Okafor', email: 'amara@example.test' });
  expect(await screen.findByRole('option', { name: /Amara Okafor/ })).toBeTruthy();
});
