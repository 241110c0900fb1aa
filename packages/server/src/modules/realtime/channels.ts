/** The PostgreSQL notification channels of realtime, one pair per schema. */

/** The channel names of a schema: change ids from the capture trigger, and the bus between instances. */
export function channelsOf(schema: string): { changes: string; bus: string } {
  return { changes: `ls_changes_${schema}`, bus: `ls_realtime_${schema}` };
}
