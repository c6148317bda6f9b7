"""The jäv PDFs: jävsdeklaration, sekretessförbindelse and jävsprotokoll."""
