import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { jpegProblem, readJpegStructure, SNAPSHOT_JPEG_LIMITS } from './jpeg';

/*
 * The snapshot check on bodies made here: JPEGs encoded by jpeg-js from a
 * photo-like picture (gradients, detail, noise), then cut, patched or spliced
 * into what a broken or hostile client might send.
 */

/** A width×height JPEG of a deterministic photo-like picture. */
function photoJpeg(width = 640, height = 480, quality = 85): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 24) - 128;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const wave = 40 * Math.sin(x / 17) * Math.cos(y / 23);
      data[i] = (x * 255) / width + wave + noise() / 32;
      data[i + 1] = (y * 255) / height - wave + noise() / 32;
      data[i + 2] = 128 + wave + noise() / 32;
      data[i + 3] = 255;
    }
  return encode({ width, height, data }, quality).data;
}

interface Segment {
  marker: number;
  /** Offset of the segment's 0xFF. */
  start: number;
  /** Offset just past the segment (for SOS: past its header, where the image data starts). */
  end: number;
}

/** The marker segments of a well-formed JPEG up to and including the first SOS. */
function headerSegments(bytes: Buffer): Segment[] {
  const segments: Segment[] = [];
  for (let pos = 2; ;) {
    const marker = bytes[pos + 1]!;
    const end = pos + 2 + bytes.readUInt16BE(pos + 2);
    segments.push({ marker, start: pos, end });
    if (marker === 0xda) return segments;
    pos = end;
  }
}

const segment = (bytes: Buffer, marker: number) => headerSegments(bytes).find((s) => s.marker === marker)!;
const without = (bytes: Buffer, marker: number) => {
  const s = segment(bytes, marker);
  return Buffer.concat([bytes.subarray(0, s.start), bytes.subarray(s.end)]);
};
/** A copy with the frame header's declared height and width replaced. */
function withSize(bytes: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(bytes);
  const sof = segment(copy, 0xc0);
  copy.writeUInt16BE(height, sof.start + 5);
  copy.writeUInt16BE(width, sof.start + 7);
  return copy;
}

const valid = photoJpeg();

describe('the JPEG check', () => {
  it('accepts JPEGs of the sizes snapshots have, and reads their frame', () => {
    expect(readJpegStructure(valid)).toEqual({ width: 640, height: 480, components: 3, progressive: false });
    for (const [w, h] of [
      [640, 480],
      [641, 479],
      [1280, 720],
      [1920, 1080],
      [16, 16],
    ] as const) {
      expect(jpegProblem(photoJpeg(w, h)), `${w}×${h}`).toBeUndefined();
    }
  });

  it('accepts fill bytes before a marker', () => {
    const dqt = segment(valid, 0xdb);
    const filled = Buffer.concat([valid.subarray(0, dqt.start), Buffer.from([0xff, 0xff]), valid.subarray(dqt.start)]);
    expect(jpegProblem(filled)).toBeUndefined();
  });

  it('refuses a body cut anywhere, saying it is truncated', () => {
    const cuts = new Set<number>();
    for (let n = 0; n < 700; n++) cuts.add(n); // every cut in the headers
    for (let n = 700; n < valid.length; n += 211) cuts.add(n);
    for (let n = valid.length - 8; n < valid.length; n++) cuts.add(n);
    for (const n of cuts) {
      const problem = jpegProblem(valid.subarray(0, n));
      expect(problem, `cut at ${n}`).toBeDefined();
      if (n >= 2) expect(problem, `cut at ${n}`).toMatch(/truncated/);
    }
  });

  it('refuses the three magic bytes followed by anything else', () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('not a picture at all, just text')]);
    expect(jpegProblem(garbage)).toMatch(/malformed|truncated/);
    expect(jpegProblem(Buffer.from([0xff, 0xd8, 0xff]))).toMatch(/truncated/);
    expect(jpegProblem(Buffer.alloc(0))).toMatch(/start-of-image/);
  });

  it('refuses a JPEG with no frame header, or image data before it', () => {
    const jfif = valid.subarray(0, segment(valid, 0xe0).end);
    expect(jpegProblem(Buffer.concat([jfif, Buffer.from([0xff, 0xd9])]))).toMatch(/no frame header \(SOF\)/);
    expect(jpegProblem(without(valid, 0xc0))).toMatch(/before any frame header \(SOF\)/);
    const headersOnly = valid.subarray(0, segment(valid, 0xda).start);
    expect(jpegProblem(Buffer.concat([headersOnly, Buffer.from([0xff, 0xd9])]))).toMatch(/no image data/);
  });

  it('refuses other formats', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(jpegProblem(png)).toMatch(/does not start with the JPEG start-of-image marker/);
    expect(jpegProblem(Buffer.from('GIF89a'))).toMatch(/start-of-image/);
  });

  it('refuses a declared resolution over the limit or of zero, before decoding anything', () => {
    expect(jpegProblem(withSize(valid, 40000, 40000))).toMatch(/resolution, 40000×40000, is too large/);
    expect(jpegProblem(withSize(valid, 1921, 1080))).toMatch(/too large/);
    expect(jpegProblem(withSize(valid, 8, 4097))).toMatch(/too large/);
    expect(jpegProblem(withSize(valid, 0, 480))).toMatch(/zero width or height/);
  });

  it('refuses bytes after the end-of-image marker', () => {
    expect(jpegProblem(Buffer.concat([valid, Buffer.from('<?php ?>')]))).toMatch(/bytes after the end-of-image/);
  });

  it('refuses a second frame header, an unsupported coding process, or more scans than the limit', () => {
    const sof = segment(valid, 0xc0);
    const twice = Buffer.concat([valid.subarray(0, sof.end), valid.subarray(sof.start)]);
    expect(jpegProblem(twice)).toMatch(/second frame header/);
    const lossless = Buffer.from(valid);
    lossless[sof.start + 1] = 0xc3;
    expect(jpegProblem(lossless)).toMatch(/lossless, hierarchical or arithmetic/);
    // The same scan over and over: each costs a pass over every block.
    const sos = segment(valid, 0xda);
    const scan = valid.subarray(sos.start, valid.length - 2);
    const many = Buffer.concat([
      valid.subarray(0, sos.start),
      ...Array.from({ length: SNAPSHOT_JPEG_LIMITS.maxScans + 1 }, () => scan),
      Buffer.from([0xff, 0xd9]),
    ]);
    expect(jpegProblem(many)).toMatch(/more than 32 scans/);
  });

  it('refuses a well-formed structure that does not decode', () => {
    // No Huffman tables: every segment is in place, but the scan cannot be read.
    expect(jpegProblem(without(valid, 0xc4))).toMatch(/could not be decoded/);
    // Image data that stops short of the frame's blocks, then ends properly.
    const sos = segment(valid, 0xda);
    const short = Buffer.concat([valid.subarray(0, sos.end + 200), Buffer.from([0xff, 0xd9])]);
    expect(jpegProblem(short)).toMatch(/could not be decoded/);
  });

  it('keeps the decoder within its memory limit', () => {
    expect(jpegProblem(valid, { ...SNAPSHOT_JPEG_LIMITS, maxMemoryMB: 1 })).toMatch(/could not be decoded.*memory/i);
  });
});
