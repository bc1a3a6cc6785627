// The text encodings a file may be read in, shared by the customer wizard and the contacts form.
import type { SourceOptions, TextEncoding } from '../ipc/client';

/** A text file's encoding, or 'auto' to let the core find it out from the bytes. */
export type Encoding = TextEncoding | 'auto';

export const ENCODINGS: { value: TextEncoding; label: string }[] = [
  { value: 'utf8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GBK / GB18030' },
  { value: 'utf16le', label: 'UTF-16' },
];

/** How the core should read the file: only the encoding is ever chosen here. */
export function sourceOptions(encoding: Encoding): SourceOptions {
  return { format: null, encoding: encoding === 'auto' ? null : encoding, delimiter: null };
}
