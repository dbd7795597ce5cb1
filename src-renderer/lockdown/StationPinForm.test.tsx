// @vitest-environment jsdom
import '../test-support/jsdom-polyfills';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { verifyProctorPin } from '@shared/lockdown/proctor-pin';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { openTestDatabase, renderWithDatabase } from '../test-support/database';
import { StationPinForm } from './StationPinForm';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
  db = undefined;
});

async function signedIn(role: 'proctor' | 'candidate') {
  db = await openTestDatabase(['users']);
  const user = await repo(db, 'user').create({ email: `${role}@example.test`, full_name: 'Pat', role });
  renderWithDatabase(<StationPinForm />, db, { id: user.id, email: user.email, full_name: user.full_name, role });
  return user;
}

const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('StationPinForm', () => {
  it("stores a verifier of the proctor's new PIN on their own account", async () => {
    const user = await signedIn('proctor');
    expect(await screen.findByText(/not set a station PIN yet/)).toBeTruthy();
    fill(/New PIN/, '918273');
    fill(/Repeat the PIN/, '918273');
    fireEvent.click(screen.getByRole('button', { name: 'Set station PIN' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/station PIN is set/), {
      timeout: 10_000,
    });
    const stored = await repo(db!, 'user').get(user.id);
    await expect(verifyProctorPin('918273', stored!.proctor_pin_hash!)).resolves.toBe(true);
    expect(await screen.findByText(/You have a station PIN/)).toBeTruthy();
  });

  it('explains a PIN that is too easy to guess, and one typed differently twice', async () => {
    await signedIn('proctor');
    fill(/New PIN/, '123456');
    fill(/Repeat the PIN/, '123456');
    fireEvent.click(screen.getByRole('button', { name: 'Set station PIN' }));
    expect(await screen.findByText(/not a repeated digit or a simple sequence\./)).toBeTruthy();
    fill(/New PIN/, '918273');
    fill(/Repeat the PIN/, '918274');
    fireEvent.click(screen.getByRole('button', { name: 'Set station PIN' }));
    expect(await screen.findByText('The two PINs do not match.')).toBeTruthy();
  });

  it('waits for the proctor’s own account to reach the device before taking a PIN', async () => {
    db = await openTestDatabase(['users']);
    renderWithDatabase(<StationPinForm />, db, {
      id: 'usr_not_synced_yet',
      email: 'new.proctor@example.test',
      full_name: 'Noa',
      role: 'proctor',
    });
    expect(await screen.findByText(/has not reached this device yet/)).toBeTruthy();
    expect((screen.getByLabelText(/New PIN/) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Set station PIN' }).hasAttribute('disabled')).toBe(true);
  });

  it('is not offered to people who cannot unlock a station', async () => {
    await signedIn('candidate');
    expect(screen.queryByRole('heading', { name: 'Station PIN' })).toBeNull();
  });
});
