import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { httpStatusByCode, type ApiError } from '../contract/errors.js';
import { VOICE_CLIP_IDS, isVoiceClipId } from '../domain/announcement.js';

export interface VoiceRoutesOptions {
  /** The shipped recordings: `<assetsDir>/id/<clip>.wav` (assets/voice in the repository). */
  assetsDir: string;
  /** A site's own recordings, `<clip>.wav|.ogg|.mp3`; each one present replaces the shipped clip. */
  overrideDir?: string;
}

const CONTENT_TYPES = [
  ['wav', 'audio/wav'],
  ['ogg', 'audio/ogg'],
  ['mp3', 'audio/mpeg'],
] as const;

/** Far above any spoken word; a mistaken file in the override folder is not read into memory and sent to every display. */
const MAX_CLIP_BYTES = 5 * 1024 * 1024;

/**
 * The waiting-room display's voice: `GET /voice/manifest` lists the clip ids and `GET /voice/<clip>`
 * answers one recording. Only ids of VOICE_CLIP_IDS reach the file system, and paths are built from
 * the matched entry of that list, never from the request.
 */
export function registerVoiceRoutes(app: FastifyInstance, options: VoiceRoutesOptions): void {
  const { assetsDir, overrideDir } = options;
  const candidatesByClip = new Map<string, readonly Candidate[]>(
    VOICE_CLIP_IDS.map((clip) => [
      clip,
      [
        ...(overrideDir === undefined
          ? []
          : CONTENT_TYPES.map(([ext, type]) => ({ path: join(overrideDir, `${clip}.${ext}`), type }))),
        { path: join(assetsDir, 'id', `${clip}.wav`), type: 'audio/wav' },
      ],
    ]),
  );

  app.get('/voice/manifest', async (_request, reply) => {
    return reply.header('Cache-Control', 'no-cache').send({ clips: [...VOICE_CLIP_IDS] });
  });

  app.get<{ Params: { clip: string } }>('/voice/:clip', async (request, reply) => {
    const { clip } = request.params;
    const candidates = isVoiceClipId(clip) ? candidatesByClip.get(clip) : undefined;
    if (candidates === undefined) return unknownClip(reply, request.url);
    const found = await openFirst(candidates);
    if (found === undefined) {
      return sendError(reply, { code: 'unavailable', message: `voice clip ${clip} has no recording on this kiosk` });
    }
    const { handle, size, mtimeMs, type } = found;
    // A site may replace a recording while displays run: they must revalidate every time, and the
    // validator changes with the file, so an unchanged clip costs a 304 only.
    const etag = `W/"${size.toString(16)}-${Math.trunc(mtimeMs).toString(16)}"`;
    reply.header('Cache-Control', 'no-cache').header('ETag', etag);
    // Read whole rather than streamed: clips are small, and a FileHandle stream left the keep-alive
    // connection looking busy, so closing the server waited for the station to hang up.
    let body: Buffer;
    try {
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      body = await handle.readFile();
    } finally {
      await handle.close();
    }
    return reply.type(type).send(body);
  });

  // Anything deeper under /voice/ (".../x", "huruf-a.wav/../x") is not a clip either; answered here
  // so it gets the API's error envelope whatever the app's own not-found handler does.
  app.get('/voice/*', async (request, reply) => unknownClip(reply, request.url));
}

interface Candidate {
  path: string;
  type: string;
}

interface OpenClip {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
  type: string;
}

/** Opens rather than checks-then-opens, so a recording replaced in between is never half-served. */
async function openFirst(candidates: readonly Candidate[]): Promise<OpenClip | undefined> {
  for (const { path, type } of candidates) {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch {
      continue;
    }
    try {
      const stats = await handle.stat();
      if (stats.isFile() && stats.size > 0 && stats.size <= MAX_CLIP_BYTES) {
        return { handle, size: stats.size, mtimeMs: stats.mtimeMs, type };
      }
    } catch {
      // An unreadable override falls through to the next candidate, like a missing one.
    }
    await handle.close();
  }
  return undefined;
}

function unknownClip(reply: FastifyReply, url: string): FastifyReply {
  return sendError(reply, { code: 'unknown_method', message: `no voice clip at ${url.slice(0, 80)}` });
}

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(httpStatusByCode[error.code]).header('Cache-Control', 'no-store').send({ ok: false, error });
}
