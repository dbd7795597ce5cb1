import { encode } from 'jpeg-js';

/**
 * A real JPEG, as jpeg-js encodes it, of a smooth picture with some detail;
 * `seed` shifts the picture, so that two seeds give two different files.
 */
export function jpegImage(width = 640, height = 480, seed = 0): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([(x * 255) / width, (y * 255) / height, 128 + 60 * Math.sin((x + y + seed * 7) / 9), 255], i);
    }
  return encode({ width, height, data }, 85).data;
}
