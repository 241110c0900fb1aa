/**
 * The client side of realtime-bench.ts, run in a child process so its sockets and parsing
 * do not count in the server's memory or time: opens sockets, subscribes, and reports how
 * many frames arrived and their latency from `sent_at` (commit or send time) to receipt.
 */
import WebSocket from 'ws';

const sockets: WebSocket[] = [];
let latencies: number[] = [];
let received = 0;

function sentAt(frame: any): number | undefined {
  return frame.payload?.record?.sent_at ?? frame.sent_at;
}

function open(url: string, channel: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'connected' && channel) ws.send(JSON.stringify({ type: 'subscribe', channel }));
      else if (frame.type === 'connected' || frame.type === 'subscribed') resolve();
      else {
        const at = sentAt(frame);
        if (at === undefined) return;
        received++;
        latencies.push(Date.now() - at);
      }
    });
    ws.on('open', () => {
      if (!url.includes('/realtime')) resolve();
    });
    sockets.push(ws);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

process.on('message', async (m: any) => {
  if (m.cmd === 'open') {
    for (let i = 0; i < m.n; i += 200) {
      const batch = [];
      for (let j = i; j < Math.min(m.n, i + 200); j++) batch.push(open(m.urls[j % m.urls.length], m.channel));
      await Promise.all(batch);
    }
    process.send?.({ ok: true, open: sockets.length });
  } else if (m.cmd === 'collect') {
    const sorted = latencies.sort((a, b) => a - b);
    process.send?.({ received, p50: percentile(sorted, 50), p99: percentile(sorted, 99) });
    latencies = [];
    received = 0;
  } else if (m.cmd === 'close') {
    for (const ws of sockets.splice(0)) ws.terminate();
    process.send?.({ ok: true });
  }
});
