/** Whether a port can be bound, asked before a server starts so that a busy port is one line, not a stack. */
import { createServer } from 'node:net';
import { UsageError } from '../usage-error';

/** Binds `host:port` for a moment; a busy or forbidden port is a UsageError naming it. Port 0 is always free. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new UsageError(`port ${port} on ${host} is busy (another process listens there); choose another with --port`),
        );
      else if (error.code === 'EACCES')
        reject(
          new UsageError(
            `port ${port} on ${host} needs privileges this process does not have; choose another with --port`,
          ),
        );
      else reject(new UsageError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
