// How a place reads: "中国/山东/青岛", "中国" for a whole country, "*/山东" for Shandong in any
// country. Trailing empty parts are dropped; an empty part before a named one is any (*).
import type { Place } from '../../ipc/client';

export function placeText(place: Place): string {
  const parts = [place.country, place.province, place.city].map((p) => p?.trim() ?? '');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => p || '*').join('/');
}
