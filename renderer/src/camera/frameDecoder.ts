/**
 * Reads a SIAPkerja-ID code (QR or Code 128) from one camera frame with zxing-wasm, the decoder
 * chosen by `scripts/bench/cameraDecode.ts` (it read more of the blurred, dim, tilted and small
 * frames than @zxing/library, and faster).
 *
 * The .wasm binary must come from the app's own origin (the kiosk is offline and the CSP allows
 * nothing else), so the caller says where it is: a URL in the browser, the bytes under Node.
 * Kept free of DOM types so the unit tests and the bench run it under Node.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

/** The shape of DOM ImageData that the decoder reads: RGBA, row-major. */
export interface FrameLike {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Where zxing-wasm finds its binary: never its default, a CDN. */
export type WasmSource = { readonly wasmUrl: string } | { readonly wasmBinary: ArrayBuffer };

export interface FrameDecoder {
  /** Fetches and compiles the wasm; rejects if it cannot (missing file, CSP without wasm). */
  ready(): Promise<void>;
  /** The text of the first code found in the frame, or null if there is none. */
  decode(frame: FrameLike): Promise<string | null>;
}

/** The formats a SIAPkerja-ID shows: the QR in the app, the Code 128 strip on a printed card. */
export const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode', 'Code128'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
};

/**
 * zxing-wasm keeps one module per page, so there is one decoder per page too: calling this again
 * with another source replaces the module the earlier decoder used.
 */
export function createFrameDecoder(source: WasmSource): FrameDecoder {
  const overrides =
    'wasmUrl' in source
      ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? source.wasmUrl : prefix + path) }
      : // Emscripten still asks locateFile for the name; answering it keeps the CDN default out.
        { wasmBinary: source.wasmBinary, locateFile: (path: string, prefix: string) => prefix + path };
  let module: Promise<unknown> | undefined;
  const ready = () => {
    module ??= prepareZXingModule({ overrides, fireImmediately: true }).catch((error: unknown) => {
      // Let a later attempt try again (the file may have been mid-update), not replay the failure.
      module = undefined;
      throw error;
    });
    return module.then(() => undefined);
  };
  return {
    ready,
    async decode(frame) {
      await ready();
      // zxing-wasm reads anything with width, height and RGBA data; its types name DOM ImageData.
      const results = await readBarcodes(frame as unknown as Parameters<typeof readBarcodes>[0], READER_OPTIONS);
      const found = results.find((result) => result.isValid && result.text !== '');
      return found ? found.text : null;
    },
  };
}
