import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { CameraError, openCamera, stopStream, type CameraProblem } from './openCamera.js';
import './cameraScanner.css';

/** A few reads a second: enough to feel instant, light enough for the kiosk's two cores. */
export const SCAN_INTERVAL_MS = 250;
/** Frames wider than this are scaled down before decoding; a held-up code needs no more. */
const MAX_DECODE_WIDTH = 960;

export interface CameraScannerProps {
  /** Called once, with the code's text, after the camera has been turned off. */
  onScan(text: string): void;
  /** Called when the visitor taps Batal / Cancel; the camera is already off. */
  onCancel(): void;
}

type ScannerState = 'starting' | 'scanning' | CameraProblem | 'decoder-failed';

/** Indonesian first, English second, as on the rest of the kiosk. */
const TEXT = {
  title: ['Arahkan kode ke kamera', 'Hold the code up to the camera'],
  hint: ['Kode QR di aplikasi SIAPkerja atau kode batang di kartu, tegak dan diam sejenak.', 'The QR code in the SIAPkerja app or the barcode on the card, upright and still for a moment.'],
  starting: ['Menyalakan kamera…', 'Starting the camera…'],
  scanning: ['Mencari kode…', 'Looking for the code…'],
  unsupported: ['Kamera tidak dapat dipakai di halaman ini. Silakan minta bantuan petugas.', 'The camera cannot be used on this page. Please ask an officer for help.'],
  'no-camera': ['Kamera tidak ditemukan. Silakan minta bantuan petugas.', 'No camera found. Please ask an officer for help.'],
  denied: ['Akses kamera ditolak. Silakan minta bantuan petugas.', 'Camera access was denied. Please ask an officer for help.'],
  busy: ['Kamera sedang dipakai atau tidak merespons. Silakan minta bantuan petugas.', 'The camera is in use or not responding. Please ask an officer for help.'],
  failed: ['Kamera tidak dapat dinyalakan. Silakan minta bantuan petugas.', 'The camera could not be started. Please ask an officer for help.'],
  'decoder-failed': ['Pembaca kode tidak dapat dimuat. Silakan minta bantuan petugas.', 'The code reader could not be loaded. Please ask an officer for help.'],
  cancel: ['Batal', 'Cancel'],
} as const satisfies Record<string, readonly [string, string]>;

function Bilingual({ text }: { text: readonly [string, string] }) {
  return (
    <>
      <span lang="id">{text[0]}</span>
      <span lang="en" className="camera-scanner-en">
        {text[1]}
      </span>
    </>
  );
}

/**
 * The camera fallback for the SIAPkerja-ID scanner: shows the camera's picture, reads it a few
 * times a second, and hands over the first code it reads. The camera is turned off on success,
 * on Cancel and when the component goes away, whichever comes first.
 */
export function CameraScanner({ onScan, onCancel }: CameraScannerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScannerState>('starting');
  const [mirrored, setMirrored] = useState(false);
  /** Turns the camera off and stops reading; set while a session runs. */
  const stop = useRef<() => void>(() => undefined);
  const scanned = useEffectEvent((text: string) => onScan(text));

  useEffect(() => {
    const element = video.current;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let active = true;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      active = false;
      clearTimeout(timer);
      if (stream) stopStream(stream);
      if (element) element.srcObject = null;
    };
    stop.current = end;
    const failed = (error: unknown) => {
      if (!active) return;
      end();
      // Anything but a camera problem is the code reader failing to load or to run.
      setState(error instanceof CameraError ? error.problem : 'decoder-failed');
    };

    const readFrame = async (decode: (image: ImageData) => Promise<string | null>): Promise<void> => {
      if (!active || !element || !context) return;
      if (element.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && element.videoWidth > 0) {
        const scale = Math.min(1, MAX_DECODE_WIDTH / element.videoWidth);
        const width = Math.round(element.videoWidth * scale);
        const height = Math.round(element.videoHeight * scale);
        if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
        context.drawImage(element, 0, 0, width, height);
        const text = await decode(context.getImageData(0, 0, width, height));
        if (!active) return;
        if (text !== null) {
          end();
          scanned(text);
          return;
        }
      }
      // The next read is planned only after this one ends, so slow frames never pile up.
      timer = setTimeout(() => void readFrame(decode).catch(failed), SCAN_INTERVAL_MS);
    };

    const start = async () => {
      // The decoder and its wasm load only when a camera scan is wanted, while the camera starts.
      const decoder = import('./decodeFrame.js').then(async (module) => {
        await module.prepareDecoder();
        return module.decodeFrame;
      });
      decoder.catch(() => undefined);
      const opened = await openCamera();
      if (!active || !element) {
        stopStream(opened);
        return;
      }
      stream = opened;
      // A camera unplugged mid-scan ends its track (our own stop() does not fire this).
      for (const track of opened.getVideoTracks()) track.addEventListener('ended', () => failed(new CameraError('failed')));
      setMirrored(opened.getVideoTracks()[0]?.getSettings().facingMode !== 'environment');
      element.srcObject = opened;
      // A muted inline video may always play; if play() is refused anyway, autoPlay retries it.
      await element.play().catch(() => undefined);
      const decode = await decoder;
      if (!active) return;
      setState('scanning');
      await readFrame(decode);
    };
    start().catch(failed);
    return end;
  }, []);

  const cancel = () => {
    stop.current();
    onCancel();
  };

  const problem = state !== 'starting' && state !== 'scanning';
  return (
    <section className="camera-scanner" data-testid="camera-scanner" data-state={state} aria-labelledby="camera-scanner-title">
      <h2 id="camera-scanner-title" className="camera-scanner-title">
        <Bilingual text={TEXT.title} />
      </h2>
      {/* Hidden rather than removed on a problem: the running effect holds on to the <video>. */}
      <div className="camera-scanner-view" hidden={problem}>
        <video ref={video} className={mirrored ? 'camera-scanner-video mirrored' : 'camera-scanner-video'} muted playsInline autoPlay aria-hidden="true" />
        <div className="camera-scanner-frame" aria-hidden="true" />
      </div>
      <p className={problem ? 'camera-scanner-message problem' : 'camera-scanner-message'} role={problem ? 'alert' : 'status'} data-testid="camera-scanner-message">
        <Bilingual text={TEXT[state]} />
      </p>
      {!problem && (
        <p className="camera-scanner-hint">
          <Bilingual text={TEXT.hint} />
        </p>
      )}
      <button type="button" className="camera-scanner-cancel" onClick={cancel} data-testid="camera-scanner-cancel">
        <Bilingual text={TEXT.cancel} />
      </button>
    </section>
  );
}
