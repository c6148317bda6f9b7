"""Administration dialogs: dated reference values."""
