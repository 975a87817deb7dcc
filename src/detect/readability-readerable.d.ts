// Types for the one module of @mozilla/readability the content script loads: the readerable
// check alone (~1 KB), never the full Readability parser.
declare module '@mozilla/readability/Readability-readerable.js' {
  interface ReaderableOptions {
    minScore?: number;
    minContentLength?: number;
    visibilityChecker?: (node: Node) => boolean;
  }
  export default function isProbablyReaderable(document: Document, options?: ReaderableOptions): boolean;
}
