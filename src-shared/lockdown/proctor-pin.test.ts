import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  hashProctorPin,
  isTrivialPin,
  parsePinVerifier,
  pinProblem,
  ProctorPinError,
  verifyProctorPin,
  type PinScryptParams,
} from './proctor-pin';

// Low cost keeps the suite quick; the default parameters are checked once below.
const FAST: PinScryptParams = { logN: 10, r: 8, p: 1 };

describe('proctor PIN', () => {
  it('verifies the PIN it hashed and refuses any other', async () => {
    const verifier = await hashProctorPin('482913', FAST);
    await expect(verifyProctorPin('482913', verifier)).resolves.toBe(true);
    await expect(verifyProctorPin('482914', verifier)).resolves.toBe(false);
    await expect(verifyProctorPin('4829130', verifier)).resolves.toBe(false);
    await expect(verifyProctorPin('', verifier)).resolves.toBe(false);
    await expect(verifyProctorPin('48291a', verifier)).resolves.toBe(false);
  });

  it('salts every verifier, and carries its parameters', async () => {
    const a = await hashProctorPin('482913', FAST);
    const b = await hashProctorPin('482913', FAST);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a.length).toBeLessThanOrEqual(512);
    expect(parsePinVerifier(a).params).toEqual(FAST);
  });

  it('uses N = 2^15, r = 8 by default', async () => {
    const verifier = await hashProctorPin('90817263');
    expect(parsePinVerifier(verifier).params).toEqual({ logN: 15, r: 8, p: 1 });
    await expect(verifyProctorPin('90817263', verifier)).resolves.toBe(true);
  });

  it.each([
    ['', /Enter the PIN/],
    ['12a456', /digits only/],
    ['12 3456', /digits only/],
    ['１２３４５６', /digits only/],
    ['12345', /6 to 12 digits/],
    ['1234567890123', /6 to 12 digits/],
  ])('refuses to hash %j with a clear message', async (pin, message) => {
    expect(pinProblem(pin)).toMatch(message);
    await expect(hashProctorPin(pin, FAST)).rejects.toThrow(ProctorPinError);
    await expect(hashProctorPin(pin, FAST)).rejects.toThrow(message);
  });

  it.each(['123456', '000000', '987654', '567890', '111111111111'])('calls %s trivial', (pin) => {
    expect(isTrivialPin(pin)).toBe(true);
  });

  it.each(['482913', '135790', '112233'])('does not call %s trivial', (pin) => {
    expect(isTrivialPin(pin)).toBe(false);
  });

  it.each([
    ['not a verifier', /format/],
    ['argon2$15$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', /format/],
    ['scrypt$30$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', /logN must be between 10 and 20/],
    ['scrypt$15$64$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', /r must be between/],
    ['scrypt$15$8$x$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', /p must be between/],
    ['scrypt$15$8$1$c2Fs$aGFzaGhhc2hoYXNoaGFzaA', /salt is too short/],
    ['scrypt$15$8$1$c2FsdHNhbHQ$aGFzaA', /hash is too short/],
    ['scrypt$15$8$1$c2Fsd+NhbHQ$aGFzaGhhc2hoYXNoaGFzaA', /base64url/],
  ])('refuses an unreadable verifier %j with a clear error', async (verifier, message) => {
    await expect(verifyProctorPin('482913', verifier)).rejects.toThrow(message);
  });

  it('compares bytes without stopping at the first difference', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(), Uint8Array.of())).toBe(true);
  });
});
