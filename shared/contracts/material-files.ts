/** R28: one file attached to a material. Files are never changed: a new version is a new file. */
export interface MaterialFileView {
  id: string;
  materialId: string;
  /** The name as the uploader's computer called it (shown and offered on download, never trusted for the type). */
  name: string;
  /** SHA-256 of the content, hex: the same value as on the card. */
  sha256: string;
  size: number;
  /** The type found in the content (file-type), never the one the name or the browser claimed. */
  contentType: string;
  /** PDF or image: the browser may show it inline. */
  previewable: boolean;
  attachedBy: string;
  attachedAt: string;
}

export interface MaterialFilesSettings {
  /** R28 (setting): the largest file accepted, in bytes. */
  maxBytes: number;
}
