/** Columns every domain row has (ARCHITECTURE.md §4). Dates are ISO-8601 UTC text. */
export interface RowColumns {
  id: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
}
