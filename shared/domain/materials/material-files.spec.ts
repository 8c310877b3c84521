import { acceptedFileType, ACCEPTED_FILE_TYPES, DEFAULT_MAX_FILE_BYTES } from './material-files';

describe('R28 accepted file types', () => {
  it('R28: PDF and common images are previewable; office documents are download only', () => {
    expect(acceptedFileType('pdf')).toEqual({ detected: 'pdf', contentType: 'application/pdf', previewable: true });
    expect(acceptedFileType('jpg')?.previewable).toBe(true);
    expect(acceptedFileType('docx')?.previewable).toBe(false);
    expect(acceptedFileType('cfb')?.contentType).toBe('application/octet-stream');
  });

  it('R28: an executable, a bare archive, script or unknown content is refused', () => {
    for (const detected of ['exe', 'elf', 'zip', 'xml', 'html', undefined]) expect(acceptedFileType(detected)).toBeNull();
  });

  it('R28: no accepted type is served as something a browser would run', () => {
    for (const t of ACCEPTED_FILE_TYPES) expect(t.contentType).not.toMatch(/html|javascript|svg|xml$/);
    expect(DEFAULT_MAX_FILE_BYTES).toBe(52_428_800);
  });
});
