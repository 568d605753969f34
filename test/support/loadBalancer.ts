import { createServer, connect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

/**
 * A loopback TCP load balancer for tests: round-robin over upstream ports, optionally terminating
 * TLS (as a ministry's load balancer would), and switchable "offline" — then every connection is
 * cut at once, the way a dead uplink looks to a kiosk. Real sockets, nothing simulated above TCP.
 */
export interface LoadBalancer {
  port: number;
  url: string;
  setUpstreams(ports: readonly number[]): void;
  setOffline(offline: boolean): void;
  /** Connections handed to each upstream port so far. */
  connections(): Map<number, number>;
  close(): Promise<void>;
}

export async function startLoadBalancer(options: { upstreams: readonly number[]; tls?: { key: string; cert: string }; port?: number }): Promise<LoadBalancer> {
  let upstreams = [...options.upstreams];
  let offline = false;
  let next = 0;
  const counts = new Map<number, number>();
  const sockets = new Set<Socket>();

  const handle = (client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (offline || upstreams.length === 0) {
      client.destroy();
      return;
    }
    const port = upstreams[next % upstreams.length]!;
    next += 1;
    counts.set(port, (counts.get(port) ?? 0) + 1);
    const upstream = connect({ host: '127.0.0.1', port });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const server: Server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `${options.tls ? 'https' : 'http'}://${options.tls ? 'localhost' : '127.0.0.1'}:${port}`,
    setUpstreams(ports) {
      upstreams = [...ports];
      // A reconfigured balancer drops what it carried: keep-alive sockets must not keep reaching the old upstream.
      for (const socket of sockets) socket.destroy();
    },
    setOffline(value) {
      offline = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    connections: () => new Map(counts),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
