/**
 * The built-in templates a function can start from (`getTemplates`, `createFromTemplate`):
 * the three the old backend named (http-handler, database-trigger, scheduled-job) plus the
 * dashboard's own hello-world, each real code that runs in the sandbox as it is.
 */
import type { components } from '@lockstep/contract';

type Template = components['schemas']['FunctionsTemplate'];

/** Every template, in display order. */
export const templates: readonly Template[] = [
  {
    id: 'hello-world',
    name: 'Hello World',
    description: 'The smallest function: answers a fixed JSON message.',
    runtime: 'deno',
    category: 'http',
    code: 'export default async function handler(req) {\n  return { message: "Hello World" };\n}\n',
  },
  {
    id: 'http-handler',
    name: 'HTTP handler',
    description: 'Answers an invocation with a JSON greeting for payload.name.',
    runtime: 'javascript',
    category: 'http',
    code: "export default async function handler(payload) {\n  return { greeting: 'Hello, ' + (payload?.name ?? 'world') };\n}\n",
  },
  {
    id: 'database-trigger',
    name: 'Database trigger',
    description: 'Runs on a row change (an event trigger) and logs what changed.',
    runtime: 'javascript',
    category: 'database',
    code: "export default async function handler(payload, context) {\n  const t = context.trigger ?? {};\n  console.log((t.operation ?? 'change') + ' on ' + (t.table ?? 'a table'), JSON.stringify(t.record ?? null));\n  return { handled: true };\n}\n",
  },
  {
    id: 'scheduled-job',
    name: 'Scheduled job',
    description: 'Runs on a cron schedule and logs when it ran.',
    runtime: 'javascript',
    category: 'scheduled',
    code: "export default async function handler(payload: unknown, context: { trigger?: { scheduled_at?: string } }) {\n  console.info('tick', context.trigger?.scheduled_at ?? new Date().toISOString());\n  return { ran_at: new Date().toISOString() };\n}\n",
  },
];

/** The template with this id, if any. */
export function templateById(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}
