// Whether another user can reach a path, read from the mode bits of the path and
// every folder above it: PostgreSQL runs as its own user when we are root, and
// the kernel checks each folder on the way with that user's ids. Supplementary
// groups do not count: Node drops them when it spawns a process as another user.
// ACLs are not read; an ACL that grants access only makes us relocate needlessly.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface UserIds {
  uid: number;
  gid: number;
}

/** `access`: what the user needs on the path itself ('x' to enter a folder or run a file, 'rx', 'wx'). */
export async function canReach(path: string, user: UserIds, access: 'x' | 'rx' | 'wx'): Promise<boolean> {
  const target = resolve(path);
  const folders: string[] = [];
  for (let folder = dirname(target); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (folder === dirname(folder)) break;
  }
  for (const folder of folders) if (!(await allows(folder, user, 'x'))) return false;
  return allows(target, user, access);
}

async function allows(path: string, user: UserIds, access: 'x' | 'rx' | 'wx'): Promise<boolean> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return false;
  }
  if (user.uid === 0) return true;
  // The kernel picks one class (owner, else group, else other) and reads only its bits.
  const shift = info.uid === user.uid ? 6 : info.gid === user.gid ? 3 : 0;
  const bits = (info.mode >> shift) & 0o7;
  const wanted = (access.includes('r') ? 4 : 0) | (access.includes('w') ? 2 : 0) | 1;
  return (bits & wanted) === wanted;
}
