/**
 * The waiting-room display's voice: plays announcements (lists of clip ids from the host, e.g.
 * ['chime', 'nomor-antrean', 'huruf-a', 'seratus', …]) by chaining the recordings served at
 * `/voice/<clip>`. Works offline on the site network: no speech service, no packages.
 *
 * Only the parts of Web Audio used here are typed below, so this file compiles without DOM types
 * (unit tests run it under Node with a fake context); a real AudioContext fits these shapes.
 */

export interface AudioBufferLike {
  readonly duration: number;
}

export interface AudioBufferSourceLike {
  buffer: AudioBufferLike | null;
  connect(destination: AudioDestinationLike): unknown;
  start(when?: number): void;
  stop(when?: number): void;
}

export type AudioDestinationLike = object;

export interface AudioContextLike {
  /** 'suspended' until a user gesture resumes it (browser autoplay rules), then 'running'. */
  readonly state: string;
  readonly currentTime: number;
  readonly destination: AudioDestinationLike;
  resume(): Promise<void>;
  close(): Promise<void>;
  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike>;
  createBufferSource(): AudioBufferSourceLike;
}

export interface AnnouncerOptions {
  /** Origin of the kiosk host, e.g. 'http://192.168.1.10:8080'; '' for the page's own origin. */
  baseUrl: string;
  audioContextFactory?: () => AudioContextLike;
}

export interface AnnouncementEntry {
  clips: string[];
  /** Epoch milliseconds when the announcement began (or was skipped, when not played). */
  startedAt: number;
  /** False when sound is not allowed yet, or no clip of it could be loaded. */
  played: boolean;
}

export interface AnnouncerError {
  reason: 'clip_failed' | 'queue_full' | 'audio_unavailable';
  message: string;
  /** The clip that failed to load (clip_failed). */
  clip?: string;
  /** The announcement that was dropped (queue_full). */
  clips?: string[];
}

/** A callout must wait for the one before it, but a backlog of stale calls helps no one. */
export const MAX_PENDING_ANNOUNCEMENTS = 20;
/** Between words: enough to keep them apart, short enough to sound like one sentence. */
export const CLIP_GAP_SECONDS = 0.06;
/** Between announcements, so two calls are heard as two. */
export const ANNOUNCEMENT_GAP_MS = 700;
/** Scheduling slightly ahead keeps the first clip from being clipped by a busy main thread. */
const START_LEAD_SECONDS = 0.05;
/** A host that stops answering must not hold up every later call. */
const CLIP_LOAD_TIMEOUT_MS = 8000;
/** While a call plays, how often to check that the context still runs (it may be suspended). */
const PLAYBACK_POLL_MS = 500;

