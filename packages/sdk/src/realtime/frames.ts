/** The realtime WebSocket's frames as the SDK sees them (types generated from spec/asyncapi.yaml). */
import type { DbChangeFrame, SubscribeFrame } from '@lockstep/contract';

export type { PresenceUser, ServerFrame } from '@lockstep/contract';

/** A change kind of a `db_change` frame. */
export type ChangeEvent = DbChangeFrame['event'];

/** The payload of a `db_change` frame, its rows typed as `Row`. */
export type ChangePayload<Row = Record<string, unknown>> = Omit<DbChangeFrame['payload'], 'record' | 'old_record'> & {
  record: Row;
  old_record?: Row;
};

/** A subscription filter: `{column: value}`, `{column: {op: value}}` or `"column=op.value"`. */
export type RealtimeFilter = NonNullable<SubscribeFrame['filter']>;
