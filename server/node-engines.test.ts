// The Node.js version the README promises is one every installed package
// accepts: `npm install` on that version prints no EBADENGINE warning. Read from
// package-lock.json, which pins what `npm ci` installs.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
const readme = readFileSync('README.md', 'utf8');

it('the README states the oldest Node.js of package.json engines', () => {
  const oldest = semver.minVersion(manifest.engines.node)!;
  expect(readme).toContain(`Node.js ${oldest.major}.${oldest.minor} or newer`);
});

it('every locked package accepts every Node.js version package.json allows', () => {
  const refusing = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.optional && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
    .filter(([, entry]) => !semver.subset(manifest.engines.node, (entry.engines as { node: string }).node))
    .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')} wants node ${(entry.engines as { node: string }).node}`);
  expect(refusing).toEqual([]);
});
