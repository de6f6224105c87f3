// What the benchmarks read of a process from /proc (Linux): its stat line and its CPU time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A process's /proc/<pid>/stat: its command name and the fields after it (state, ppid, … — the
 * name is in parentheses and may itself hold spaces); undefined once the process is gone.
 */
export function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      fields: stat.slice(stat.lastIndexOf(')') + 2).split(' '),
    };
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of the times in /proc (USER_HZ). */
export let CLOCK_TICKS = 100;
try {
  CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // Linux's usual USER_HZ.
}

/** CPU time a process has used so far (user + system), in clock ticks. */
export function cpuTicksOf(pid) {
  const stat = procStat(pid);
  return stat && Number(stat.fields[11]) + Number(stat.fields[12]);
}
