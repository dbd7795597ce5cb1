import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Builder, ByteBuffer } from 'flatbuffers';

/*
 * The face-detection model the app ships, generated at build time.
 *
 * The only face model available offline is `face_detection_short_range.tflite`
 * from @mediapipe/face_detection (Apache-2.0). tasks-vision's FaceDetector
 * refuses it as shipped ("Input tensor has type float32: it requires specifying
 * NormalizationOptions metadata"), so we add a TFLITE_METADATA entry following
 * MediaPipe's metadata_schema.fbs: an RGB image input normalised with mean 127.5
 * and std 127.5 (pixels into [-1, 1]).
 *
 * How, without rewriting the model: the original file is appended verbatim after
 * a new prefix holding a new root `Model` table. Flatbuffer references only point
 * forward, so the new table can reuse the original subgraphs, operator codes and
 * buffers where they lie; the prefix adds a `buffers` vector with one more entry
 * (the metadata bytes) and a `metadata` vector naming it. The prefix length is a
 * multiple of 16, so the original weights keep their alignment.
 *
 * Run `npx tsx scripts/build-face-model.ts [OUT]` to write the model to a file;
 * builds get it from the Vite plugin in scripts/vite-face-detector.ts.
 */

const require = createRequire(import.meta.url);

/** The npm-shipped model, resolved through node_modules so any install layout works. */
export function faceModelSourcePath(): string {
  return resolve(
    dirname(require.resolve('@mediapipe/face_detection/package.json')),
    'face_detection_short_range.tflite',
  );
}

// Slots of tflite::Model (tensorflow/lite/schema/schema.fbs).
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
};
const MODEL_SLOTS = 7;

/** The ModelMetadata flatbuffer (file identifier M001) describing the input tensor. */
export function faceModelMetadata(): Uint8Array {
  const b = new Builder(512);
  const floats = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i -= 1) b.addFloat32(values[i]!);
    return b.endVector();
  };
  const offsets = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i -= 1) b.addOffset(values[i]!);
    return b.endVector();
  };

  const mean = floats([127.5]);
  const std = floats([127.5]);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();

  b.startObject(2); // ProcessUnit { options: ProcessUnitOptions }
  b.addFieldInt8(0, 1, 0); // union type: NormalizationOptions
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();

  b.startObject(2); // ImageSize
  b.addFieldInt32(0, 128, 0);
  b.addFieldInt32(1, 128, 0);
  const size = b.endObject();
  b.startObject(2); // ImageProperties
  b.addFieldInt8(0, 1, 0); // ColorSpaceType.RGB
  b.addFieldOffset(1, size, 0);
  const imageProperties = b.endObject();

  b.startObject(3); // Content { content_properties: ContentProperties, range }
  b.addFieldInt8(0, 2, 0); // union type: ImageProperties
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();

  const inputName = b.createString('image');
  const units = offsets([processUnit]);
  b.startObject(7); // TensorMetadata
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, units, 0);
  const input = b.endObject();

  const inputs = offsets([input]);
  b.startObject(10); // SubGraphMetadata
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();

  const name = b.createString('face_detection_short_range');
  const description = b.createString(
    'MediaPipe BlazeFace short-range face detector (@mediapipe/face_detection@0.4.1657300184), metadata added by Assist-Ten',
  );
  const license = b.createString('Apache-2.0');
  const parser = b.createString('1.0.0');
  const subgraphs = offsets([subgraph]);
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(5, license, 0);
  b.addFieldOffset(7, parser, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array();
}

/** Sequential writer for the prefix; every reference it writes points forward. */
class Prefix {
  readonly bytes = new Uint8Array(64 * 1024);
  readonly view = new DataView(this.bytes.buffer);
  length = 0;
  alloc(size: number, align = 4): number {
    this.length = Math.ceil(this.length / align) * align;
    const at = this.length;
    this.length += size;
    if (this.length > this.bytes.length) throw new Error('face model prefix overflow');
    return at;
  }
  u16(at: number, v: number) {
    this.view.setUint16(at, v, true);
  }
  u32(at: number, v: number) {
    this.view.setUint32(at, v, true);
  }
  /** A uoffset at `at` to absolute position `target`. */
  ref(at: number, target: number) {
    if (target <= at) throw new Error('flatbuffer references must point forward');
    this.u32(at, target - at);
  }
  /** A table with a vtable just before it; returns the table position and its field positions. */
  table(slots: (0 | 4)[]): { at: number; fields: number[] } {
    const vtableSize = 4 + 2 * slots.length;
    const vtable = this.alloc(vtableSize, 2);
    const tableSize = 4 + slots.reduce<number>((sum, s) => sum + s, 0);
    const at = this.alloc(tableSize, 4);
    this.view.setInt32(at, at - vtable, true);
    this.u16(vtable, vtableSize);
    this.u16(vtable + 2, tableSize);
    let offset = 4;
    const fields = slots.map((size, i) => {
      this.u16(vtable + 4 + 2 * i, size ? offset : 0);
      const field = at + offset;
      offset += size;
      return size ? field : -1;
    });
    return { at, fields };
  }
}

