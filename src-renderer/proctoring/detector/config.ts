/** Defaults of the face monitor, in one place. */
export const DETECTOR_DEFAULTS = {
  /** Frames analysed per second: enough for events measured in seconds, cheap on a 2-core kiosk. */
  fps: 3,
  mode: 'full' as 'single' | 'full',
  /** Minimum score of a face; below it the short-range model mostly reports clutter. */
  minScore: 0.5,
  /** Side of the model's square input; every pass is drawn to this size. */
  inputSize: 128,
  jpegQuality: 0.85,
};
