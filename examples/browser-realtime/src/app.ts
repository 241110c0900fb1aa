/**
 * Runs in the browser. Signs in, subscribes to the `notes` table over the realtime WebSocket
 * (the browser's own WebSocket, through `client.realtime`) and lists each change as it
 * arrives, whoever made it. #status says when the subscription is confirmed.
 */
import { createClient } from '@lockstep/sdk';

const params = new URL(location.href).searchParams;
const client = createClient({ url: params.get('api') ?? 'http://localhost:54321' });
const status = document.getElementById('status')!;
const feed = document.getElementById('feed')!;

function show(line: string): void {
  const item = document.createElement('li');
  item.textContent = line;
  feed.append(item);
}

async function run(): Promise<void> {
  const { error } = await client.auth.signIn({ body: { email: 'admin@example.com', password: 'Realtime-pass-1' } });
  if (error) throw new Error(`sign-in: ${error.message}`);
  const notes = client.realtime
    .channel('db:notes')
    .on('*', ({ record }, event) => show(`${event} ${String(record.title)}`))
    .onError((message) => show(`error ${message}`))
    .subscribe();
  await client.realtime.connect();
  const waiting = setInterval(() => {
    if (!notes.subscriptionId) return;
    clearInterval(waiting);
    status.textContent = 'subscribed to db:notes';
    status.dataset.subscribed = 'true';
  }, 20);
}

run().catch((error: unknown) => {
  status.textContent = `failed: ${String(error)}`;
  status.dataset.failed = 'true';
});
