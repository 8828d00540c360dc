"""Spreadsheets: what kxtui's XLSX and CSV files look like (columns, cells, place
names), reading them, importing activities and volunteers, exporting the ledger, the
roster and the audit log, and where an officer's files go."""
