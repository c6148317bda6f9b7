"""PySide6 user interface: the main window shell, list views, dialogs and background tasks."""
