/** What the options page's store panels need (the options entry point wires it to the store). */
import type { ExportFormat, ExportProgress, ExportResult } from '../../export/export-store';
import type { RetentionReport } from '../../retention/report';
import type { RetentionPolicy } from '../../retention/select';

export interface StoreApi {
  /** Builds the export file of the whole store. */
  exportStore(format: ExportFormat, onProgress: (progress: ExportProgress) => void): Promise<ExportResult>;
  /** Empties the store (feed subscriptions and settings stay); the store announces it. */
  deleteAll(): Promise<void>;
  /** What applying this retention policy would delete now. */
  previewRetention(policy: RetentionPolicy): Promise<{ deletes: number; keptRead: number }>;
  loadRetentionReport(): Promise<RetentionReport | null>;
  /** Calls back with each new report; returns the unsubscribe. */
  watchRetentionReport(callback: (report: RetentionReport) => void): () => void;
}
