// Downloads a supervision answer as CSV or XLSX: the bearer token cannot ride
// on a plain link, so the file is fetched and handed to the browser as a blob.
import * as session from '../../session.js';

export async function downloadTable(path, format, fileName) {
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`${path}${sep}format=${format}`, { headers: { authorization: `Bearer ${session.token()}` } });
  if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileName}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
