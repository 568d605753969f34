/**
 * The camera fallback's decoder in the page: zxing-wasm with its .wasm served from the app's own
 * origin. Vite copies the binary into dist/renderer/assets/ and gives us its URL; nothing is ever
 * fetched from zxing-wasm's default CDN. Compiling it needs `'wasm-unsafe-eval'` in the CSP.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { createFrameDecoder, type FrameDecoder } from './frameDecoder.js';

let decoder: FrameDecoder | undefined;

function pageDecoder(): FrameDecoder {
  decoder ??= createFrameDecoder({ wasmUrl });
  return decoder;
}

/** Fetches and compiles the decoder ahead of the first frame; rejects if it cannot load. */
export function prepareDecoder(): Promise<void> {
  return pageDecoder().ready();
}

/** The text of the SIAPkerja-ID code (QR or Code 128) in the frame, or null if none was read. */
export function decodeFrame(image: ImageData): Promise<string | null> {
  return pageDecoder().decode(image);
}
