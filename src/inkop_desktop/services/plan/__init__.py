"""Upphandlingsplanen: list, edit, workflow, coordination and the timeline."""
