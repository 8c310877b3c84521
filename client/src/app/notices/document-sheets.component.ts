import { ChangeDetectionStrategy, Component, input, ViewEncapsulation } from '@angular/core';
import type { DocumentLayout } from '@hub/shared';

/**
 * R17: a document as A4 sheets, one per copy (R9: receipts and pickups print three in one run),
 * from the same layout the server draws its PDF from: number top-right, title centred, body,
 * signatures, issuer, seal line and date. In Chinese as issued, or in English for an English reader
 * (the English print says the Chinese text prevails).
 */
@Component({
  selector: 'hub-document-sheets',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Print rules (@page, page breaks) must reach the page itself, so these styles are not scoped;
  // every class here starts with doc-.
  encapsulation: ViewEncapsulation.None,
  template: `
    @for (copy of layout().copies; track $index) {
      <article
        class="doc-sheet"
        [attr.lang]="lang()"
        data-testid="document-sheet"
        [attr.aria-label]="layout().title + (copy.label ? ' ' + copy.label : '')"
      >
        <header class="doc-head">
          <span class="doc-copy" data-testid="document-copy">{{ copy.label }}</span>
          <span class="doc-number" data-testid="document-number">{{ layout().number }}</span>
        </header>
        <h1 class="doc-title">{{ layout().title }}</h1>
        @if (layout().correction; as correction) {
          <p class="doc-strong">{{ correction }}</p>
        }
        @if (copy.note; as note) {
          <p class="doc-strong" data-testid="document-note">{{ note }}</p>
        }
        @if (layout().addressee; as addressee) {
          <p class="doc-addressee">{{ addressee }}</p>
        }
        @for (block of layout().blocks; track $index) {
          @switch (block.type) {
            @case ('heading') {
              <h2 class="doc-heading">{{ block.text }}</h2>
            }
            @case ('paragraph') {
              <p [class.doc-indent]="block.indent">{{ block.text }}</p>
            }
            @case ('fields') {
              <table class="doc-table doc-fields">
                <tbody>
                  @for (row of block.rows; track $index) {
                    <tr>
                      <th scope="row">{{ row.label }}</th>
                      <td>{{ row.value }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            }
            @case ('table') {
              <table class="doc-table">
                <colgroup>
                  @for (w of block.widths; track $index) {
                    <col [style.width.%]="(100 * w) / total(block.widths)" />
                  }
                </colgroup>
                <thead>
                  <tr>
                    @for (h of block.head; track $index) {
                      <th scope="col">{{ h }}</th>
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (row of block.rows; track $index) {
                    <tr>
                      @for (cell of row; track $index) {
                        <td>{{ cell }}</td>
                      }
                    </tr>
                  }
                </tbody>
              </table>
            }
          }
        }
        <footer class="doc-foot">
          <div class="doc-signatures">
            @for (s of layout().signatures; track $index) {
              <p>{{ s.label }}：{{ s.name }}</p>
            }
          </div>
          <div class="doc-closing">
            <p>{{ layout().closing.issuer }}</p>
            <p class="doc-seal">{{ layout().closing.seal }}</p>
            <p>{{ layout().closing.date }}</p>
          </div>
        </footer>
      </article>
    }
  `,
  styles: `
    .doc-sheet {
      box-sizing: border-box;
      width: 210mm;
      min-height: 297mm;
      margin: 0 auto 8mm;
      padding: 12mm 22mm 22mm 25mm;
      background: #fff;
      color: #000;
      box-shadow: 0 1px 6px rgb(0 0 0 / 0.18);
      font-size: 12pt;
      line-height: 1.75;
    }
    .doc-head {
      display: flex;
      justify-content: space-between;
      min-height: 2.4em;
      align-items: flex-end;
    }
    .doc-copy {
      font-weight: 700;
      font-size: 9.5pt;
    }
    .doc-title {
      margin: 6mm 0 5mm;
      text-align: center;
      font-size: 20pt;
      letter-spacing: 0.1em;
    }
    .doc-heading {
      margin: 0.6em 0 0.2em;
      font-size: 12.5pt;
    }
    .doc-sheet p {
      margin: 0 0 0.4em;
    }
    .doc-foot p {
      margin: 0 0 0.15em;
    }
    .doc-indent {
      text-indent: 2em;
    }
    .doc-strong {
      font-weight: 700;
    }
    .doc-table {
      width: 100%;
      margin: 0.3em 0 0.8em;
      border-collapse: collapse;
      font-size: 11pt;
      line-height: 1.5;
    }
    .doc-table th,
    .doc-table td {
      border: 0.6pt solid #333;
      padding: 1mm 1.5mm;
      text-align: left;
      vertical-align: top;
      background: none;
    }
    .doc-table th {
      background: #f1f3f5;
    }
    .doc-fields th {
      width: 30%;
    }
    .doc-foot {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      margin-top: 8mm;
      break-inside: avoid;
    }
    .doc-closing {
      margin-right: 2em;
      text-align: right;
    }
    .doc-seal {
      color: #b3261e;
    }
    @page {
      size: A4;
      margin: 0;
    }
    @media print {
      .doc-sheet {
        margin: 0;
        box-shadow: none;
        break-after: page;
      }
      .doc-sheet:last-of-type {
        break-after: auto;
      }
    }
  `,
})
export class DocumentSheetsComponent {
  readonly layout = input.required<DocumentLayout>();
  /** The sheet's language, for screen readers and hyphenation: zh-CN as issued, or en. */
  readonly lang = input<'zh-CN' | 'en'>('zh-CN');

  protected total(widths: number[]): number {
    return widths.reduce((a, b) => a + b, 0);
  }
}
