/** The parts of an OpenAPI document Lockstep's tools read; the rest stays untyped. */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  tags: { name: string; description?: string; 'x-lockstep-status'?: 'done' | 'planned' }[];
  [key: string]: unknown;
};

/** Who may call an operation: nobody needs a credential (`public`), one is optional, or needed with a role. */
export type Access = 'public' | 'optional' | 'user' | 'admin' | 'service';

/** The parts of the AsyncAPI 3.0 document (the realtime WebSocket) Lockstep's tools read. */
export type AsyncApiDocument = {
  asyncapi: string;
  info: { title: string; version: string; description?: string };
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: 'send' | 'receive'; messages: { $ref: string }[]; [key: string]: unknown }>;
  components: { messages: Record<string, { name: string; payload: object; [key: string]: unknown }> } & Record<
    string,
    Record<string, any>
  >;
  [key: string]: unknown;
};
