/**
 * Request-body parsing for the fake Discord server: JSON bodies and
 * multipart/form-data bodies (discord.js sends multipart, with the JSON in a
 * `payload_json` part, whenever files are attached).
 */

export interface UploadedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  /** Parsed JSON (the `payload_json` part for multipart bodies); `undefined` when there was no body. */
  json: unknown;
  files: UploadedFile[];
  /** Non-file multipart fields other than payload_json. */
  fields: Record<string, string>;
  raw: Buffer;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    return text;
  }
}

function headerParam(header: string, name: string): string | undefined {
  const match = new RegExp(`${name}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`${name}=([^;\\s]+)`, 'i').exec(header);
  return match?.[1];
}

function parseMultipart(raw: Buffer, boundary: string): ParsedBody {
  const result: ParsedBody = { json: undefined, files: [], fields: {}, raw };
  const delimiter = Buffer.from(`--${boundary}`);
  let position = raw.indexOf(delimiter);
  while (position !== -1) {
    const partStart = position + delimiter.length;
    // "--" right after a delimiter marks the end of the body.
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Part = CRLF headers CRLF CRLF content CRLF
    const part = raw.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headerText = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const headers = new Map<string, string>();
      for (const line of headerText.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const disposition = headers.get('content-disposition') ?? '';
      const field = headerParam(disposition, 'name') ?? '';
      const filename = headerParam(disposition, 'filename');
      if (filename !== undefined) {
        result.files.push({
          field,
          filename,
          contentType: headers.get('content-type') ?? 'application/octet-stream',
          data: Buffer.from(content),
        });
      } else if (field === 'payload_json') {
        result.json = parseJson(content.toString('utf8'));
      } else {
        result.fields[field] = content.toString('utf8');
      }
    }
    position = next;
  }
  return result;
}

/** Parses a raw request body according to its content-type header. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { json: undefined, files: [], fields: {}, raw };
  const type = contentType ?? '';
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const boundary = headerParam(type, 'boundary');
    if (boundary) return parseMultipart(raw, boundary);
  }
  return { json: parseJson(raw.toString('utf8')), files: [], fields: {}, raw };
}
