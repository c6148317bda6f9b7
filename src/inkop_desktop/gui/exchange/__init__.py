"""Excel export and import commands of the list views."""
