import { decode } from 'jpeg-js';

/*
 * Is an uploaded snapshot really a JPEG the server could show? Checked in two
 * steps, cheapest first:
 *
 * 1. A structural walk over the markers: SOI first; every segment's declared
 *    length within the body; exactly one frame header (SOF) of a process a
 *    browser writes and the decoder reads (baseline, extended or progressive
 *    Huffman), 8-bit, 1 or 3 components, with non-zero dimensions within the
 *    snapshot limits; at least one scan (SOS), after the frame header, whose
 *    entropy-coded data ends at a marker; EOI as the last two bytes. This
 *    names what is wrong (truncated, no frame header, too large a
 *    resolution…) and refuses a declared-huge image before any pixel work.
 * 2. A full decode with jpeg-js (pure JS), non-tolerant, with its resolution
 *    and memory limits set, so that only images that decode are stored and a
 *    decompression bomb cannot make the server allocate more than the limit.
 *    Measured on the development machine (Node 20, 2 shared cores), photos
 *    written by libjpeg-turbo (what Chromium encodes with) at quality 85,
 *    4:2:0: 640×480 (62 kB) 16–19 ms per snapshot, progressive 20–26 ms;
 *    1280×720 (150 kB) 48–56 ms; the largest accepted, 1920×1080 at 4:4:4
 *    (370 kB), about 240 ms and 42 MB. The structural walk takes under
 *    0.1 ms. Snapshots come per proctoring event, not per frame, so the
 *    decode is affordable; the limits bound what one upload can cost.
 */

export interface JpegLimits {
  /** Largest width × height accepted. */
  maxPixels: number;
  /** Largest width or height accepted. */
  maxSide: number;
  /**
   * Most scans (SOS) accepted: the decoder goes over every block once per
   * scan, so a body of thousands of tiny scans would cost minutes of CPU.
   * Browsers write one (baseline); a progressive JPEG from libjpeg has 10.
   */
  maxScans: number;
  /** Ceiling on what the decoder may allocate (jpeg-js `maxMemoryUsageInMB`). */
  maxMemoryMB: number;
}

/**
 * Snapshots are the camera's frame, asked for at 640×480 (src-renderer/proctoring/camera.ts),
 * 1280×720 on some cameras; up to 1920×1080 worth of pixels is accepted.
 */
export const SNAPSHOT_JPEG_LIMITS: JpegLimits = {
  maxPixels: 1920 * 1080,
  maxSide: 4096,
  maxScans: 32,
  maxMemoryMB: 64,
};

export interface JpegFrame {
  width: number;
  height: number;
  components: number;
  progressive: boolean;
}

export class JpegProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JpegProblem';
  }
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** The frame headers of the Huffman-coded processes jpeg-js decodes: baseline, extended sequential, progressive. */
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);
/** Lossless, hierarchical and arithmetic-coded frame headers: valid JPEG, but not something a browser writes. */
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
const u16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;

/**
 * Walks the marker structure of a JPEG and returns its frame, or throws a
 * JpegProblem whose message says what is wrong (phrased to follow "The body
 * is not an acceptable JPEG image: ").
 */
