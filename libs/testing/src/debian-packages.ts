import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian packages a test needs beyond the backing services (Chromium for the browser e2e,
 * libfaketime for the clock-skew scenario): installs `packages` with apt unless every one of
 * `files` exists — never a download from anywhere else. Waits for another apt or dpkg run's lock
 * instead of failing on it, and refreshes the package lists once if the install fails (they may be
 * missing or stale on a fresh machine). Needs root; elsewhere it leaves the files missing for the
 * caller to report. Returns whether every file exists afterwards.
 */
export function ensureDebianPackages(files: string[], packages: string[]): boolean {
  const present = () => files.every((file) => existsSync(file));
  if (present() || process.getuid?.() !== 0) return present();
  const apt = (args: string[]) =>
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const install = () => apt(['install', '-y', ...packages]);
  try {
    install();
  } catch {
    apt(['update']);
    install();
  }
  return present();
}
