import { Header, Pack, ReadEntry } from 'tar';

export interface ArchiveFile {
  /** Relative, forward slashes: `manifest.json`, `logs/kiosk-2026-11-23.log`. */
  path: string;
  body: Buffer;
}

/**
 * A gzipped ustar archive of files held in memory. node-tar packs from the file system; a
 * `ReadEntry` made from a `Header` is its way of adding an entry that has no file behind it, so
 * nothing of the bundle is ever staged on disk. Portable: no owner names, ids or atimes.
 */
export async function packTarGz(files: readonly ArchiveFile[], mtime: Date): Promise<Buffer> {
  const pack = new Pack({ gzip: true, portable: true });
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const file of files) {
    const header = new Header({ path: file.path, mode: 0o644, size: file.body.length, mtime, type: 'File', uid: 0, gid: 0 });
    const entry = new ReadEntry(header);
    pack.add(entry);
    entry.end(file.body);
  }
  pack.end();
  await finished;
  return Buffer.concat(chunks);
}
