import type { MethodOutput } from '../../../src/contract/api.js';

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at += 1) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/**
 * Saves a file the host made (a report export, a diagnostics bundle) through the browser's own
 * download, and returns its object URL for a "download again" link. The caller revokes the URL
 * when it is replaced or the page goes.
 */
export function downloadFile(file: MethodOutput<'reports.export' | 'diagnostics.bundle'>): { url: string; filename: string } {
  const url = URL.createObjectURL(new Blob([base64Bytes(file.base64)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  return { url, filename: file.filename };
}
