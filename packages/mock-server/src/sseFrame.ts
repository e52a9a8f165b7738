/** One Server-Sent Events frame. A multi-line payload needs one `data:` line per line. */
export function sseFrame(fields: { id?: string; event?: string; data: string }): string {
  let frame = '';
  if (fields.id !== undefined) frame += `id: ${fields.id}\n`;
  if (fields.event !== undefined) frame += `event: ${fields.event}\n`;
  for (const line of fields.data.split('\n')) frame += `data: ${line}\n`;
  return `${frame}\n`;
}
