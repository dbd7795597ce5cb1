import { useEffect, useRef, useState } from 'react';
import { CameraError, openCamera, type CameraProblem } from '../../proctoring/camera';
import { createFaceMonitor, type FaceMonitor } from '../../proctoring/detector';
import type { HeldCamera } from '../../exam/camera-hold';
import { stopCamera } from '../../exam/camera-hold';

const problemText: Record<CameraProblem, string> = {
  denied: 'The camera was blocked. Ask the proctor to allow camera access for this station.',
  not_found: 'No camera was found. Ask the proctor to connect one.',
  ended: 'The camera stopped. Check its cable, then try again.',
  unavailable: 'The camera cannot be used right now (another program may be using it). Try again, or ask the proctor.',
};

type CheckState =
  | { step: 'opening' }
  | { step: 'failed'; message: string }
  | { step: 'live'; faces: number | undefined; detector: boolean };

interface CameraCheckProps {
  /** Called with the live camera once it works, and with undefined when it stops working. */
  onReady: (camera: HeldCamera | undefined) => void;
}

/**
 * The camera check before the test: the live image, and how many faces the
 * detector sees. A working camera is what the test needs; the face count
 * is advice to the candidate (sit so exactly one face is seen).
 */
export function CameraCheck({ onReady }: CameraCheckProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CheckState>({ step: 'opening' });
  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    let current = true;
    let camera: HeldCamera | undefined;
    let handedOver = false;
    let unsubscribe = () => {};
    (async () => {
      const stream = await openCamera();
      if (!current) return stopCamera({ stream });
      if (video.current) video.current.srcObject = stream;
      let monitor: FaceMonitor | undefined;
      try {
        monitor = await createFaceMonitor({ mode: 'single' });
        monitor.start(stream);
        unsubscribe = monitor.subscribe(
          (a) => current && setState({ step: 'live', faces: a.faces.length, detector: true }),
        );
      } catch {
        // No detector on this station: the camera still works, the face count is not shown.
      }
      camera = { stream, ...(monitor ? { monitor } : {}) };
      if (!current) return stopCamera(camera);
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (!current) return;
          setState({ step: 'failed', message: problemText.ended });
          onReadyRef.current(undefined);
        });
      }
      setState({ step: 'live', faces: undefined, detector: Boolean(monitor) });
      handedOver = true;
      onReadyRef.current(camera);
    })().catch((e: unknown) => {
      if (!current) return;
      const message = e instanceof CameraError ? problemText[e.problem] : problemText.unavailable;
      setState({ step: 'failed', message });
      onReadyRef.current(undefined);
    });
    return () => {
      current = false;
      unsubscribe();
      // Handed over cameras belong to the exam now (camera-hold.ts); others are closed here.
      if (camera && !handedOver) stopCamera(camera);
    };
  }, [attempt]);

  return (
    <div className="exam-camera-check">
      <video ref={video} className="exam-camera-preview" autoPlay muted playsInline aria-label="Your camera image" />
      <p role="status" className="exam-camera-status" data-state={state.step}>
        {state.step === 'opening' && 'Starting the camera…'}
        {state.step === 'live' && <FaceStatus faces={state.faces} detector={state.detector} />}
        {state.step === 'failed' && state.message}
      </p>
      {state.step === 'failed' && (
        <button
          type="button"
          className="button"
          onClick={() => {
            setState({ step: 'opening' });
            setAttempt((n) => n + 1);
          }}
        >
          Try the camera again
        </button>
      )}
    </div>
  );
}

function FaceStatus({ faces, detector }: { faces: number | undefined; detector: boolean }) {
  if (!detector) return <>The camera works. (Face detection is not available on this station.)</>;
  if (faces === undefined) return <>The camera works. Looking for your face…</>;
  if (faces === 1) return <>The camera works and sees exactly one face. You are ready.</>;
  if (faces === 0) return <>The camera works but sees no face. Sit facing the camera, in good light.</>;
  return <>The camera sees {faces} faces. Only you may be in view during the test.</>;
}
