/** The loose shape of any OpenAPI 3.x document the tools read (ours or a third party's). */

/** An OpenAPI 3.0 or 3.1 document as parsed: the top-level fields tools read, the rest untyped. */
export type SpecDocument = {
  openapi?: string;
  info?: { title?: string; version?: string; [key: string]: unknown };
  servers?: { url?: string; [key: string]: unknown }[];
  paths?: Record<string, any>;
  components?: Record<string, Record<string, any>>;
  security?: unknown[];
  tags?: { name?: string; [key: string]: unknown }[];
  [key: string]: any;
};
