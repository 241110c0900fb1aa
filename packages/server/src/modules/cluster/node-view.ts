/** A cluster node as the API shows it, with the row and what was read of its standby. */
import type { components } from '@lockstep/contract';
import type { StandbyState } from './standby';
import type { NodeRow } from './store';

/** A node as the API shows it. */
export type ClusterNode = components['schemas']['ClusterNode'];

/** A node with what was read of it. */
export interface NodeView {
  row: NodeRow;
  node: ClusterNode;
  standby?: StandbyState;
}
