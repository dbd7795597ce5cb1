import { readFile } from 'node:fs/promises';
import { ByteBuffer } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { buildFaceModel, faceModelSourcePath } from '../../../scripts/build-face-model';

/*
 * Structure only; that tasks-vision loads the result and detects faces is
 * checked in Chromium (test/e2e/face-detector.e2e.ts).
 */
describe('buildFaceModel', async () => {
  const source = new Uint8Array(await readFile(faceModelSourcePath()));
  const model = await buildFaceModel();
  const bb = new ByteBuffer(model);
  const root = bb.readUint32(0);
  const field = (table: number, slot: number) => {
    const o = bb.__offset(table, 4 + 2 * slot);
    return o ? table + o : 0;
  };

  it('keeps the npm model byte for byte, 16-byte aligned, after a new root table', () => {
    const shift = model.length - source.length;
    expect(shift % 16).toBe(0);
    expect(model.subarray(shift)).toEqual(source);
    expect(bb.__has_identifier('TFL3')).toBe(true);
  });

  it('names a TFLITE_METADATA buffer holding an M001 metadata flatbuffer with the normalisation', () => {
    const entries = field(root, 6);
    const entry = bb.__indirect(bb.__vector(entries));
    expect(bb.__string(field(entry, 0))).toBe('TFLITE_METADATA');
    const buffers = field(root, 4);
    const index = bb.readUint32(field(entry, 1));
    expect(index).toBe(bb.__vector_len(buffers) - 1);
    const buffer = bb.__indirect(bb.__vector(buffers) + 4 * index);
    const data = field(buffer, 0);
    const start = bb.__vector(data);
    expect(start % 16).toBe(0);
    const meta = new ByteBuffer(model.subarray(start, start + bb.__vector_len(data)));
    expect(meta.__has_identifier('M001')).toBe(true);
    // The metadata holds the two 127.5 floats (mean and std) in little-endian order.
    const bytes = Buffer.from(meta.bytes());
    const f = Buffer.alloc(4);
    f.writeFloatLE(127.5);
    expect(bytes.indexOf(f)).toBeGreaterThan(0);
    expect(bytes.indexOf(f, bytes.indexOf(f) + 4)).toBeGreaterThan(0);
  });
});
