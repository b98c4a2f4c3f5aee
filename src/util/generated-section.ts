/**
 * Generated sections of hand-written files (README tables, the key list of docs/config.md):
 * the text between a begin and an end marker line is owned by a generator.
 */
export interface SectionMarkers {
  readonly begin: string;
  readonly end: string;
}

/** `text` with the section between the markers replaced by `body`. */
export function replaceSection(text: string, markers: SectionMarkers, body: string): string {
  const i = text.indexOf(markers.begin);
  const j = text.indexOf(markers.end);
  if (i === -1 || j === -1 || j < i) throw new Error(`markers not found: ${markers.begin} ... ${markers.end}`);
  return `${text.slice(0, i + markers.begin.length)}\n${body}\n${text.slice(j)}`;
}
