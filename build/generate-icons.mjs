#!/usr/bin/env node
/*
 * Draws the app icon (a white check mark on a rounded indigo-to-teal square)
 * and writes it as PNG files, using only Node built-ins. The PNGs are
 * committed; run this again only to change the design:
 *
 *   node build/generate-icons.mjs
 *
 * Outputs:
 *   build/icon.png             512×512, electron-builder derives the macOS .icns and Windows .ico from it
 *   build/icons/<N>x<N>.png    Linux icon set (AppImage, deb)
 *   resources/icons/icon.png   256×256, the window icon on Linux at run time
 *
 * Shapes are drawn as signed distance fields, which gives anti-aliased edges
 * at every size without a graphics library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Signed distance to a rounded square centred at 0.5,0.5 (negative inside). Units: fraction of the icon. */
function roundedSquareDistance(x, y, halfSide, radius) {
  const qx = Math.abs(x - 0.5) - (halfSide - radius);
  const qy = Math.abs(y - 0.5) - (halfSide - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const CHECK = [
  [0.29, 0.52],
  [0.44, 0.67],
  [0.72, 0.37],
];
const CHECK_HALF_WIDTH = 0.045;
const TOP_LEFT = [0x4f, 0x46, 0xe5]; // indigo
const BOTTOM_RIGHT = [0x0d, 0x94, 0x88]; // teal

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  // Coverage from a signed distance in icon units: a one-pixel-wide linear ramp across the edge.
  const coverage = (distance) => Math.max(0, Math.min(1, 0.5 - distance * size));
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      const square = coverage(roundedSquareDistance(x, y, 0.44, 0.1));
      const checkDistance =
        Math.min(segmentDistance(x, y, CHECK[0], CHECK[1]), segmentDistance(x, y, CHECK[1], CHECK[2])) - CHECK_HALF_WIDTH;
      const check = coverage(checkDistance);
      const t = (x + y) / 2;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel += 1) {
        const background = TOP_LEFT[channel] + (BOTTOM_RIGHT[channel] - TOP_LEFT[channel]) * t;
        rgba[offset + channel] = Math.round(background + (255 - background) * check);
      }
      rgba[offset + 3] = Math.round(255 * square);
    }
  }
  return encodePng(size, rgba);
}

function write(relative, size) {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, render(size));
  console.log(`${relative} (${size}×${size})`);
}

write('build/icon.png', 512);
for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`build/icons/${size}x${size}.png`, size);
write('resources/icons/icon.png', 256);
