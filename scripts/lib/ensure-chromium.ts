/**
 * When no Chromium is found: install Debian's `chromium` and a CJK font if we are root with apt-get,
 * otherwise print a one-line instruction. Returns the browser's path, or undefined.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../../tests/support/chromium.ts';

export function ensureChromium(): string | undefined {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      'No Chromium found: install it (Debian: sudo apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH.',
    );
    return undefined;
  }
  console.log("No Chromium found: installing Debian's chromium and a CJK font (apt-get)…");
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], {
    stdio: 'inherit',
    env: aptEnv,
  });
  const found = findChromium();
  if (!found)
    console.error(
      'Installing chromium failed: install it by hand (apt-get install chromium) or set CHROMIUM_PATH.',
    );
  return found;
}
