/**
 * Lets the benchmark ask a server process for the CPU it has used (`process.cpuUsage()`, every
 * thread of the process, in µs): the run divides the difference over a load by the requests
 * answered, a figure a noisy machine skews less than requests per second.
 */
export function answerCpuQueries(): void {
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
}