/** The model with a TFLITE_METADATA entry; the original bytes follow the new prefix unchanged. */
export function withTfliteMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const bb = new ByteBuffer(model);
  if (bb.__has_identifier('TFL3') === false) throw new Error('not a TFLite model (identifier TFL3 missing)');
  const root = bb.readUint32(0);
  const field = (slot: number) => {
    const o = bb.__offset(root, 4 + 2 * slot);
    return o ? root + o : 0;
  };
  if (field(MODEL.metadata)) throw new Error('the model already has metadata; refusing to add another entry');
  const oldBuffers = field(MODEL.buffers);
  if (!oldBuffers) throw new Error('the model has no buffers vector');
  const bufferTables = bb.__vector(oldBuffers);
  const bufferCount = bb.__vector_len(oldBuffers);

  const p = new Prefix();
  const rootRef = p.alloc(4);
  p.bytes.set(new TextEncoder().encode('TFL3'), p.alloc(4));
  const kept = [MODEL.operatorCodes, MODEL.subgraphs, MODEL.description, MODEL.metadataBuffer].filter(field);
  const slots: (0 | 4)[] = Array.from({ length: MODEL_SLOTS }, (_, slot) =>
    slot === MODEL.buffers || slot === MODEL.metadata || kept.includes(slot) || (slot === MODEL.version && field(slot))
      ? 4
      : 0,
  );
  const modelTable = p.table(slots);
  const buffersVec = p.alloc(4 + 4 * (bufferCount + 1));
  const metadataVec = p.alloc(8);
  const metadataTable = p.table([4, 4]);
  const nameBytes = new TextEncoder().encode('TFLITE_METADATA');
  const name = p.alloc(4 + nameBytes.length + 1);
  const bufferTable = p.table([4]);
  // force_align 16 on Buffer.data: the bytes after the length word start on a 16-byte boundary.
  p.alloc(0, 16);
  p.alloc(12, 1);
  const data = p.alloc(4 + metadata.length, 4);
  p.alloc(0, 16);
  const shift = p.length; // where the original model starts in the output

  p.ref(rootRef, modelTable.at);
  const f = modelTable.fields;
  if (field(MODEL.version)) p.u32(f[MODEL.version]!, bb.readUint32(field(MODEL.version)));
  for (const slot of kept) p.ref(f[slot]!, shift + field(slot) + bb.readUint32(field(slot)));
  p.ref(f[MODEL.buffers]!, buffersVec);
  p.ref(f[MODEL.metadata]!, metadataVec);

  p.u32(buffersVec, bufferCount + 1);
  for (let i = 0; i < bufferCount; i += 1) {
    const slot = bufferTables + 4 * i;
    p.ref(buffersVec + 4 + 4 * i, shift + slot + bb.readUint32(slot));
  }
  p.ref(buffersVec + 4 + 4 * bufferCount, bufferTable.at);

  p.u32(metadataVec, 1);
  p.ref(metadataVec + 4, metadataTable.at);
  p.ref(metadataTable.fields[0]!, name);
  p.u32(metadataTable.fields[1]!, bufferCount); // index of the new buffer
  p.u32(name, nameBytes.length);
  p.bytes.set(nameBytes, name + 4);
  p.ref(bufferTable.fields[0]!, data);
  p.u32(data, metadata.length);
  p.bytes.set(metadata, data + 4);

  const out = new Uint8Array(shift + model.length);
  out.set(p.bytes.subarray(0, shift));
  out.set(model, shift);
  return out;
}

/** The model as the app ships it. */
export async function buildFaceModel(): Promise<Uint8Array> {
  const source = new Uint8Array(await readFile(faceModelSourcePath()));
  return withTfliteMetadata(source, faceModelMetadata());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = resolve(process.argv[2] ?? 'out/face_detection_short_range.tflite');
  const model = await buildFaceModel();
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, model);
  process.stdout.write(`${out}: ${model.length} bytes\n`);
}
