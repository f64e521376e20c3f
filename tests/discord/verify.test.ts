import { generateKeyPairSync, sign } from 'node:crypto';
import { verifyKey } from 'discord-interactions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519Valid } from '@/lib/discord/verify';

/**
 * The interactions route verifies with node:crypto (synchronous, no thread-pool hop). discord-interactions'
 * verifyKey is the reference implementation: both must reach the same verdict on every input.
 */
const keyPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');
  return { hex, privateKey };
};
const signer = keyPair();
const stranger = keyPair();

type Case = 'valid' | 'tampered-body' | 'other-timestamp' | 'foreign-key' | 'flipped-bit' | 'garbage';

function build(kind: Case, body: string, timestamp: string) {
  const raw = Buffer.from(body, 'utf8');
  const key = kind === 'foreign-key' ? stranger.privateKey : signer.privateKey;
  let signature = sign(null, Buffer.concat([Buffer.from(timestamp), raw]), key).toString('hex');
  let sentBody = raw;
  let sentTimestamp = timestamp;
  if (kind === 'tampered-body') sentBody = Buffer.concat([raw, Buffer.from(' ')]);
  if (kind === 'other-timestamp') sentTimestamp = `${timestamp}1`;
  if (kind === 'flipped-bit') {
    const b = Buffer.from(signature, 'hex');
    b[7] = (b[7] ?? 0) ^ 0x01;
    signature = b.toString('hex');
  }
  if (kind === 'garbage') signature = 'zz'.repeat(64);
  return { sentBody, signature, sentTimestamp };
}

describe('Ed25519 interaction signatures', () => {
  it('accepts a valid signature and refuses each kind of forgery', () => {
    const body = '{"type":1,"id":"1"}';
    const ts = '1700000000';
    const verdict = (kind: Case) => {
      const { sentBody, signature, sentTimestamp } = build(kind, body, ts);
      return ed25519Valid(sentBody, signature, sentTimestamp, signer.hex);
    };
    expect(verdict('valid')).toBe(true);
    for (const kind of [
      'tampered-body',
      'other-timestamp',
      'foreign-key',
      'flipped-bit',
      'garbage',
    ] as const) {
      expect(verdict(kind), kind).toBe(false);
    }
    expect(ed25519Valid(Buffer.from(body), 'ab', ts, signer.hex)).toBe(false);
  });

  it('agrees with discord-interactions verifyKey on random bodies, timestamps and forgeries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 400 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom<Case>(
          'valid',
          'tampered-body',
          'other-timestamp',
          'foreign-key',
          'flipped-bit',
          'garbage',
        ),
        async (body, t, kind) => {
          const { sentBody, signature, sentTimestamp } = build(kind, body, String(t));
          const ours = ed25519Valid(sentBody, signature, sentTimestamp, signer.hex);
          const reference = await verifyKey(sentBody, signature, sentTimestamp, signer.hex);
          expect(ours).toBe(reference);
          expect(ours).toBe(kind === 'valid');
        },
      ),
      { numRuns: 300 },
    );
  });
});
