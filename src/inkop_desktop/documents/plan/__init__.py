"""Upphandlingsplanen as a printable PDF."""
