import { describe, expect, it } from 'vitest';
import { checkServerSetup } from './server-setup';

const URL = 'http://127.0.0.1:8787';
const answering = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('checkServerSetup', () => {
  it('tells an empty server from one with accounts, by the server’s own answer', async () => {
    expect(await checkServerSetup(URL, answering(200, { has_accounts: false }))).toEqual({ state: 'empty', url: URL });
    expect(await checkServerSetup(URL, answering(200, { has_accounts: true }))).toEqual({ state: 'ready', url: URL });
  });

  it('counts a server that does not answer, or answers something else, as unreachable', async () => {
    const refused = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    expect(await checkServerSetup(URL, refused)).toEqual({ state: 'unreachable', url: URL });
    expect(await checkServerSetup(URL, answering(404, { message: 'Not found' }))).toEqual({
      state: 'unreachable',
      url: URL,
    });
    // An answer with more than the one boolean is not the contract: never shown as "empty".
    expect(await checkServerSetup(URL, answering(200, { has_accounts: false, users: 3 }))).toEqual({
      state: 'unreachable',
      url: URL,
    });
  });

  it('knows when no server is configured at all', async () => {
    expect(await checkServerSetup(undefined)).toEqual({ state: 'no-server' });
  });
});
