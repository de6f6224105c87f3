// What the benchmarks read from /proc (Linux): a process's stat line and CPU time, and the
// machine's CPU time.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

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
  return stat && ticksOf(stat);
}

const ticksOf = (stat) => Number(stat.fields[11]) + Number(stat.fields[12]);

/**
 * The machine's CPU time so far in clock ticks (first line of /proc/stat): busy in all, and the
 * parts no process is charged for — interrupts (the loopback network's softirq) and steal (a
 * virtual machine's host taking the CPU away).
 */
export function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + (steal ?? 0);
  return { busy: total - idle - iowait, total, irq: irq + softirq, steal: steal ?? 0 };
}

/** CPU time of every process running now, by pid: its command name and ticks (user + system). */
export function processTicks() {
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat) {
      ticks.set(Number(entry), { comm: stat.comm, ticks: ticksOf(stat) });
    }
  }
  return ticks;
}

/**
 * CPU time used between two {@link processTicks} snapshots, in ticks, summed by the part
 * `partOf(pid, comm)` names (undefined: not counted). A process started in between counts from
 * zero; one that ended in between is missed.
 */
export function ticksByPart(before, after, partOf) {
  const parts = {};
  for (const [pid, { comm, ticks }] of after) {
    const part = partOf(pid, comm);
    if (part === undefined) continue;
    parts[part] = (parts[part] ?? 0) + ticks - (before.get(pid)?.ticks ?? 0);
  }
  return parts;
}
