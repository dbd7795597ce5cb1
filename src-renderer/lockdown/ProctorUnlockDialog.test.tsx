// @vitest-environment jsdom
import '../test-support/jsdom-polyfills';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { hashProctorPin } from '@shared/lockdown/proctor-pin';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { openTestDatabase, renderWithDatabase } from '../test-support/database';
import { ProctorUnlockDialog } from './ProctorUnlockDialog';
import type { ThrottleStore } from './proctor-unlock';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
  db = undefined;
});

function memoryStore(): ThrottleStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

async function renderDialog() {
  db = await openTestDatabase(['users']);
  const proctor = await repo(db, 'user').create({
    email: 'pat@example.test',
    full_name: 'Pat Proctor',
    role: 'proctor',
    proctor_pin_hash: await hashProctorPin('482913', { logN: 10, r: 8, p: 1 }),
  });
  const onUnlock = vi.fn();
  const onCancel = vi.fn();
  renderWithDatabase(
    <ProctorUnlockDialog isOpen onCancel={onCancel} onUnlock={onUnlock} throttleStore={memoryStore()} />,
    db,
  );
  return { proctor, onUnlock, onCancel };
}

describe('ProctorUnlockDialog', () => {
  it('is a labelled modal whose PIN field has focus', async () => {
    await renderDialog();
    expect(screen.getByRole('dialog', { name: 'Proctor unlock' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/Proctor PIN/));
  });

  it("unlocks exit with the proctor's id", async () => {
    const { proctor, onUnlock } = await renderDialog();
    fireEvent.change(screen.getByLabelText(/Proctor PIN/), { target: { value: '482913' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(onUnlock).toHaveBeenCalledWith({ action: 'exit', proctorId: proctor.id }));
  });

  it('unlocks extra time with the minutes chosen', async () => {
    const { proctor, onUnlock } = await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Give extra time' }));
    const minutes = screen.getByLabelText(/Extra minutes/);
    fireEvent.change(minutes, { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText(/Proctor PIN/), { target: { value: '482913' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(onUnlock).toHaveBeenCalledWith({ action: 'extra_time', minutes: 15, proctorId: proctor.id }),
    );
  });

  it('announces a wrong PIN and clears the field', async () => {
    const { onUnlock } = await renderDialog();
    const pin = screen.getByLabelText(/Proctor PIN/) as HTMLInputElement;
    fireEvent.change(pin, { target: { value: '000111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/does not match any proctor/));
    await waitFor(() => expect(pin.value).toBe(''));
    expect(onUnlock).not.toHaveBeenCalled();
  });

  it('refuses extra time outside 1–240 minutes with a message tied to the field', async () => {
    const { onUnlock } = await renderDialog();
    fireEvent.click(screen.getByRole('radio', { name: 'Give extra time' }));
    const minutes = screen.getByLabelText(/Extra minutes/);
    fireEvent.change(minutes, { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText(/Proctor PIN/), { target: { value: '482913' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(minutes.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/whole number of minutes from 1 to 240/)).toBeTruthy();
    expect(onUnlock).not.toHaveBeenCalled();
  });
});
