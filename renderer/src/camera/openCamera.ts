/**
 * Opens the kiosk's camera for scanning: the rear (environment) camera when there is one, any
 * camera otherwise. Failures arrive as a CameraError whose `problem` says what to tell the visitor.
 */

/** Why there is no picture: each has its own message on screen. */
export type CameraProblem =
  /** No camera API here: an old browser, or a station page over plain http (not a secure context). */
  | 'unsupported'
  | 'no-camera'
  | 'denied'
  /** Another program (or another tab) holds the camera, or the driver failed to start it. */
  | 'busy'
  | 'failed';

export class CameraError extends Error {
  constructor(
    readonly problem: CameraProblem,
    cause?: unknown,
  ) {
    super(`camera: ${problem}`, { cause });
    this.name = 'CameraError';
  }
}

/** 640×480 is plenty for a code held at arm's length, and cheap to decode on two cores. */
const PREFERRED: MediaTrackConstraints = { facingMode: { ideal: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } };

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export async function openCamera(mediaDevices: MediaDevices | undefined = navigator.mediaDevices): Promise<MediaStream> {
  if (!mediaDevices?.getUserMedia) throw new CameraError('unsupported');
  try {
    return await mediaDevices.getUserMedia({ video: PREFERRED, audio: false });
  } catch (first) {
    // Only a camera that cannot meet the wishes is worth a second, plainer try.
    if (problemOf(first) !== 'no-camera') throw new CameraError(problemOf(first), first);
    try {
      return await mediaDevices.getUserMedia({ video: true, audio: false });
    } catch (second) {
      throw new CameraError(problemOf(second), second);
    }
  }
}

/** Turns the camera off: its light goes out and other apps may use it. */
export function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
