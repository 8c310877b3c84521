/**
 * R28: which files a material may be received as, decided from the content's detected type
 * (file-type), never from the name. PDF and common images may be previewed in the browser;
 * Word/Excel/WPS (OOXML, and the older OLE compound format both Office and WPS write) are offered
 * for download only.
 */
export interface AcceptedFileType {
  /** What the detector reports (file-type's `ext`). */
  detected: string;
  /** The content type the hub sends back: fixed here, never taken from the request. */
  contentType: string;
  previewable: boolean;
}

export const ACCEPTED_FILE_TYPES: readonly AcceptedFileType[] = [
  { detected: 'pdf', contentType: 'application/pdf', previewable: true },
  { detected: 'png', contentType: 'image/png', previewable: true },
  { detected: 'jpg', contentType: 'image/jpeg', previewable: true },
  { detected: 'gif', contentType: 'image/gif', previewable: true },
  { detected: 'webp', contentType: 'image/webp', previewable: true },
  { detected: 'tif', contentType: 'image/tiff', previewable: false },
  { detected: 'bmp', contentType: 'image/bmp', previewable: false },
  { detected: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', previewable: false },
  { detected: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', previewable: false },
  { detected: 'pptx', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', previewable: false },
  // .doc, .xls, .wps, .et: the OLE compound file format; its inner kind is not told apart, so it is served as bytes.
  { detected: 'cfb', contentType: 'application/octet-stream', previewable: false },
];

/** R28 (setting): the default size limit of one file. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
/** R28 (setting): the size limits an admin may set, 1 MB – 2 GB. */
export const MAX_FILE_BYTES_RANGE = { min: 1024 * 1024, max: 2 * 1024 * 1024 * 1024 } as const;

/** The accepted type for what the detector found, or null: refused (an .exe renamed .pdf, plain text, a bare zip…). */
export function acceptedFileType(detected: string | undefined): AcceptedFileType | null {
  return ACCEPTED_FILE_TYPES.find((t) => t.detected === detected) ?? null;
}

/** The `accept` list a file picker offers (a hint only: the server decides from the content). */
export const FILE_PICKER_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.bmp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et';
