"""Documents: PDFs, spreadsheets and calendar exports; DTO in, bytes out (no Qt, no database)."""
