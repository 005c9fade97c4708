// A TCP proxy in front of PostgreSQL, for tests that need the wire: `down` cuts every open connection as a restart
// does and `up` takes new ones again on the same port; `onServerData` sees every byte the server sends.
import net from 'node:net';

export class TcpProxy {
  #server: net.Server | undefined;
  #sockets = new Set<net.Socket>();
  port = 0;

  private constructor(
    private readonly target: URL,
    private readonly onServerData?: (chunk: Buffer) => void,
  ) {}

  /** A proxy to the server of `url`, already taking connections. */
  static async to(url: string, onServerData?: (chunk: Buffer) => void): Promise<TcpProxy> {
    const proxy = new TcpProxy(new URL(url), onServerData);
    await proxy.up();
    return proxy;
  }

  /** The same database, reached through the proxy. */
  get url(): string {
    const through = new URL(this.target);
    through.host = `127.0.0.1:${this.port}`;
    return through.toString();
  }

  async up(): Promise<void> {
    this.#server = net.createServer((client) => {
      const server = net.connect(Number(this.target.port || 5432), this.target.hostname);
      if (this.onServerData) server.on('data', this.onServerData);
      for (const s of [client, server]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => this.#server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