export function readJpegStructure(bytes: Uint8Array, limits: JpegLimits = SNAPSHOT_JPEG_LIMITS): JpegFrame {
  const fail = (message: string): never => {
    throw new JpegProblem(message);
  };
  const length = bytes.length;
  if (length < 2 || bytes[0] !== 0xff || bytes[1] !== SOI)
    fail('it does not start with the JPEG start-of-image marker (FF D8)');

  let frame: (JpegFrame & { ids: Set<number> }) | undefined;
  let scans = 0;
  let pos = 2;
  for (;;) {
    if (pos >= length) return fail('it is truncated: it ends before the end-of-image marker');
    if (bytes[pos] !== 0xff) fail(`it is malformed: a marker was expected at byte ${pos}`);
    while (bytes[pos] === 0xff) pos++; // a marker may be preceded by fill bytes
    if (pos >= length) fail('it is truncated: it ends inside a marker');
    const marker = bytes[pos]!;
    const at = pos - 1;
    pos++;

    if (marker === EOI) {
      if (!frame) fail('it has no frame header (SOF): no width, height or components are declared');
      if (scans === 0) fail('it has no image data (no start-of-scan segment)');
      if (pos !== length) fail(`it has ${length - pos} bytes after the end-of-image marker`);
      const { ids: _ids, ...found } = frame!;
      return found;
    }
    if (marker === SOI) fail(`it is malformed: a second start-of-image marker at byte ${at}`);
    if (marker < 0xc0) fail(`it is malformed: FF ${hex(marker).slice(2)} at byte ${at} is not a JPEG marker`);
    if (marker >= 0xd0 && marker <= 0xd7) continue; // restart markers stand alone: no length

    if (pos + 2 > length) fail(`it is truncated: the segment at byte ${at} has no length`);
    const size = u16(bytes, pos);
    if (size < 2) fail(`it is malformed: the segment at byte ${at} declares a length of ${size}`);
    if (pos + size > length)
      fail(
        `it is truncated: the ${hex(marker)} segment at byte ${at} declares ${size} bytes, past the end of the body`,
      );
    const body = bytes.subarray(pos + 2, pos + size);
    pos += size;

    if (DECODABLE_SOF.has(marker) || OTHER_SOF.has(marker)) {
      if (frame) fail(`it has a second frame header (SOF) at byte ${at}`);
      if (!DECODABLE_SOF.has(marker))
        fail(`its frame header (SOF ${hex(marker)}) is of a lossless, hierarchical or arithmetic-coded JPEG`);
      if (body.length < 6) fail('its frame header (SOF) is too short');
      const precision = body[0]!;
      const height = u16(body, 1);
      const width = u16(body, 3);
      const components = body[5]!;
      if (body.length !== 6 + 3 * components)
        fail(`its frame header (SOF) is malformed: its length does not match its ${components} components`);
      if (precision !== 8) fail(`it has ${precision}-bit samples: only 8-bit JPEGs are accepted`);
      if (width === 0 || height === 0) fail(`its frame header declares a zero width or height (${width}×${height})`);
      if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels)
        fail(
          `its resolution, ${width}×${height}, is too large: at most ${limits.maxPixels} pixels ` +
            `and ${limits.maxSide} on a side are accepted`,
        );
      if (components !== 1 && components !== 3)
        fail(`it has ${components} colour components: only greyscale (1) or colour (3) JPEGs are accepted`);
      const ids = new Set<number>();
      for (let c = 0; c < components; c++) {
        const sampling = body[7 + 3 * c]!;
        const h = sampling >> 4;
        const v = sampling & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4)
          fail(`its frame header (SOF) is malformed: component ${c + 1} has sampling factors ${h}×${v}`);
        ids.add(body[6 + 3 * c]!);
      }
      if (ids.size !== components) fail('its frame header (SOF) is malformed: two components share an id');
      frame = { width, height, components, progressive: marker === 0xc2, ids };
    } else if (marker === SOS) {
      if (!frame) fail(`it has image data (start-of-scan at byte ${at}) before any frame header (SOF)`);
      const selectors = body[0] ?? 0;
      if (selectors < 1 || selectors > 4 || body.length !== 4 + 2 * selectors)
        fail(`its start-of-scan segment at byte ${at} is malformed`);
      for (let s = 0; s < selectors; s++)
        if (!frame!.ids.has(body[1 + 2 * s]!))
          fail(`its start-of-scan segment at byte ${at} names a component the frame does not have`);
      if (++scans > limits.maxScans) fail(`it has more than ${limits.maxScans} scans (start-of-scan segments)`);
      // Skip the entropy-coded data: it ends at the first 0xFF that is neither
      // a stuffed zero, a restart marker nor a fill byte.
      for (;;) {
        pos = bytes.indexOf(0xff, pos);
        if (pos < 0 || pos + 1 >= length) fail('it is truncated: it ends inside the image data');
        const next = bytes[pos + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
        else if (next === 0xff) pos += 1;
        else break;
      }
    }
    // Other segments (APPn, COM, DQT, DHT, DRI…) are skipped by their length;
    // one the decoder does not know is refused by the decode step.
  }
}

/**
 * Why `bytes` is not an acceptable JPEG, or undefined when it is: the
 * structure is walked, then the image is decoded within `limits`.
 */
export function jpegProblem(bytes: Uint8Array, limits: JpegLimits = SNAPSHOT_JPEG_LIMITS): string | undefined {
  try {
    readJpegStructure(bytes, limits);
  } catch (error) {
    if (error instanceof JpegProblem) return error.message;
    throw error;
  }
  try {
    decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: limits.maxPixels / 1e6,
      maxMemoryUsageInMB: limits.maxMemoryMB,
    });
  } catch (error) {
    // jpeg-js throws Errors (and, on some malformed input, TypeErrors from its own code).
    return `it could not be decoded (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}
