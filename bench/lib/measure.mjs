// Spawning one timed run: wall time from spawn to exit, peak RSS from /usr/bin/time -f %M
// (or, without it, from polling /proc/<pid>/status VmHWM of the process tree).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TIME_BIN = '/usr/bin/time';

/** Makes sure /usr/bin/time is there (Debian package `time`); returns the RSS method used. */
export function ensureTimeTool(log, mayInstall = true) {
  if (existsSync(TIME_BIN)) return 'time';
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (mayInstall && isRoot && hasApt) {
    log('installing the Debian package `time` for peak-RSS measurement ...');
    const r = spawnSync(
      'sh',
      [
        '-c',
        'apt-get install -y -q time >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q time >/dev/null 2>&1)',
      ],
      {
        stdio: 'ignore',
        timeout: 180_000,
      },
    );
    if (r.status === 0 && existsSync(TIME_BIN)) return 'time';
  }
  log('/usr/bin/time unavailable: peak RSS is sampled from /proc every 2 ms instead');
  return 'poll';
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Largest VmHWM in the tree under pid (the same quantity /usr/bin/time reports: the largest process). */
function treePeakKb(pid) {
  let peak = vmHwmKb(pid);
  for (const c of childrenOf(pid)) peak = Math.max(peak, treePeakKb(c));
  return peak;
}

/**
 * Runs argv[0] with argv[1..] in cwd with exactly env, stdin from /dev/null.
 * Resolves {code, wallMs, rssKb, stdout, stderr}.
 */
export function timedRun(argv, { cwd, env, rssMethod, scratch, timeoutMs = 300_000 }) {
  return new Promise((resolve, reject) => {
    const rssFile = join(scratch, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    const full = rssMethod === 'time' ? [TIME_BIN, '-f', '%M', '-o', rssFile, ...argv] : argv;
    const out = [];
    const err = [];
    let pollPeak = 0;
    const t0 = performance.now();
    const child = spawn(full[0], full.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const poll =
      rssMethod === 'poll' ? setInterval(() => (pollPeak = Math.max(pollPeak, treePeakKb(child.pid))), 2) : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let rssKb = pollPeak;
      if (rssMethod === 'time') {
        try {
          // time writes "Command exited with non-zero status N" before the figure on failure.
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          rssKb = Number(lines[lines.length - 1]);
        } catch {
          rssKb = NaN;
        }
        rmSync(rssFile, { force: true });
      }
      resolve({
        code: code ?? (signal ? 128 : 1),
        signal,
        wallMs,
        rssKb,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}
