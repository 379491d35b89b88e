/**
 * Finds a Chromium for the browser tests: CHROMIUM_PATH, Playwright's own download, or the OS package.
 * Returns undefined when none is installed.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const OS_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* Playwright has no browser of its own here */
  }
  return OS_PATHS.find((p) => existsSync(p));
}

/** Flags that keep Chromium from calling the internet and let it run as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
