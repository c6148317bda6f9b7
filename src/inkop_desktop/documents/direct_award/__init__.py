"""The direct-award PDFs and the inköpsnämnd's spreadsheet report."""
