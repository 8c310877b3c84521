import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FILE_PICKER_ACCEPT, type MaterialFileView, type MaterialView } from '@hub/shared';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import { problemMessages, readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';

/** R28: sends one file as the request body (streamed by the hub), reporting upload progress; fetch cannot. */
export function uploadMaterialFile(materialId: string, file: File, progress: (fraction: number) => void): Promise<MaterialFileView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/materials/${encodeURIComponent(materialId)}/files`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as MaterialFileView);
      else reject(new HttpErrorResponse({ status: xhr.status, error: xhr.responseText }));
    };
    xhr.onerror = () => reject(new HttpErrorResponse({ status: 0, error: null }));
    xhr.send(file);
  });
}

const fileUrl = (f: MaterialFileView, inline = false) => `/api/material-files/${encodeURIComponent(f.id)}${inline ? '?inline=1' : ''}`;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * R28: one material's files — list with hash, download, inline preview of PDFs and images (a modal
 * dialog: Esc closes, focus returns), and, for the window or the material's department, attach with
 * progress. The size limit is checked here first so a too-large file is not sent at all.
 */
@Component({
  selector: 'hub-material-files',
  imports: [TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="files" [attr.data-testid]="'files-' + material().name">
      @if (files().length === 0) {
        <span class="muted small">{{ 'files.none' | t }}</span>
      } @else {
        <ul class="file-list">
          @for (f of files(); track f.id) {
            <li [attr.data-testid]="'file-' + f.name">
              <span class="file-name">{{ f.name }}</span>
              <span class="muted small" [title]="f.sha256">{{
                'files.meta' | t: { size: size(f.size), by: f.attachedBy, at: (f.attachedAt | hubTime), hash: f.sha256.slice(0, 12) + '…' }
              }}</span>
              @if (f.previewable) {
                <button
                  type="button"
                  class="button-link"
                  [attr.aria-label]="'files.previewOf' | t: { name: f.name }"
                  [attr.data-testid]="'file-preview-' + f.name"
                  (click)="preview(f, $event)"
                >
                  {{ 'files.preview' | t }}
                </button>
              }
              <a
                [href]="url(f)"
                [attr.aria-label]="'files.downloadOf' | t: { name: f.name }"
                [attr.data-testid]="'file-download-' + f.name"
                download
                >{{ 'files.download' | t }}</a
              >
            </li>
          }
        </ul>
      }
      @if (canAttach()) {
        <label class="button-secondary attach" [for]="'file-input-' + material().id">{{ 'files.attach' | t }}</label>
        <input
          class="visually-hidden"
          type="file"
          [id]="'file-input-' + material().id"
          [accept]="accept"
          [attr.aria-label]="'files.choose' | t: { name: material().name }"
          [attr.aria-describedby]="'file-hint-' + material().id"
          [attr.data-testid]="'file-input-' + material().name"
          [disabled]="uploading() !== null"
          (change)="attach($event)"
        />
        <span class="muted small" [id]="'file-hint-' + material().id">{{ 'files.hint' | t: { mb: limitMb() } }}</span>
      }
      <div aria-live="polite">
        @if (uploading(); as u) {
          <label class="small" [for]="'file-progress-' + material().id">{{
            'files.uploading' | t: { name: u.name, percent: u.percent }
          }}</label>
          <progress
            [id]="'file-progress-' + material().id"
            max="100"
            [value]="u.percent"
            [attr.data-testid]="'file-progress-' + material().name"
          ></progress>
        }
        @if (error(); as e) {
          <p class="field-error" role="alert" [attr.data-testid]="'file-error-' + material().name">{{ e }}</p>
        }
      </div>
      <dialog
        #dialog
        class="preview"
        [attr.aria-label]="shown() ? ('files.previewTitle' | t: { name: shown()!.name }) : null"
        (close)="closed()"
      >
        @if (shown(); as f) {
          <div class="preview-bar">
            <strong>{{ f.name }}</strong>
            <a [href]="url(f)" download>{{ 'files.download' | t }}</a>
            <button type="button" class="button-secondary" data-testid="file-preview-close" (click)="dialog.close()">
              {{ 'files.close' | t }}
            </button>
          </div>
          @if (f.contentType === 'application/pdf') {
            <iframe [src]="previewUrl()" [title]="'files.previewTitle' | t: { name: f.name }" data-testid="file-preview-frame"></iframe>
          } @else {
            <img [src]="imageUrl(f)" [alt]="f.name" data-testid="file-preview-image" />
          }
        }
      </dialog>
    </div>
  `,
  styles: `
    .file-list {
      list-style: none;
      margin: 0 0 0.25rem;
      padding: 0;
    }
    .file-list li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: baseline;
    }
    .file-name {
      word-break: break-all;
    }
    .attach {
      cursor: pointer;
      display: inline-block;
      margin-right: 0.4rem;
    }
    input[type='file']:focus-visible + .muted,
    input[type='file']:focus + .muted {
      outline: 2px solid var(--brand);
    }
    .preview {
      width: min(90vw, 60rem);
      height: 85vh;
      padding: 0.5rem;
    }
    .preview-bar {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
    .preview iframe {
      width: 100%;
      height: calc(100% - 3rem);
      border: 1px solid var(--line);
    }
    .preview img {
      max-width: 100%;
      max-height: calc(100% - 3rem);
    }
  `,
})
export class MaterialFilesComponent {
  protected readonly i18n = inject(I18nService);

  readonly material = input.required<MaterialView>();
  readonly files = input.required<MaterialFileView[]>();
  readonly canAttach = input(false);
  readonly maxBytes = input.required<number>();
  /** A file was attached: the panel reloads (the card entry arrives live as well). */
  readonly changed = output<void>();

  protected readonly accept = FILE_PICKER_ACCEPT;
  protected readonly uploading = signal<{ name: string; percent: number } | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly shown = signal<MaterialFileView | null>(null);
  protected readonly limitMb = computed(() => Math.round((this.maxBytes() / 1024 / 1024) * 10) / 10); // as the server words it: 1.5 MB, not 2
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private opener: HTMLElement | null = null;

  protected url = (f: MaterialFileView) => fileUrl(f);
  protected imageUrl = (f: MaterialFileView) => fileUrl(f, true);
  private readonly sanitizer = inject(DomSanitizer);
  /** The hub's own URL for a file it typed itself (PDF or image, served inline): trusted as a frame source. */
  protected previewUrl = computed<SafeResourceUrl | string>(() => {
    const f = this.shown();
    return f ? this.sanitizer.bypassSecurityTrustResourceUrl(fileUrl(f, true)) : '';
  });
  protected size = formatSize;

  protected async attach(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again (a new attach, a new card entry)
    if (!file) return;
    this.error.set(null);
    if (file.size > this.maxBytes()) {
      this.error.set(this.i18n.t('files.tooLarge', { name: file.name, mb: this.limitMb() }));
      return;
    }
    this.uploading.set({ name: file.name, percent: 0 });
    try {
      await uploadMaterialFile(this.material().id, file, (fraction) =>
        this.uploading.set({ name: file.name, percent: Math.floor(fraction * 100) }),
      );
      this.changed.emit();
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.error.set(problemMessages(problem).join('；') || this.i18n.t('common.networkError'));
    } finally {
      this.uploading.set(null);
    }
  }

  protected preview(f: MaterialFileView, event: Event): void {
    this.opener = event.currentTarget as HTMLElement;
    this.shown.set(f);
    this.dialog().nativeElement.showModal();
  }

  protected closed(): void {
    this.shown.set(null);
    this.opener?.focus();
  }
}