export class Announcer {
  private readonly baseUrl: string;
  private readonly createContext: () => AudioContextLike;
  private context: AudioContextLike | undefined;
  private contextUnavailable = false;
  private readonly buffers = new Map<string, Promise<AudioBufferLike>>();
  private readonly pending: string[][] = [];
  private playing = false;
  private disposed = false;
  private activeSources: AudioBufferSourceLike[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly announcementListeners = new Set<(entry: AnnouncementEntry) => void>();
  private readonly errorListeners = new Set<(error: AnnouncerError) => void>();

  constructor(options: AnnouncerOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.createContext = options.audioContextFactory ?? defaultAudioContext;
  }

  /** Whether the browser lets this page make sound now; false until `unlock()` after a tap. */
  get soundAllowed(): boolean {
    return !this.disposed && this.context?.state === 'running';
  }

  /**
   * Call from a tap or key handler: browsers only start audio in response to the user. `resume()`
   * is called before the first await so it still counts as part of the gesture.
   */
  async unlock(): Promise<boolean> {
    const context = this.ensureContext();
    if (context === undefined) return false;
    if (context.state !== 'running') {
      try {
        await context.resume();
      } catch (error) {
        this.reportError({ reason: 'audio_unavailable', message: `sound could not be switched on: ${messageOf(error)}` });
      }
    }
    return this.soundAllowed;
  }

  /** Fetches and decodes clips ahead of the first call, so it starts without a delay. */
  async preload(clips: readonly string[]): Promise<void> {
    const context = this.ensureContext();
    if (context === undefined) return;
    await Promise.all(clips.map((clip) => this.load(context, clip).catch(() => undefined)));
  }

  /** Queues a call; calls play one after another, never together. A recall is simply queued again. */
  announce(clips: readonly string[]): void {
    if (this.disposed) return;
    this.pending.push([...clips]);
    while (this.pending.length > MAX_PENDING_ANNOUNCEMENTS) {
      const dropped = this.pending.shift() ?? [];
      this.reportError({
        reason: 'queue_full',
        message: `more than ${MAX_PENDING_ANNOUNCEMENTS} calls waiting; the oldest was dropped`,
        clips: dropped,
      });
    }
    void this.pump();
  }

  /** Every call, played or not, in order; returns a function that stops listening. */
  onAnnouncement(listener: (entry: AnnouncementEntry) => void): () => void {
    this.announcementListeners.add(listener);
    return () => this.announcementListeners.delete(listener);
  }

  onError(listener: (error: AnnouncerError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pending.length = 0;
    this.stopActiveSources();
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
    this.announcementListeners.clear();
    this.errorListeners.clear();
    this.buffers.clear();
    this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  private async pump(): Promise<void> {
    if (this.playing) return;
    this.playing = true;
    try {
      for (let clips = this.pending.shift(); clips !== undefined && !this.disposed; clips = this.pending.shift()) {
        await this.play(clips);
      }
    } finally {
      this.playing = false;
    }
  }

  private async play(clips: string[]): Promise<void> {
    const context = this.context;
    if (context === undefined || !this.soundAllowed) {
      this.emit({ clips, startedAt: Date.now(), played: false });
      return;
    }
    const buffers = await Promise.all(
      clips.map((clip) =>
        this.load(context, clip).catch((error: unknown) => {
          this.reportError({ reason: 'clip_failed', clip, message: `voice clip ${clip} could not be loaded: ${messageOf(error)}` });
          return undefined;
        }),
      ),
    );
    if (this.disposed) return;
    if (!this.soundAllowed) {
      this.emit({ clips, startedAt: Date.now(), played: false });
      return;
    }

    // Scheduled on the audio clock in one go: timers would drift and leave uneven gaps.
    let at = context.currentTime + START_LEAD_SECONDS;
    let end = at;
    const sources: AudioBufferSourceLike[] = [];
    for (const buffer of buffers) {
      if (buffer === undefined) continue;
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.start(at);
      sources.push(source);
      end = at + buffer.duration;
      at = end + CLIP_GAP_SECONDS;
    }
    this.activeSources = sources;
    this.emit({ clips, startedAt: Date.now(), played: sources.length > 0 });
    if (sources.length === 0) return;

    // Waits on the audio clock rather than on `onended`, which never fires if the context is
    // suspended mid-call (screen saver, audio device lost): the queue must not stall on it.
    while (!this.disposed) {
      const remainingMs = (end - context.currentTime) * 1000;
      if (remainingMs <= 0) break;
      if (!this.soundAllowed) {
        // Left scheduled, the rest would play over a later call when sound comes back.
        this.stopActiveSources();
        break;
      }
      await this.sleep(Math.min(remainingMs + 5, PLAYBACK_POLL_MS));
    }
    this.activeSources = [];
    await this.sleep(ANNOUNCEMENT_GAP_MS);
  }

  /** Each clip is fetched and decoded once; a failure is forgotten so a later call retries it. */
  private load(context: AudioContextLike, clip: string): Promise<AudioBufferLike> {
    const cached = this.buffers.get(clip);
    if (cached !== undefined) return cached;
    const loading = this.fetchAndDecode(context, clip);
    this.buffers.set(clip, loading);
    loading.catch(() => {
      if (this.buffers.get(clip) === loading) this.buffers.delete(clip);
    });
    return loading;
  }

  private async fetchAndDecode(context: AudioContextLike, clip: string): Promise<AudioBufferLike> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), CLIP_LOAD_TIMEOUT_MS);
    try {
      const response = await fetch(`${this.baseUrl}/voice/${encodeURIComponent(clip)}`, { signal: abort.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.arrayBuffer();
      return await context.decodeAudioData(data);
    } finally {
      clearTimeout(timer);
    }
  }

  private ensureContext(): AudioContextLike | undefined {
    if (this.disposed || this.contextUnavailable) return undefined;
    if (this.context === undefined) {
      try {
        this.context = this.createContext();
      } catch (error) {
        // Reported once: the display still shows every call, silently.
        this.contextUnavailable = true;
        this.reportError({ reason: 'audio_unavailable', message: `no audio output: ${messageOf(error)}` });
      }
    }
    return this.context;
  }

  private stopActiveSources(): void {
    for (const source of this.activeSources) {
      try {
        source.stop();
      } catch {
        // Already stopped or never started: nothing left to silence.
      }
    }
    this.activeSources = [];
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private emit(entry: AnnouncementEntry): void {
    for (const listener of [...this.announcementListeners]) {
      try {
        listener(entry);
      } catch (error) {
        // A failing caption must not silence the calls after it.
        console.error('announcement listener failed', error);
      }
    }
  }

  private reportError(error: AnnouncerError): void {
    for (const listener of [...this.errorListeners]) {
      try {
        listener(error);
      } catch (listenerError) {
        console.error('announcer error listener failed', listenerError);
      }
    }
  }
}

function defaultAudioContext(): AudioContextLike {
  const scope = globalThis as {
    AudioContext?: new () => AudioContextLike;
    webkitAudioContext?: new () => AudioContextLike;
  };
  const AudioContextClass = scope.AudioContext ?? scope.webkitAudioContext;
  if (AudioContextClass === undefined) throw new Error('this browser has no Web Audio');
  return new AudioContextClass();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
