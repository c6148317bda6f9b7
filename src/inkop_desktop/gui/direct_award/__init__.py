"""Direktupphandling: the guided record editor, its dialogs, the PDF preview and the report."""
