// The attachment settings of the process configuration.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('attachment configuration', () => {
  it('stores files under <DATA_DIR>/attachments and accepts up to 20 MiB by default', () => {
    expect(parseConfig({})).toMatchObject({ attachmentsDir: join('.data', 'attachments'), attachmentMaxBytes: 20 * 1024 * 1024 });
    expect(parseConfig({ DATA_DIR: '/var/lib/motcua' }).attachmentsDir).toBe('/var/lib/motcua/attachments');
  });

  it('takes ATTACHMENTS_DIR and ATTACHMENT_MAX_BYTES from the environment', () => {
    expect(parseConfig({ ATTACHMENTS_DIR: '/mnt/scans', ATTACHMENT_MAX_BYTES: '5242880' })).toMatchObject({ attachmentsDir: '/mnt/scans', attachmentMaxBytes: 5242880 });
  });

  it('refuses a limit that is not a whole number of bytes from 1 to 1 GiB', () => {
    expect(() => parseConfig({ ATTACHMENT_MAX_BYTES: '20MB' })).toThrow('ATTACHMENT_MAX_BYTES=20MB must be a whole number from 1 to 1073741824');
    expect(() => parseConfig({ ATTACHMENT_MAX_BYTES: '0' })).toThrow('ATTACHMENT_MAX_BYTES=0 must be a whole number from 1 to 1073741824');
  });
});
